import * as path from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { applyTransform, defineInlineTest, defineSnapshotTest, defineTest, readFixturePair, runInlineTest } from '../../src/testing';

const transforms = path.join(__dirname, 'transforms');
const fixtures = path.join(transforms, '__testfixtures__');
// defineTest looks for the transform and __testfixtures__ one level above the test directory.
const testDir = path.join(transforms, '__tests__');

const renameCjs = require('./transforms/rename-foo.cjs') as (file: FileInfo, api: API) => string;

describe('defineTest', () => {
  defineTest(testDir, 'rename-foo');
  defineTest(testDir, 'rename-foo', null, 'cases/jsx');
});

describe('defineInlineTest', () => {
  defineInlineTest(renameCjs, {}, 'foo(foo);\n', 'bar(bar);\n', 'renames with a required CommonJS module');
  defineInlineTest({ default: renameCjs, parser: 'ts' }, {}, 'let foo: string;\n', 'let bar: string;\n', 'honours a parser export');
});

describe('defineSnapshotTest', () => {
  defineSnapshotTest(path.join(transforms, 'rename-foo.ts'), {}, 'const foo = 1;\n', 'matches the stored snapshot', { parser: 'ts' });
});

describe('applyTransform', () => {
  it('keeps the output exactly, trailing newlines included', async () => {
    const stripsFinalNewline = (file: FileInfo) => file.source.replace(/\n$/, '');
    expect(await applyTransform(stripsFinalNewline, {}, { source: 'x\n\n' })).toBe('x\n');
  });

  it('returns the input when the transform returns nothing', async () => {
    expect(await applyTransform(() => undefined, {}, { source: 'same\n' })).toBe('same\n');
  });

  it('loads a transform by path and picks the parser from the input path', async () => {
    const out = await applyTransform(path.join(transforms, 'rename-foo.ts'), {}, { path: 'x.tsx', source: 'const foo = <T,>(x: T) => <a>{foo}</a>;\n' });
    expect(out).toBe('const bar = <T,>(x: T) => <a>{bar}</a>;\n');
  });

  it('passes options and awaits async transforms', async () => {
    const asyncWithOptions = async (file: FileInfo, _api: API, options: { to?: string }) => file.source.replace('a', options.to ?? '?');
    expect(await applyTransform(asyncWithOptions, { to: 'b' }, { source: 'a' })).toBe('b');
  });

  it('rejects with the parse error', async () => {
    await expect(applyTransform(renameCjs, {}, { path: 'x.ts', source: 'const = ;' })).rejects.toThrow(/Unexpected token/);
  });
});

describe('runInlineTest', () => {
  it('fails a transform that changes its own output again (not idempotent)', async () => {
    const appendsLine = (file: FileInfo) => `${file.source}// again\n`;
    await expect(runInlineTest(appendsLine, {}, { source: 'x;\n' }, 'x;\n// again\n')).rejects.toThrow();
  });

  it('fails on a trailing newline difference', async () => {
    await expect(runInlineTest(renameCjs, {}, { source: 'foo;\n' }, 'bar;')).rejects.toThrow();
  });
});

describe('readFixturePair', () => {
  it('finds the fixture extension', () => {
    const pair = readFixturePair(fixtures, 'cases/jsx');
    expect(path.basename(pair.outputPath)).toBe('jsx.output.tsx');
    expect(pair.input).toBe('export const V = () => <b>{foo}</b>;\n');
  });

  it('reports a missing, ambiguous or unpaired fixture', () => {
    expect(() => readFixturePair(fixtures, 'cases/none')).toThrow(/no fixture cases\/none\.input/);
    expect(() => readFixturePair(fixtures, 'cases/ambiguous')).toThrow(/ambiguous fixture cases\/ambiguous: ambiguous.input.js, ambiguous.input.ts/);
    expect(() => readFixturePair(fixtures, 'cases/no-output')).toThrow(/missing no-output.output.js/);
  });
});
