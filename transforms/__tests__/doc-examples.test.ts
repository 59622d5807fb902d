/**
 * Each transform's doc comment shows a before/after example, and that comment is the
 * transform's documentation: this test runs every example so the docs cannot drift.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import extractInlineHandlers from '../extract-inline-handlers';
import exportNamedHandlers from '../export-named-handlers';
import guardListen from '../guard-listen';
import guardSchedules from '../guard-schedules';
import { runTransform } from './fixture-harness';

const TRANSFORMS: Record<string, Transform> = {
  'extract-inline-handlers': extractInlineHandlers as Transform,
  'export-named-handlers': exportNamedHandlers as Transform,
  'guard-listen': guardListen as Transform,
  'guard-schedules': guardSchedules as Transform,
};

/** The indented code block that follows the line starting with `label` in the doc comment. */
function codeAfter(doc: string[], label: RegExp): string {
  const start = doc.findIndex((l) => label.test(l));
  expect(start).toBeGreaterThanOrEqual(0);
  const lines: string[] = [];
  for (const line of doc.slice(start + 1)) {
    if (line === '' && lines.length === 0) continue;
    if (line !== '' && !line.startsWith('    ')) break;
    lines.push(line.slice(4));
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

for (const [name, transform] of Object.entries(TRANSFORMS)) {
  it(`${name}: the documented example is what the transform does`, () => {
    const source = fs.readFileSync(path.join(__dirname, '..', `${name}.ts`), 'utf8');
    const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)![1];
    const doc = comment.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const before = codeAfter(doc, /^Before\b/);
    const after = codeAfter(doc, /^After\b/);
    const file = /ES modules/.test(doc.find((l) => /^Before\b/.test(l)) ?? '') ? 'example.mjs' : 'example.js';
    expect(before.split('\n').length).toBeGreaterThan(4);
    expect(after).not.toBe(before);
    const { output } = runTransform(transform, file, before, {});
    expect(output).toBe(after);
  });
}
