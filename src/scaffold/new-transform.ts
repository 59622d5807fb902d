/**
 * `lambdashift new-transform`: writes a migration transform, its fixture test and a fixture
 * whose expected output comes from a real migration with the written transform, so the test
 * passes as generated (and fails once the transform's behaviour changes). All files or none.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { MigrationFixtureInput, MigrationFixtureResult } from '../testing/migration-fixtures';
import { fixtureInputFiles, jestConfigTemplate, testTemplate, transformTemplate, type TemplatePaths } from './templates';

/** The fixture case the scaffolded test uses (`defineMigrationTest`'s default). */
export const FIXTURE_CASE = 'basic';

/** A transform name: identifier characters, words joined by `-` or `_` (`my-rule`, `addLogger`). */
const TRANSFORM_NAME = /^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$/;

/** The scaffold cannot be written as asked (bad name, files in the way, lambdashift missing): nothing was written. */
export class ScaffoldUsageError extends Error {
  override readonly name = 'ScaffoldUsageError';
}

/** Writing or generating failed midway: everything was rolled back (see `rollbackFailures`). */
export class ScaffoldFailedError extends Error {
  override readonly name = 'ScaffoldFailedError';
  constructor(
    message: string,
    /** Paths the rollback could not restore or remove, with why; empty when it left no trace. */
    readonly rollbackFailures: string[] = [],
  ) {
    super(message);
  }
}

/** Why `name` cannot name a transform, or undefined when it can. */
export function transformNameProblem(name: string): string | undefined {
  if (name === '') return 'the transform name is empty';
  if (/[\\/]/.test(name)) return `the transform name must not contain path separators, got "${name}" (choose the directory with --dir)`;
  if (/\.[cm]?[jt]sx?$/.test(name)) return `give the transform name without an extension, got "${name}" (a .ts file is written)`;
  if (!TRANSFORM_NAME.test(name)) {
    return `the transform name must start with a letter and hold only letters, digits and single - or _ between them (like my-rule or addLogger), got "${name}"`;
  }
  return undefined;
}

/** Runs a migration fixture in update mode: `runMigrationFixture` of the lambdashift the transform imports. */
export type FixtureRunner = (input: MigrationFixtureInput) => Promise<MigrationFixtureResult>;

export interface NewTransformOptions {
  name: string;
  /** Directory for the transform (absolute, or relative to `cwd`); default `transforms`. */
  dir?: string;
  cwd: string;
  /** Replace existing files (and the whole existing fixture case directory). */
  force?: boolean;
  /** Default: `runMigrationFixture` of the lambdashift package resolved from the transform's directory. */
  runFixture?: FixtureRunner;
}

/** The scaffold's paths. */
export interface NewTransformPlan {
  name: string;
  /** Absolute transform directory. */
  dir: string;
  transformFile: string;
  testFile: string;
  /** `<dir>/__testfixtures__/<name>/basic` */
  fixtureDir: string;
  /** The same, relative to the cwd with `/`, for printing and for the generated comments. */
  display: TemplatePaths & { dir: string };
}

export interface NewTransformResult {
  plan: NewTransformPlan;
  /** Every file written, absolute, in a stable order (transform, test, fixture files sorted). */
  created: string[];
  /** Targets that existed and were replaced (with `force`). */
  replaced: string[];
  /** The transforms' diagnostics of the fixture run (what diagnostics.txt holds). */
  diagnostics: string[];
  /** The jest config written into the cwd because the project had none (absolute), if any. */
  jestConfig?: string;
}

/** Works out and validates where everything goes; throws ScaffoldUsageError for a bad name or directory. */
export function planNewTransform(options: Pick<NewTransformOptions, 'name' | 'dir' | 'cwd'>): NewTransformPlan {
  const problem = transformNameProblem(options.name);
  if (problem) throw new ScaffoldUsageError(problem);
  const dirArg = options.dir ?? 'transforms';
  if (dirArg.trim() === '') throw new ScaffoldUsageError('--dir must not be empty');
  const dir = path.resolve(options.cwd, dirArg);
  const existing = statOrUndefined(dir);
  if (existing && !existing.isDirectory()) throw new ScaffoldUsageError(`--dir ${dirArg} exists and is not a directory`);
  const name = options.name;
  const transformFile = path.join(dir, `${name}.ts`);
  const testFile = path.join(dir, '__tests__', `${name}.test.ts`);
  const fixtureDir = path.join(dir, '__testfixtures__', name, FIXTURE_CASE);
  const show = (p: string) => displayPath(options.cwd, p);
  return {
    name,
    dir,
    transformFile,
    testFile,
    fixtureDir,
    display: { dir: show(dir), transform: show(transformFile), test: show(testFile), fixture: show(fixtureDir) },
  };
}

