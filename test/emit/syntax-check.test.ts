/**
 * The bare syntax check (files a listen guard need not parse) accepts and refuses exactly what
 * jscodeshift's own parser for the extension does, with the same error.
 */
import { parserFor } from '../../src/discover';
import { syntaxCheck } from '../../src/emit/syntax-check';

// jscodeshift's parser factory ships without types.
const getParser = require('jscodeshift/src/getParser') as (name: string) => { parse(source: string): unknown };

const CASES: Array<[string, string]> = [
  ['a.js', "router.get('/', (req, res) => { res.json(1) ;; );"],
  ['a.ts', 'const x: = 1;'],
  ['a.js', 'let a = <div>;'],
  ['a.tsx', 'const a = <div>{x}</div>;'],
  ['a.ts', 'const a = <T,>(x: T) => x; enum E { A } let y = z as const;'],
  ['a.js', '#!/usr/bin/env node\nreturn 1;'],
  ['a.js', '@dec class A {}\na ?? b; a?.b;'],
  ['a.js', 'export * as ns from "x";\nexport v from "mod";'],
  ['a.mjs', 'await 1;'],
  ['a.cts', 'import x = require("y"); export = x;'],
];

const errorOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return `${(e as Error).message} ${JSON.stringify((e as { loc?: unknown }).loc)}`;
  }
};

test.each(CASES)('%s: %s', (file, source) => {
  expect(errorOf(() => syntaxCheck(file, source))).toBe(errorOf(() => getParser(parserFor(file)).parse(source)));
});
