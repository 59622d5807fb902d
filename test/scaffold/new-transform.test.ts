/**
 * `lambdashift new-transform`: name validation, refusal and --force, all-or-nothing writes,
 * and, end to end, that the scaffold passes its own test with jest + ts-jest in a fresh
 * project and type-checks with tsc --strict.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/capture';
import {
  detectTestTooling,
  newTransform,
  planNewTransform,
  ScaffoldFailedError,
  transformNameProblem,
  type FixtureRunner,
} from '../../src/scaffold/new-transform';
import { nextSteps } from '../../src/cli/new-transform';

const repo = path.resolve(__dirname, '..', '..');
/** Gitignored; inside the repo so jest, ts-jest, typescript and @types resolve from its node_modules. */
const tmpRoot = path.join(repo, '.tmp');
const bin = path.join(repo, 'bin', 'lambdashift.js');

const projects: string[] = [];

/** A project like a user's: package.json, and lambdashift "installed" as a symlink to this repo. */
function makeProject(files: Record<string, string> = {}, options: { linkLambdashift?: boolean; under?: string } = {}): string {
  const under = options.under ?? tmpRoot;
  fs.mkdirSync(under, { recursive: true });
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(under, 'scaffold-')));
  projects.push(dir);
  const all = { 'package.json': `${JSON.stringify({ name: 'team-tools', version: '1.0.0', private: true }, null, 2)}\n`, ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (options.linkLambdashift !== false) {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(repo, path.join(dir, 'node_modules', 'lambdashift'), 'dir');
  }
  return dir;
}