/** Relative to `cwd` with `/` when inside it, else absolute. */
export function displayPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
}

/** The targets of a plan that already exist (the fixture case counts as one, a directory). */
export function existingTargets(plan: NewTransformPlan): string[] {
  return [plan.transformFile, plan.testFile, plan.fixtureDir].filter((p) => statOrUndefined(p, true) !== undefined);
}

/**
 * Writes the transform, its test and the fixture input, then migrates the input with the
 * written transform to produce `output/` and `diagnostics.txt`. Refuses (ScaffoldUsageError,
 * nothing touched) when a target exists without `force`, or when the transform's `import from
 * 'lambdashift'` would not resolve. Any failure afterwards undoes everything (ScaffoldFailedError).
 */
export async function newTransform(options: NewTransformOptions): Promise<NewTransformResult> {
  const plan = planNewTransform(options);
  const existing = existingTargets(plan);
  if (existing.length > 0 && !options.force) {
    const list = existing.map((p) => displayPath(options.cwd, p)).join(', ');
    throw new ScaffoldUsageError(`${list} already exist${existing.length === 1 ? 's' : ''}; pass --force to replace ${existing.length === 1 ? 'it' : 'them'}`);
  }
  const runFixture = options.runFixture ?? projectFixtureRunner(plan.dir);

  const undo = new Undo();
  try {
    for (const p of existing) undo.moveAside(p);
    const paths: TemplatePaths = plan.display;
    undo.writeFile(plan.transformFile, transformTemplate(plan.name, paths));
    undo.writeFile(plan.testFile, testTemplate(plan.name, paths));
    for (const [file, text] of Object.entries(fixtureInputFiles())) undo.writeFile(path.join(plan.fixtureDir, 'input', file), text);
    // A project without a jest config gets one that runs the test as generated, ES-module
    // packages included, and keeps the fixtures out of jest's module map (no haste warning).
    const jestConfig = jestConfigToWrite(options.cwd);
    if (jestConfig !== undefined) undo.writeFile(jestConfig, jestConfigTemplate());

    let result: MigrationFixtureResult;
    try {
      result = await runFixture({ transform: plan.transformFile, fixtureDir: plan.fixtureDir, update: true });
    } catch (err) {
      throw new Error(`migrating the fixture with the new transform failed: ${messageOf(err)}`);
    }
    const problems = [...result.mismatches, ...result.notIdempotent.map((p) => `${p}: changed again by a second migration`)];
    if (problems.length > 0) throw new Error(`migrating the fixture with the new transform went wrong:\n  ${problems.join('\n  ')}`);

    const created = [plan.transformFile, plan.testFile, ...listFiles(plan.fixtureDir), ...(jestConfig !== undefined ? [jestConfig] : [])];
    undo.commit();
    return { plan, created, replaced: existing, diagnostics: result.diagnostics, ...(jestConfig !== undefined ? { jestConfig } : {}) };
  } catch (err) {
    const failures = undo.rollback();
    const tail = failures.length === 0 ? 'nothing was written' : `the rollback left:\n  ${failures.join('\n  ')}`;
    throw new ScaffoldFailedError(`${messageOf(err)}\n${tail}`, failures);
  }
}

/**
 * `runMigrationFixture` of the lambdashift installed where the transform lives, which is the one
 * its `import ... from 'lambdashift'` and its test use: the expected output is then produced by
 * the same version that checks it. Found the way Node resolves the import (node_modules, or
 * the package's own name inside lambdashift itself).
 */
export function projectFixtureRunner(dir: string): FixtureRunner {
  const req = createRequire(path.join(dir, '__lambdashift_new_transform__.js'));
  let resolved: string;
  try {
    resolved = req.resolve('lambdashift');
  } catch {
    throw new ScaffoldUsageError(
      `lambdashift cannot be imported from ${dir}: the transform and its test import it. Install it in the project first (npm i -D lambdashift)`,
    );
  }
  const api = req(resolved) as { runMigrationFixture?: unknown };
  if (typeof api.runMigrationFixture !== 'function') {
    throw new ScaffoldUsageError(
      `the lambdashift installed at ${resolved} has no migration transform support (no runMigrationFixture); update it (npm i -D lambdashift@latest)`,
    );
  }
  return api.runMigrationFixture as FixtureRunner;
}

/**
 * Records every change so a failure can put things back: files and directories created,
 * existing targets moved aside (renamed, in their own directory, to a hidden backup).
 */
class Undo {
  private readonly created: string[] = [];
  private readonly movedAside: { original: string; backup: string }[] = [];

