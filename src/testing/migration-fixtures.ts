/**
 * Fixture tests for migration transforms: a small service in `input/` is migrated with the
 * transform, and every file the migration creates or modifies must equal its copy in
 * `output/`; applying the result and migrating again must change nothing.
 *
 *     transforms/__testfixtures__/<transform>/<case>/input/…      the service before
 *     transforms/__testfixtures__/<transform>/<case>/output/…     every created or modified file, after
 *     transforms/__testfixtures__/<transform>/<case>/diagnostics.txt   (optional) the transforms' diagnostics
 *
 * With `LAMBDASHIFT_UPDATE_FIXTURES=1` the expected files are (re)written from the actual
 * result instead of compared: review the diff before committing it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyChangeSet } from '../changes/writer';
import type { MigrateOptions } from '../migrate/migrate';
import { migrate } from '../migrate/migrate';
import type { Diagnostic } from '../model/diagnostic';
import type { MigrationTransform } from '../hooks/migration-transform';
import { resolveTransformPath } from '../runner/load-transform';

/** Migrate options a fixture may set (the root, and the transforms, come from the fixture). */
export type FixtureMigrateOptions = Omit<MigrateOptions, 'root' | 'transforms' | 'cwd'>;

export interface MigrationFixtureInput {
  /** Module path of the transform, or the transform object. */
  transform: string | MigrationTransform<any>;
  options?: Record<string, unknown>;
  /** The fixture case directory holding `input/`, `output/` and optionally `diagnostics.txt`. */
  fixtureDir: string;
  migrate?: FixtureMigrateOptions;
  /** Rewrite `output/` and `diagnostics.txt` from the result instead of comparing. Default: `LAMBDASHIFT_UPDATE_FIXTURES=1`. */
  update?: boolean;
}