afterAll(() => {
  for (const dir of projects) {
    // The symlink first, so nothing can ever reach into the repo through it.
    const link = path.join(dir, 'node_modules', 'lambdashift');
    if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file and directory under `dir` (directories with a trailing /), node_modules left out. */
function tree(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules')
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      const rel = path.relative(base, full).split(path.sep).join('/');
      return e.isDirectory() ? [`${rel}/`, ...tree(full, base)] : [rel];
    })
    .sort();
}

const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Runs a command without blocking the event loop; resolves with its exit status and stdout+stderr. */
function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** The files a scaffold of `name` in `dir` creates. */
function scaffoldFiles(dir: string, name: string): string[] {
  const fixture = `${dir}/__testfixtures__/${name}/basic`;
  return [
    `${dir}/${name}.ts`,
    `${dir}/__tests__/${name}.test.ts`,
    `${fixture}/diagnostics.txt`,
    `${fixture}/input/app.js`,
    `${fixture}/input/package.json`,
    `${fixture}/output/.gitattributes`,
    `${fixture}/output/app.js`,
    `${fixture}/output/lambda/http/appFallback.js`,
    `${fixture}/output/lambda/http/getOrdersById.js`,
    `${fixture}/output/lambda/http/postOrders.js`,
    `${fixture}/output/package.json`,
    `${fixture}/output/serverless.yml`,
  ];
}

describe('transform names', () => {
  it.each(['my-rule', 'addLogger', 'a', 'rule_2', 'x1-y2', 'Powertools-Logger'])('accepts %s', (name) => {
    expect(transformNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['../evil', /path separators/],
    ['a/b', /path separators/],
    ['a\\b', /path separators/],
    ['my-rule.ts', /without an extension/],
    ['my-rule.js', /without an extension/],
    ['1rule', /start with a letter/],
    ['-rule', /start with a letter/],
    ['my--rule', /single - or _/],
    ['my-rule-', /single - or _/],
    ['my rule', /start with a letter/],
    ['règle', /start with a letter/],
    ['a.b', /start with a letter/],
  ])('rejects %j', (name, message) => {
    expect(transformNameProblem(name)).toMatch(message);
  });

  it('rejects an invalid name on the command line with exit code 2 and writes nothing', async () => {
    const project = makeProject();
    const before = tree(project);
    const run = await runCli(['new-transform', '../escape'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lambdashift: the transform name must not contain path separators, got "\.\.\/escape"/);
    expect(tree(project)).toEqual(before);
  });

  it('wants a name', async () => {
    const project = makeProject();
    const run = await runCli(['new-transform'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Not enough non-option arguments/);
  });
});

describe('planNewTransform', () => {
  it('puts the transform in transforms/, its test in __tests__/ and the fixture in __testfixtures__/<name>/basic/', () => {
    const plan = planNewTransform({ name: 'my-rule', cwd: '/p' });
    expect(plan).toMatchObject({
      dir: path.resolve('/p/transforms'),
      transformFile: path.resolve('/p/transforms/my-rule.ts'),
      testFile: path.resolve('/p/transforms/__tests__/my-rule.test.ts'),
      fixtureDir: path.resolve('/p/transforms/__testfixtures__/my-rule/basic'),
      display: {
        dir: 'transforms',
        transform: 'transforms/my-rule.ts',
        test: 'transforms/__tests__/my-rule.test.ts',
        fixture: 'transforms/__testfixtures__/my-rule/basic',
      },
    });
  });

  it('takes --dir relative to the cwd, or absolute', () => {
    expect(planNewTransform({ name: 'r', dir: 'tools/lambda', cwd: '/p' }).display.transform).toBe('tools/lambda/r.ts');
    expect(planNewTransform({ name: 'r', dir: '/elsewhere/t', cwd: '/p' }).transformFile).toBe(path.resolve('/elsewhere/t/r.ts'));
  });

  it('refuses a --dir that is a file', () => {
    const project = makeProject({ transforms: 'not a directory' });
    expect(() => planNewTransform({ name: 'r', cwd: project })).toThrow('--dir transforms exists and is not a directory');
  });
});

describe('lambdashift new-transform (in-process)', () => {
  it('writes the transform, its test and a fixture whose output comes from a real migration', async () => {
    const project = makeProject();
    const run = await runCli(['new-transform', 'my-rule'], { cwd: project });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');

    const files = scaffoldFiles('transforms', 'my-rule');
    // The project had no jest config: one is written beside package.json.
    expect(tree(project).filter((p) => !p.endsWith('/'))).toEqual([...files, 'jest.config.js', 'package.json'].sort());
    // Listed in the order written: transform, test, the fixture, then the jest config.
    const listed = run.stderr.split('\n').filter((l) => /^ {2}(transforms\/|jest\.config)/.test(l)).map((l) => l.trim());
    expect(listed).toEqual([...files, 'jest.config.js']);
    expect(read(path.join(project, 'jest.config.js'))).toContain("modulePathIgnorePatterns: ['/__testfixtures__/']");

    const transform = read(path.join(project, 'transforms/my-rule.ts'));
    expect(transform).toMatch(/^\/\*\*\n \* my-rule: a lambdashift migration transform/);
    expect(transform).toContain("import { defineMigrationTransform } from 'lambdashift';");
    expect(transform).toContain("name: 'my-rule',");
    expect(transform).toContain('//   const { j } = mod;');
    expect(transform).not.toMatch(/TODO/);
    expect(read(path.join(project, 'transforms/__tests__/my-rule.test.ts'))).toMatch(
      /^import \{ defineMigrationTest \} from 'lambdashift';\n[^]*\ndefineMigrationTest\('my-rule'\);\n$/,
    );
    const fixture = path.join(project, 'transforms/__testfixtures__/my-rule/basic');
    expect(JSON.parse(read(path.join(fixture, 'input/package.json')))).toMatchObject({ name: 'orders-service', dependencies: { express: '^4.21.0' } });
    expect(read(path.join(fixture, 'input/app.js'))).toMatch(/require\('express'\)[^]*'\/internal\/health'[^]*app\.listen\(3000\);\n$/);
    expect(read(path.join(fixture, 'diagnostics.txt'))).toBe(
      'app.js:17:1 info getInternalHealth stays on the old service: /internal routes are not exposed through API Gateway (my-rule)\n',
    );
  });

  it('takes --dir', async () => {
    const project = makeProject();
    const run = await runCli(['new-transform', 'addLogger', '--dir', 'tools/lambda'], { cwd: project });
    expect(run.code).toBe(0);
    expect(tree(project).filter((p) => !p.endsWith('/'))).toEqual([...scaffoldFiles('tools/lambda', 'addLogger'), 'jest.config.js', 'package.json'].sort());
    expect(run.stderr).toContain('npx jest tools/lambda/__tests__/addLogger.test.ts');
    expect(run.stderr).toContain('npx lambdashift migrate <service> --transform tools/lambda/addLogger.ts');
    expect(read(path.join(project, 'tools/lambda/addLogger.ts'))).toContain("name: 'addLogger',");
  });

  it('refuses when a target exists, naming it, and touches nothing', async () => {
    const project = makeProject({ 'transforms/my-rule.ts': 'mine\n', 'transforms/__testfixtures__/my-rule/basic/input/app.js': 'also mine\n' });
    const before = tree(project);
    const run = await runCli(['new-transform', 'my-rule'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'lambdashift: transforms/my-rule.ts, transforms/__testfixtures__/my-rule/basic already exist; pass --force to replace them',
    );
    expect(tree(project)).toEqual(before);
    expect(read(path.join(project, 'transforms/my-rule.ts'))).toBe('mine\n');
  });

  it('refuses when only the test exists', async () => {
    const project = makeProject({ 'transforms/__tests__/my-rule.test.ts': 'mine\n' });
    const run = await runCli(['new-transform', 'my-rule'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('transforms/__tests__/my-rule.test.ts already exists; pass --force to replace it');
  });

  it('with --force replaces the files and the whole fixture case, leaving no backups behind', async () => {
    const project = makeProject({
      'transforms/my-rule.ts': 'old\n',
      'transforms/__tests__/my-rule.test.ts': 'old\n',
      'transforms/__testfixtures__/my-rule/basic/input/extra.js': 'old\n',
      'transforms/__testfixtures__/my-rule/basic/output/stale.js': 'old\n',
      'transforms/__testfixtures__/my-rule/other-case/input/app.js': 'kept\n',
      'transforms/other.ts': 'kept\n',
    });
    const run = await runCli(['new-transform', 'my-rule', '--force'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^lambdashift new-transform: rewrote my-rule\n {2}transforms\/my-rule\.ts \(replaced\)\n/);
    expect(tree(project).filter((p) => !p.endsWith('/'))).toEqual(
      [
        ...scaffoldFiles('transforms', 'my-rule'),
        'jest.config.js',
        'package.json',
        'transforms/__testfixtures__/my-rule/other-case/input/app.js',
        'transforms/other.ts',
      ].sort(),
    );
    expect(read(path.join(project, 'transforms/my-rule.ts'))).toContain('defineMigrationTransform');
  });
});

describe('all or nothing', () => {
  const failing: FixtureRunner = async () => {
    throw new Error('boom');
  };

  it('removes everything it created, directories included, when the fixture run fails', async () => {
    const project = makeProject();
    const before = tree(project);
    const err = await newTransform({ name: 'my-rule', cwd: project, runFixture: failing }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScaffoldFailedError);
    expect((err as Error).message).toBe('migrating the fixture with the new transform failed: boom\nnothing was written');
    expect(tree(project)).toEqual(before);
  });

  it('keeps directories that were there, and puts replaced files back, with --force', async () => {
    const project = makeProject({
      'transforms/my-rule.ts': 'old transform\n',
      'transforms/__testfixtures__/my-rule/basic/input/app.js': 'old app\n',
      'transforms/__testfixtures__/my-rule/basic/output/app.js': 'old output\n',
    });
    const before = tree(project);
    // The run gets as far as writing output/ before it fails.
    const partial: FixtureRunner = async ({ fixtureDir }) => {
      fs.mkdirSync(path.join(fixtureDir, 'output'), { recursive: true });
      fs.writeFileSync(path.join(fixtureDir, 'output', 'half.js'), '');
      throw new Error('disk full');
    };
    await expect(newTransform({ name: 'my-rule', cwd: project, force: true, runFixture: partial })).rejects.toThrow(/disk full\nnothing was written$/);
    expect(tree(project)).toEqual(before);
    expect(read(path.join(project, 'transforms/my-rule.ts'))).toBe('old transform\n');
    expect(read(path.join(project, 'transforms/__testfixtures__/my-rule/basic/output/app.js'))).toBe('old output\n');
  });

  it('fails, writing nothing, when the migration is not idempotent or a file fails', async () => {
    const project = makeProject();
    const notIdempotent: FixtureRunner = async () => ({ mismatches: [], notIdempotent: ['app.js (modified)'], diagnostics: [] });
    await expect(newTransform({ name: 'r', cwd: project, runFixture: notIdempotent })).rejects.toThrow(
      'migrating the fixture with the new transform went wrong:\n  app.js (modified): changed again by a second migration\nnothing was written',
    );
    const failedFile: FixtureRunner = async () => ({ mismatches: ['app.js: failed: parse error'], notIdempotent: [], diagnostics: [] });
    await expect(newTransform({ name: 'r', cwd: project, runFixture: failedFile })).rejects.toThrow(/app\.js: failed: parse error/);
    expect(tree(project)).toEqual(['package.json']);
  });
});

describe('next steps', () => {
  const result = (cwd: string) => {
    const plan = planNewTransform({ name: 'my-rule', cwd });
    return { plan, created: [plan.transformFile, plan.testFile], replaced: [], diagnostics: [] };
  };

  it('names the missing test tooling only', () => {
    const project = makeProject({
      'package.json': JSON.stringify({ devDependencies: { jest: '^30.0.0', typescript: '^5.0.0' } }),
      'jest.config.js': "module.exports = { transform: { '^.+\\\\.tsx?$': 'ts-jest' } };\n",
    });
    expect(detectTestTooling(project)).toEqual({ hasPackageJson: true, missing: ['ts-jest', '@types/jest'], hasJestConfig: true, ignoresFixtures: false });
    const text = nextSteps(result(project), project);
    expect(text).toContain('this project lacks ts-jest, @types/jest:\n       npm i -D ts-jest @types/jest\n');
    expect(text).not.toContain('config:init');
    expect(text).toContain("modulePathIgnorePatterns: ['/__testfixtures__/']");
  });

  it('says nothing about tooling a project has', () => {
    const project = makeProject({
      'package.json': JSON.stringify({
        devDependencies: { jest: '^30.0.0', 'ts-jest': '^29.0.0', '@types/jest': '^30.0.0', typescript: '^5.0.0' },
        jest: { preset: 'ts-jest', modulePathIgnorePatterns: ['/__testfixtures__/'] },
      }),
    });
    expect(detectTestTooling(project)).toEqual({ hasPackageJson: true, missing: [], hasJestConfig: true, ignoresFixtures: true });
    const text = nextSteps(result(project), project);
    expect(text).not.toContain('npm i -D');
    expect(text).not.toContain('modulePathIgnorePatterns');
    expect(text).toContain('npx jest transforms/__tests__/my-rule.test.ts\n');
  });

  it('without a package.json, names all of it and the ts-jest setup', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-next-'));
    try {
      expect(detectTestTooling(dir)).toEqual({ hasPackageJson: false, missing: ['jest', 'ts-jest', '@types/jest', 'typescript'], hasJestConfig: false, ignoresFixtures: false });
      const text = nextSteps(result(dir), dir);
      expect(text).toContain('npm i -D jest ts-jest @types/jest typescript');
      expect(text).toContain('npx ts-jest config:init');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('end to end: a scaffold in a fresh project passes its own test', () => {
  let project: string;
  let scaffold: SpawnSyncReturns<string>;
  /** The jest the printed install command put into the project. */
  const jestBin = () => path.join(project, 'node_modules', 'jest', 'bin', 'jest.js');
  const tscBin = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const fixture = () => path.join(project, 'transforms/__testfixtures__/my-rule/basic');
  /** The environment of a plain shell: nothing of this jest run leaks into the child processes. */
  const env = () => {
    const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    for (const key of Object.keys(e)) if (key.startsWith('JEST_') || key === 'NODE_OPTIONS' || key === 'LAMBDASHIFT_UPDATE_FIXTURES') delete e[key];
    return e;
  };
  const runJest = (testFile: string) => {
    const report = path.join(project, '.jest-report.json');
    fs.rmSync(report, { force: true });
    const run = spawnSync(
      process.execPath,
      [jestBin(), '--rootDir', project, '--ci', '--no-watchman', '--cacheDirectory', path.join(project, '.jest-cache'), '--json', '--outputFile', report, testFile],
      { cwd: project, encoding: 'utf8', env: env(), timeout: 110_000 },
    );
    const json = fs.existsSync(report) ? (JSON.parse(read(report)) as { numPassedTests: number; numFailedTests: number; testResults: { message: string }[] }) : undefined;
    return { run, json };
  };

  /** Installs a package the way `npm i` would make it resolvable: linked from this repo's node_modules. */
  const install = (name: string) => {
    const target = path.join(project, 'node_modules', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(repo, 'node_modules', name), target, 'dir');
  };

  beforeAll(() => {
    if (!fs.existsSync(path.join(repo, 'dist', 'src', 'scaffold', 'new-transform.js'))) {
      throw new Error('dist/ has no new-transform: run `npm run build` first (`npm test` does it)');
    }
    // A plain TypeScript project outside this repo (nothing resolves from its node_modules by
    // walking up): an ES-module package, the tsconfig `tsc --init` writes (module nodenext,
    // verbatimModuleSyntax, no ambient types, so no `__dirname`), typescript and lambdashift
    // installed, no jest yet.
    project = makeProject(
      {
        'package.json': `${JSON.stringify({ name: 'team-tools', version: '1.0.0', private: true, type: 'module', devDependencies: { lambdashift: '^0.1.0', typescript: '^5.0.0' } }, null, 2)}\n`,
        'tsconfig.json': `${JSON.stringify(
          {
            compilerOptions: {
              module: 'nodenext',
              target: 'esnext',
              types: [],
              strict: true,
              verbatimModuleSyntax: true,
              isolatedModules: true,
              noUncheckedSideEffectImports: true,
              moduleDetection: 'force',
              skipLibCheck: true,
            },
          },
          null,
          2,
        )}\n`,
      },
      { under: os.tmpdir() },
    );
    install('typescript');
    scaffold = spawnSync(process.execPath, [bin, 'new-transform', 'my-rule'], { cwd: project, encoding: 'utf8', env: env() });
    // Then exactly the install command it printed, and nothing else.
    const command = /^ +npm i -D (.+)$/m.exec(scaffold.stderr);
    for (const name of command?.[1]?.split(' ') ?? []) install(name);
  });

  it('scaffolds and says what to do next: one install command, a jest config written for it', () => {
    expect(scaffold.stderr).toMatch(/^lambdashift new-transform: created my-rule\n/);
    expect(scaffold.status).toBe(0);
    expect(scaffold.stdout).toBe('');
    expect(scaffold.stderr).toContain('npx jest transforms/__tests__/my-rule.test.ts');
    expect(scaffold.stderr).toContain('npx lambdashift migrate <service> --transform transforms/my-rule.ts');
    expect(scaffold.stderr).toContain('\n       npm i -D jest ts-jest @types/jest\n     (jest.config.cjs was written for it: the project had no jest config)\n');
    // Nothing else to set up by hand.
    expect(scaffold.stderr).not.toContain('config:init');
    expect(scaffold.stderr).not.toContain('modulePathIgnorePatterns');
    expect(read(path.join(project, 'jest.config.cjs'))).toMatch(/^\/\/ Written by `lambdashift new-transform`/);
  });

  it('generated a fixture output that shows the transform at work', () => {
    const out = path.join(fixture(), 'output');
    expect(tree(out)).toEqual(['.gitattributes', 'app.js', 'lambda/', 'lambda/http/', 'lambda/http/appFallback.js', 'lambda/http/getOrdersById.js', 'lambda/http/postOrders.js', 'package.json', 'serverless.yml']);
    expect(read(path.join(out, 'lambda/http/getOrdersById.js'))).toMatch(/^\/\/ Generated by lambdashift from app\.js:\d+:1 \(GET \/orders\/:id\)\./);
    expect(read(path.join(out, 'lambda/http/getOrdersById.js'))).toContain("app.get('/orders/:id', getOrdersByIdHandler);");
    const yml = read(path.join(out, 'serverless.yml'));
    // Both HTTP functions and the whole-app fallback get the transform's timeout; the /internal route gets no function of its own.
    expect(yml.match(/^ {4}timeout: 10$/gm)).toHaveLength(3);
    expect(yml).toMatch(/^ {2}getOrdersById:\n {4}handler: lambda\/http\/getOrdersById\.handler\n {4}timeout: 10\n/m);
    expect(yml).not.toMatch(/internal/i);
    // The skipped route stays inline in app.js, served by the old app.
    expect(read(path.join(out, 'app.js'))).toMatch(/app\.get\('\/internal\/health', \(req, res\) => \{/);
    expect(read(path.join(fixture(), 'diagnostics.txt'))).toMatch(/^app\.js:17:1 info getInternalHealth stays on the old service: .*\(my-rule\)\n$/);
  });

  it('passes its own test with jest and ts-jest (output matches, idempotent), without a haste warning', () => {
    const { run, json } = runJest('transforms/__tests__/my-rule.test.ts');
    expect({ status: run.status, passed: json?.numPassedTests, failed: json?.numFailedTests }).toEqual({ status: 0, passed: 2, failed: 0 });
    expect(run.stderr).not.toMatch(/haste module naming collision/i);
  }, 120_000);

  it("type-checks under the project's own tsconfig, and with tsc --strict, its types coming from the installed lambdashift", async () => {
    // The project's own tsconfig (no ambient types: the test needs no `__dirname`), concurrently with the checks below.
    const own = runAsync(process.execPath, [tscBin, '--noEmit', '-p', '.'], project, env());
    // The module hook skeleton too, uncommented as a user would.
    const transform = read(path.join(project, 'transforms/my-rule.ts'));
    const uncommented = transform.replace(/^ {2}\/\/ (module\(mod\) \{\n(?: {2}\/\/ {3}.*\n)+) {2}\/\/ \},\n/m, (block) => block.replace(/^ {2}\/\/ ?/gm, '  '));
    expect(uncommented).toContain("\n  module(mod) {\n    if (mod.function.framework !== 'express') return undefined;\n");
    expect(uncommented).not.toMatch(/^ {2}\/\/ {3}/m);
    fs.writeFileSync(path.join(project, 'transforms/with-module-hook.ts'), uncommented);
    const files = ['transforms/my-rule.ts', 'transforms/__tests__/my-rule.test.ts', 'transforms/with-module-hook.ts'];
    // Node10 resolution reads package.json "types", Node16 its "exports"; both, concurrently.
    // --skipLibCheck as `tsc --init` sets it: lambdashift's own declarations need Node's types.
    const checks = [['--module', 'commonjs', '--moduleResolution', 'node'], ['--module', 'node16', '--moduleResolution', 'node16']].map((resolution) =>
      runAsync(process.execPath, [tscBin, '--strict', '--noEmit', '--skipLibCheck', '--target', 'es2022', ...resolution, '--types', 'jest', ...files], project, env()).then(
        (tsc) => ({ resolution: resolution.join(' '), status: tsc.status, output: tsc.output }),
      ),
    );
    for (const check of await Promise.all(checks)) expect(check).toEqual({ resolution: check.resolution, status: 0, output: '' });
    const ownCheck = await own;
    expect({ status: ownCheck.status, output: ownCheck.output }).toEqual({ status: 0, output: '' });
    // And the uncommented module hook does what its comment says.
    const migrate = spawnSync(process.execPath, [bin, 'migrate', path.join(fixture(), 'input'), '--transform', 'transforms/with-module-hook.ts', '--color', 'never'], {
      cwd: project,
      encoding: 'utf8',
      env: env(),
    });
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain("+const app = express();\n+app.disable('x-powered-by');\n+app.use(express.json());\n+app.get('/orders/:id', getOrdersByIdHandler);");
    fs.rmSync(path.join(project, 'transforms/with-module-hook.ts'));
  }, 120_000);

  it('fails its test once the transform behaves differently', () => {
    const file = path.join(project, 'transforms/my-rule.ts');
    const original = read(file);
    fs.writeFileSync(file, original.replace('const HTTP_TIMEOUT_SECONDS = 10;', 'const HTTP_TIMEOUT_SECONDS = 12;'));
    try {
      const { run, json } = runJest('transforms/__tests__/my-rule.test.ts');
      expect(run.status).toBe(1);
      expect({ passed: json?.numPassedTests, failed: json?.numFailedTests }).toEqual({ passed: 1, failed: 1 });
      expect(json?.testResults[0].message).toContain('serverless.yml: differs from output/serverless.yml');
    } finally {
      fs.writeFileSync(file, original);
    }
  }, 120_000);

  /** A project whose installed "lambdashift" is a stand-in with this index.js. */
  const withFakeLambdashift = (indexJs: string) => {
    const dir = makeProject({}, { linkLambdashift: false, under: os.tmpdir() });
    fs.mkdirSync(path.join(dir, 'node_modules', 'lambdashift'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'lambdashift', 'package.json'), '{ "name": "lambdashift", "version": "0.0.1", "main": "index.js" }\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'lambdashift', 'index.js'), indexJs);
    return dir;
  };

  it('uses the installed lambdashift to migrate the fixture, and exits 1 leaving nothing when that fails', () => {
    const dir = withFakeLambdashift("exports.runMigrationFixture = async () => { throw new Error('no disk'); };\n");
    const run = spawnSync(process.execPath, [bin, 'new-transform', 'my-rule'], { cwd: dir, encoding: 'utf8', env: env() });
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 1,
      stderr: 'lambdashift new-transform: migrating the fixture with the new transform failed: no disk\nnothing was written\n',
    });
    expect(tree(dir)).toEqual(['package.json']);
  });

  it('refuses an installed lambdashift without migration transform support', () => {
    const dir = withFakeLambdashift('exports.migrate = () => {};\n');
    const run = spawnSync(process.execPath, [bin, 'new-transform', 'my-rule'], { cwd: dir, encoding: 'utf8', env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^lambdashift: the lambdashift installed at .*index\.js has no migration transform support \(no runMigrationFixture\); update it/);
    expect(tree(dir)).toEqual(['package.json']);
  });

  it('refuses, writing nothing, in a project where lambdashift is not installed', () => {
    const bare = makeProject({}, { linkLambdashift: false, under: os.tmpdir() });
    const run = spawnSync(process.execPath, [bin, 'new-transform', 'my-rule'], { cwd: bare, encoding: 'utf8', env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^lambdashift: lambdashift cannot be imported from .*transforms: the transform and its test import it\. Install it in the project first \(npm i -D lambdashift\)\n/);
    expect(tree(bare)).toEqual(['package.json']);
  });
});