  moveAside(p: string): void {
    const backup = path.join(path.dirname(p), `.${path.basename(p)}.lambdashift-backup-${randomBytes(4).toString('hex')}`);
    fs.renameSync(p, backup);
    this.movedAside.push({ original: p, backup });
  }

  writeFile(file: string, text: string): void {
    this.mkdirp(path.dirname(file));
    // `wx`: never write through something that appeared in the meantime.
    fs.writeFileSync(file, text, { flag: 'wx' });
    this.created.push(file);
  }

  private mkdirp(dir: string): void {
    const missing: string[] = [];
    for (let d = dir; statOrUndefined(d) === undefined; d = path.dirname(d)) {
      missing.unshift(d);
      if (path.dirname(d) === d) break;
    }
    for (const d of missing) {
      fs.mkdirSync(d);
      this.created.push(d);
    }
  }

  /** Success: drops the backups. */
  commit(): void {
    for (const { backup } of this.movedAside) fs.rmSync(backup, { recursive: true, force: true });
  }

  /** Failure: removes what was created (directories with everything in them), restores what was moved aside. */
  rollback(): string[] {
    const failures: string[] = [];
    for (const p of [...this.created].reverse()) {
      try {
        fs.rmSync(p, { recursive: true, force: true });
      } catch (err) {
        failures.push(`${p}: could not remove it (${messageOf(err)})`);
      }
    }
    for (const { original, backup } of [...this.movedAside].reverse()) {
      try {
        fs.renameSync(backup, original);
      } catch (err) {
        failures.push(`${original}: could not restore it; its previous content is in ${backup} (${messageOf(err)})`);
      }
    }
    return failures;
  }
}

/**
 * Where to write a jest config: in a project (a package.json in `cwd`) with none,
 * `jest.config.cjs` for a `"type": "module"` package (a `.js` config would be loaded as an ES
 * module), else `jest.config.js`; undefined when there is a config or no package.json.
 */
function jestConfigToWrite(cwd: string): string | undefined {
  const tooling = detectTestTooling(cwd);
  if (!tooling.hasPackageJson || tooling.hasJestConfig) return undefined;
  let type: unknown;
  try {
    type = (JSON.parse(readOrUndefined(path.join(cwd, 'package.json')) ?? '{}') as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  return path.join(cwd, type === 'module' ? 'jest.config.cjs' : 'jest.config.js');
}

/** The cwd's package.json (dependencies and jest setup), for the next-steps hints. */
export interface TestTooling {
  /** Whether a package.json was found in the cwd. */
  hasPackageJson: boolean;
  /** Of jest, ts-jest, @types/jest, typescript: those in none of its dependency lists. */
  missing: string[];
  /** jest.config.* or a "jest" key in package.json. */
  hasJestConfig: boolean;
  /**
   * The jest config mentions `__testfixtures__` (as in `modulePathIgnorePatterns`). Otherwise
   * jest warns of a "Haste module naming collision" between the fixture's input/ and output/
   * package.json files, which share their name.
   */
  ignoresFixtures: boolean;
}

export const TEST_TOOLING = ['jest', 'ts-jest', '@types/jest', 'typescript'] as const;

const JEST_CONFIG_FILES = ['js', 'ts', 'mjs', 'cjs', 'json', 'cts', 'mts'].map((ext) => `jest.config.${ext}`);

/** Reads the cwd's package.json and jest config file (text only; nothing is executed). */
export function detectTestTooling(cwd: string): TestTooling {
  const configText = JEST_CONFIG_FILES.map((file) => readOrUndefined(path.join(cwd, file))).find((text) => text !== undefined);
  let pkg: Record<string, unknown> | undefined;
  try {
    pkg = JSON.parse(readOrUndefined(path.join(cwd, 'package.json')) ?? 'null') as Record<string, unknown> | undefined;
  } catch {
    pkg = undefined;
  }
  const pkgJest = pkg && typeof pkg.jest === 'object' && pkg.jest !== null ? JSON.stringify(pkg.jest) : undefined;
  const jestConfig = configText ?? pkgJest;
  const declared = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg?.[key];
    if (deps && typeof deps === 'object') for (const dep of Object.keys(deps)) declared.add(dep);
  }
  return {
    hasPackageJson: pkg !== undefined && pkg !== null,
    missing: TEST_TOOLING.filter((dep) => !declared.has(dep)),
    hasJestConfig: jestConfig !== undefined,
    ignoresFixtures: jestConfig?.includes('__testfixtures__') === true,
  };
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function statOrUndefined(p: string, noFollow = false): fs.Stats | undefined {
  try {
    return noFollow ? fs.lstatSync(p) : fs.statSync(p);
  } catch {
    return undefined;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