export interface MigrationFixtureResult {
  /** One line per difference; empty when the fixture matches. */
  mismatches: string[];
  /** Files a second migration over the written result would still change (should be empty). */
  notIdempotent: string[];
  /** `file:line:col severity message` of the diagnostics raised by migration transforms. */
  diagnostics: string[];
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

function formatTransformDiagnostics(list: Diagnostic[]): string[] {
  return list.filter((d) => d.code?.startsWith('transform/')).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`);
}

/**
 * Runs one migration fixture and reports every difference (nothing throws for a mismatch).
 *
 * @example
 * const result = await runMigrationFixture({
 *   transform: path.join(__dirname, '../add-logger.ts'),
 *   fixtureDir: path.join(__dirname, '../__testfixtures__/add-logger/basic'),
 * });
 * expect(result.mismatches).toEqual([]);
 * expect(result.notIdempotent).toEqual([]);
 */
export async function runMigrationFixture(input: MigrationFixtureInput): Promise<MigrationFixtureResult> {
  const inputDir = path.join(input.fixtureDir, 'input');
  const outputDir = path.join(input.fixtureDir, 'output');
  const diagnosticsFile = path.join(input.fixtureDir, 'diagnostics.txt');
  if (!fs.existsSync(inputDir)) throw new Error(`no input/ directory in ${input.fixtureDir}`);
  const update = input.update ?? process.env.LAMBDASHIFT_UPDATE_FIXTURES === '1';
  const transform = typeof input.transform === 'string' ? resolveTransformPath(input.transform, process.cwd()) : input.transform;
  const spec: [string | MigrationTransform<any>, Record<string, unknown>] = [transform, input.options ?? {}];

  // A copy, so the idempotence run can write; fixtures stay untouched.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-fixture-'));
  try {
    copyDir(inputDir, work);
    const result = await migrate({ ...input.migrate, root: work, transforms: [spec] });
    const failed = result.changes.entries().filter((c) => c.status === 'failed');
    const changed = result.changes.pending();
    const diagnostics = formatTransformDiagnostics(result.diagnostics);
    const mismatches: string[] = failed.map((c) => `${c.path}: failed: ${c.error?.message ?? 'unknown error'}`);

    if (update) {
      fs.rmSync(outputDir, { recursive: true, force: true });
      for (const c of changed) {
        if (c.status === 'deleted') continue;
        const dest = path.join(outputDir, c.path);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, c.after ?? '');
      }
      if (diagnostics.length) fs.writeFileSync(diagnosticsFile, `${diagnostics.join('\n')}\n`);
      else fs.rmSync(diagnosticsFile, { force: true });
    } else {
      const expected = new Set(listFiles(outputDir));
      for (const c of changed) {
        if (c.status === 'deleted') {
          mismatches.push(`${c.path}: deleted by the migration (fixtures start from a service that was never migrated)`);
          continue;
        }
        const file = path.join(outputDir, c.path);
        if (!expected.delete(c.path)) {
          mismatches.push(`${c.path}: ${c.status} by the migration but missing from output/`);
          continue;
        }
        const want = fs.readFileSync(file, 'utf8');
        if (want !== c.after) mismatches.push(`${c.path}: differs from output/${c.path}\n${firstDifference(want, c.after ?? '')}`);
      }
      for (const rest of expected) mismatches.push(`${rest}: in output/ but the migration does not create or modify it`);
      const wantDiagnostics = fs.existsSync(diagnosticsFile) ? fs.readFileSync(diagnosticsFile, 'utf8').split('\n').filter(Boolean) : [];
      if (wantDiagnostics.join('\n') !== diagnostics.join('\n')) {
        mismatches.push(`diagnostics differ from diagnostics.txt:\n  expected:\n${indent(wantDiagnostics)}\n  actual:\n${indent(diagnostics)}`);
      }
    }

    // Idempotence: write the result (the copy is not a git tree) and migrate again.
    await applyChangeSet(result.changes, { force: true });
    const again = await migrate({ ...input.migrate, root: work, transforms: [spec] });
    const notIdempotent = again.changes.pending().map((c) => `${c.path} (${c.status})`);
    return { mismatches, notIdempotent, diagnostics };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function indent(lines: string[]): string {
  return lines.length ? lines.map((l) => `    ${l}`).join('\n') : '    (none)';
}

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `  line ${i + 1}:\n    expected: ${JSON.stringify(a[i] ?? '(end of file)')}\n    actual:   ${JSON.stringify(b[i] ?? '(end of file)')}`;
  }
  return '  (line endings differ)';
}

/** The test-framework globals (jest, or vitest with `globals: true`). */
interface Globals {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>, timeout?: number): void;
  expect: ((actual: unknown) => { toEqual(expected: unknown): void }) & { getState?: () => { testPath?: string } };
}

/**
 * Defines fixture tests for a migration transform, in the spirit of jscodeshift's
 * `defineTest`: the transform is `<dirName>/../<transformName>` (any supported extension),
 * the case is `<dirName>/../__testfixtures__/<transformName>/<fixture>/`. Two tests: the output
 * matches, and a second migration over it changes nothing. Without `dirName`, the directory
 * of the running test file is used (jest's and vitest's `expect.getState().testPath`), so the
 * test needs neither `__dirname` (absent in ES modules) nor Node's types.
 *
 * @example
 * // transforms/__tests__/add-logger.test.ts
 * import { defineMigrationTest } from 'lambdashift';
 *
 * defineMigrationTest('add-logger');                                  // case `basic`
 * defineMigrationTest(__dirname, 'add-logger', { level: 'debug' }, 'debug-level', { iac: 'sam' });
 */
export function defineMigrationTest(transformName: string, options?: Record<string, unknown>, fixture?: string, migrateOptions?: FixtureMigrateOptions): void;
/**
 * {@link defineMigrationTest} with the test directory given (`__dirname` in CommonJS tests).
 *
 * @example
 * defineMigrationTest(__dirname, 'add-logger', { level: 'debug' }, 'debug-level');
 */
export function defineMigrationTest(dirName: string, transformName: string, options?: Record<string, unknown>, fixture?: string, migrateOptions?: FixtureMigrateOptions): void;
/**
 * Implementation of both forms: `(dirName, name, ...)` when the second argument is a string.
 *
 * @example
 * defineMigrationTest('add-logger');
 */
export function defineMigrationTest(...args: unknown[]): void {
  const g = globalThis as Partial<Globals>;
  if (typeof g.describe !== 'function' || typeof g.it !== 'function' || typeof g.expect !== 'function') {
    throw new Error('defineMigrationTest needs the describe/it/expect globals of jest (or vitest with globals: true)');
  }
  const { describe, it, expect } = g as Globals;
  // `(dirName, name, ...)` when the second argument is the name, else `(name, ...)`.
  const withDir = typeof args[1] === 'string';
  const testPath = withDir ? undefined : expect.getState?.().testPath;
  if (!withDir && typeof testPath !== 'string') throw new Error('defineMigrationTest(name) needs the test file path from the test runner; pass the directory: defineMigrationTest(__dirname, name)');
  const dirName = withDir ? (args[0] as string) : path.dirname(testPath!);
  const [transformName, options, fixture = 'basic', migrateOptions] = (withDir ? args.slice(1) : args) as [string, Record<string, unknown> | undefined, string | undefined, FixtureMigrateOptions | undefined];
  const run = (() => {
    let pending: Promise<MigrationFixtureResult> | undefined;
    return () =>
      (pending ??= runMigrationFixture({
        transform: path.join(dirName, '..', transformName),
        options,
        fixtureDir: path.join(dirName, '..', '__testfixtures__', transformName, fixture),
        migrate: migrateOptions,
      }));
  })();
  describe(`${transformName} (${fixture})`, () => {
    it('migrates the fixture into output/ exactly', async () => {
      expect((await run()).mismatches).toEqual([]);
    }, 120_000);
    it('changes nothing when run again over its own output', async () => {
      expect((await run()).notIdempotent).toEqual([]);
    }, 120_000);
  });
}
