/**
 * src/runtime ships to Lambda and can be vendored as-is: it may import only Node built-ins,
 * its own files, and types from @types/aws-lambda.
 */
import { builtinModules } from 'module';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as runtime from '../../src/runtime';

const RUNTIME_DIR = join(__dirname, '../../src/runtime');
const files = readdirSync(RUNTIME_DIR).filter((name) => name.endsWith('.ts'));
const local = new Set(files.map((name) => `./${name.replace(/\.ts$/, '')}`));

function imports(source: string): Array<{ spec: string; typeOnly: boolean }> {
  const found: Array<{ spec: string; typeOnly: boolean }> = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) found.push({ spec: match[3], typeOnly: match[2] !== undefined });
  for (const match of source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]/g)) found.push({ spec: match[1], typeOnly: false });
  return found;
}

test('the import scanner sees every form used', () => {
  const source = readFileSync(join(RUNTIME_DIR, 'handler.ts'), 'utf8');
  expect(imports(source)).toEqual(
    expect.arrayContaining([
      { spec: 'http', typeOnly: false },
      { spec: 'aws-lambda', typeOnly: true },
      { spec: './binary', typeOnly: false },
      { spec: './types', typeOnly: true },
    ]),
  );
  expect(imports("const x = require('express');")).toEqual([{ spec: 'express', typeOnly: false }]);
});

test.each(files)('%s imports only built-ins, its own files and aws-lambda types', (name) => {
  const found = imports(readFileSync(join(RUNTIME_DIR, name), 'utf8'));
  for (const { spec, typeOnly } of found) {
    if (spec.startsWith('.')) expect(local).toContain(spec);
    else if (spec === 'aws-lambda') expect(typeOnly).toBe(true);
    else expect(builtinModules).toContain(spec.replace(/^node:/, ''));
  }
});

test('the public API', () => {
  expect(Object.keys(runtime).sort()).toEqual(['createExpressHandler', 'createHttpHandler', 'createKoaHandler', 'createScheduledHandler']);
});
