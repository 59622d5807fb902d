import * as path from 'node:path';
import { applyTransform, toLoadedTransform, type TransformModule, type TransformTestOptions } from './apply-transform';
import { readFixturePair } from './fixtures';

/** The test-framework globals the helpers use (jest, or vitest with `globals: true`). */
interface TestGlobals {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  expect(actual: unknown): { toBe(expected: unknown): void; toMatchSnapshot(): void };
}

function testGlobals(): TestGlobals {
  const g = globalThis as Partial<TestGlobals>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.expect !== 'function') {
    throw new Error('lambdashift testing helpers need the describe/it/expect globals of jest (or vitest with globals: true)');
  }
  return g as TestGlobals;
}

type TransformOptions = Record<string, unknown> | null | undefined;

/**
 * Checks that the transform turns `input` into `expected` exactly (no trimming), then that a
 * second run over `expected` leaves it unchanged (idempotence).
 *
 * @example
 * import { runInlineTest } from 'lambdashift';
 * import varToLet from '../var-to-let';
 * it('leaves const alone in TypeScript', () =>
 *   runInlineTest(varToLet, {}, { path: 'a.ts', source: 'const a: number = 1;\n' }, 'const a: number = 1;\n'));
 */
export async function runInlineTest(
  module: TransformModule,
  options: TransformOptions,
  input: { path?: string; source: string },
  expected: string,
  testOptions?: TransformTestOptions,
): Promise<string> {
  const { expect } = testGlobals();
  const output = await applyTransform(module, options, input, testOptions);
  expect(output).toBe(expected);
  const again = await applyTransform(module, options, { path: input.path, source: expected }, testOptions);
  expect(again).toBe(expected);
  return output;
}

/**
 * Defines a fixture test in the spirit of jscodeshift's `defineTest`: the transform is the
 * module `<dirName>/../<transformName>` (any supported extension, TypeScript included), the
 * fixtures are `<dirName>/../__testfixtures__/<fixturePrefix>.input.<ext>` and `.output.<ext>`
 * (`fixturePrefix` defaults to `transformName` and may contain a directory, e.g.
 * `guard-listen/basic`). Output must match byte for byte, and running the transform on the
 * output fixture must change nothing.
 *
 * @example
 * // transforms/__tests__/var-to-let.test.ts
 * import { defineTest } from 'lambdashift';
 * // runs transforms/var-to-let.ts on transforms/__testfixtures__/var-to-let/basic.input.js, expects basic.output.js
 * defineTest(__dirname, 'var-to-let', null, 'var-to-let/basic');
 */
export function defineTest(
  dirName: string,
  transformName: string,
  options?: TransformOptions,
  fixturePrefix?: string,
  testOptions?: TransformTestOptions,
): void {
  const { describe, it } = testGlobals();
  const prefix = fixturePrefix ?? transformName;
  const fixtureDir = path.join(dirName, '..', '__testfixtures__');
  const load = () => toLoadedTransform(path.join(dirName, '..', transformName), dirName).transform;
  const suffix = fixturePrefix ? ` using "${fixturePrefix}" data` : '';
  describe(transformName, () => {
    it(`transforms correctly${suffix}`, async () => {
      const fixture = readFixturePair(fixtureDir, prefix);
      const output = await applyTransform(load(), options, { path: fixture.inputPath, source: fixture.input }, testOptions);
      testGlobals().expect(output).toBe(fixture.output);
    });
    it(`is idempotent${suffix} (changes nothing in its own output)`, async () => {
      const fixture = readFixturePair(fixtureDir, prefix);
      const again = await applyTransform(load(), options, { path: fixture.outputPath, source: fixture.output }, testOptions);
      testGlobals().expect(again).toBe(fixture.output);
    });
  });
}

/**
 * Defines a test of `input` → `expectedOutput` (exact), including the idempotence check.
 *
 * @example
 * import { defineInlineTest } from 'lambdashift';
 * import varToLet from '../var-to-let';
 * defineInlineTest(varToLet, {}, 'var a = 1;\n', 'let a = 1;\n', 'turns var into let');
 */
export function defineInlineTest(
  module: TransformModule,
  options: TransformOptions,
  input: string,
  expectedOutput: string,
  testName?: string,
  testOptions?: TransformTestOptions,
): void {
  testGlobals().it(testName ?? 'transforms correctly', async () => {
    await runInlineTest(module, options, { source: input }, expectedOutput, testOptions);
  });
}

/**
 * Defines a test comparing the transform's output on `input` with a stored snapshot.
 *
 * @example
 * import { defineSnapshotTest } from 'lambdashift';
 * import varToLet from '../var-to-let';
 * defineSnapshotTest(varToLet, {}, 'var a = 1;\nvar b = a;\n', 'var-to-let snapshot');
 */
export function defineSnapshotTest(
  module: TransformModule,
  options: TransformOptions,
  input: string,
  testName?: string,
  testOptions?: TransformTestOptions,
): void {
  const { it, expect } = testGlobals();
  it(testName ?? 'transforms correctly', async () => {
    expect(await applyTransform(module, options, { source: input }, testOptions)).toMatchSnapshot();
  });
}
