import { execFileSync, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, readTree, removeTree } from '../runner/temp-tree';
import { COMMANDS } from '../../src/cli/main';
import type { CommandContext } from '../../src/cli/common-options';
import { ANSI, runCli } from './capture';

const transforms = path.join(__dirname, '..', 'runner', 'transforms');
const rename = path.join(transforms, 'rename-foo.ts');
const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

const SERVICE = {
  'src/app.ts': "import { foo } from './lib';\nexport const app = foo();\n",
  'src/lib.ts': 'export function foo() {\n  return 1;\n}\n',
  'src/untouched.ts': 'export const baz = 1;\n',
  'src/view.jsx': 'export const V = () => <p>{foo}</p>;\n',
};

describe('lambdashift (global)', () => {
  it('prints help listing the run command', async () => {
    const r = await runCli(['--help'], { cwd: __dirname });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/lambdashift <command>/);
    expect(r.stdout).toMatch(/lambdashift run <paths\.\.>/);
  });

  it('registers every command under the name its own command string starts with', async () => {
    const ctx = { io: { stdout: process.stdout, stderr: process.stderr, cwd: __dirname, env: {} }, setExitCode: () => undefined } as CommandContext;
    const help = (await runCli(['--help'], { cwd: __dirname })).stdout;
    for (const [name, load] of Object.entries(COMMANDS)) {
      expect(String(load()(ctx).command).split(' ')[0]).toBe(name);
      expect(help).toContain(`lambdashift ${name}`);
    }
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version'], { cwd: __dirname });
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 without a command or with an unknown one', async () => {
    expect((await runCli([], { cwd: __dirname })).code).toBe(2);
    const r = await runCli(['frobnicate'], { cwd: __dirname });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: frobnicate/);
  });
});

describe('lambdashift run', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTree(SERVICE);
  });
  afterEach(() => removeTree(dir));

  const run = (args: string[], extra: Parameters<typeof runCli>[1] extends infer O ? Partial<O> : never = {}) =>
    runCli(['run', '-t', rename, ...args], { cwd: dir, ...extra });

  it('has its own help with every option and the exit codes', async () => {
    const r = await runCli(['run', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const flag of ['--transform', '--parser', '--transform-option', '--write', '--force', '--check', '--format', '--color', '--patch', '--include', '--exclude', '--workers', '--in-band']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*3 {2}with --check/);
  });

  it('prints a plain diff when piped, and writes nothing', async () => {
    const r = await run(['src', '--in-band']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/src/app.ts b/src/app.ts');
    expect(r.stdout).toContain("-import { foo } from './lib';\n-export const app = foo();\n+import { bar } from './lib';\n");
    expect(r.stdout).not.toContain('untouched');
    expect(r.stdout).not.toMatch(ANSI);
    expect(r.stderr).toMatch(/3 modified, 0 deleted, 1 unchanged, 0 failed/);
    expect(readTree(dir)).toEqual(SERVICE);
  });

  it('colours the diff with --color always, and not with --no-color on a terminal', async () => {
    expect((await run(['src', '--in-band', '--color', 'always'])).stdout).toMatch(ANSI);
    expect((await run(['src', '--in-band', '--color=always'])).stdout).toMatch(ANSI);
    expect((await run(['src', '--in-band', '--no-color'], { stdoutTTY: true, stderrTTY: true })).stdout).not.toMatch(ANSI);
    expect((await run(['src', '--in-band'], { stdoutTTY: true })).stdout).toMatch(ANSI);
  });

  it('rejects an unknown option with exit code 2', async () => {
    const r = await run(['src', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown argument: frobnicate/);
    expect(r.stdout).toBe('');
  });

  it.each([
    [['run', '-t', './nope.ts', 'src'], /transform not found: .\/nope.ts/],
    [['run', '-t', path.join(transforms, 'not-a-function.js'), 'src'], /does not export a transform function/],
    [['run', 'src'], /Missing required argument: t/],
    [['run', '-t', rename], /Not enough non-option arguments/],
    [['run', '-t', rename, 'missing-dir'], /missing-dir does not exist/],
    [['run', '-t', rename, 'src', '--workers', '0'], /--workers must be a whole number/],
    [['run', '-t', rename, 'src', '--force'], /--force only applies together with --write/],
    [['run', '-t', rename, 'src', '--check', '--write'], /cannot be combined/],
    [['run', '-t', rename, 'src', '--parser', 'coffee'], /Invalid values/],
    [['run', '-t', rename, 'src', '--format', 'yaml'], /Invalid values/],
    [['run', '-t', rename, 'src', '--transform-option', '=x'], /--transform-option needs key=value/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const r = await runCli(argv, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 3 with --check while changes are pending, 0 once applied', async () => {
    const check = await run(['src', '--check']);
    expect(check.code).toBe(3);
    expect(check.stdout).toContain('diff --git');
    expect((await run(['src', '--write'])).code).toBe(0);
    expect((await run(['src', '--check'])).code).toBe(0);
  });

  it('prints a version 1 JSON report with --format json', async () => {
    const r = await run(['src', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { version: number; files: Array<{ path: string; status: string }>; functions: unknown[] };
    expect(report.version).toBe(1);
    expect(report.functions).toEqual([]);
    expect(report.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/app.ts', status: 'modified' }),
        expect.objectContaining({ path: 'src/untouched.ts', status: 'unchanged' }),
      ]),
    );
  });

  it('prints a Markdown report with --format markdown', async () => {
    const r = await run(['src', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('src/app.ts');
    expect(r.stdout).toMatch(/\|/);
  });

  it('transforms the valid file, reports the broken one with its location, exits 1, and --write writes nothing (all or nothing)', async () => {
    fs.writeFileSync(path.join(dir, 'src/broken.ts'), 'const foo = (;\n');
    const dry = await run(['src', '--in-band']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain('src/broken.ts:1:14: Unexpected token');
    expect(dry.stdout).toContain('diff --git a/src/lib.ts b/src/lib.ts');

    const libBefore = fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8');
    const written = await run(['src', '--write']);
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('lambdashift: nothing written: 1 file failed');
    expect(fs.readFileSync(path.join(dir, 'src/broken.ts'), 'utf8')).toBe('const foo = (;\n');
    expect(fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8')).toBe(libBefore);
  });

  it('refuses a file that is not UTF-8 with its location, never writing U+FFFD (as migrate does)', async () => {
    const latin1 = Buffer.concat([Buffer.from("export const foo = 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]);
    fs.writeFileSync(path.join(dir, 'src/latin.ts'), latin1);
    const dry = await run(['src']);
    expect(dry.code).toBe(1);
    expect(dry.stderr).toMatch(/src\/latin\.ts:1:24: latin\.ts is not valid UTF-8 \(byte 0xE9 at 1:24/);
    expect(dry.stdout).not.toContain('\ufffd');
    expect(dry.stdout).toContain('diff --git a/src/lib.ts b/src/lib.ts');
    const written = await run(['src', '--write', '--in-band']);
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('lambdashift: nothing written: 1 file failed');
    expect(fs.readFileSync(path.join(dir, 'src/latin.ts')).equals(latin1)).toBe(true);
  });

  it('takes the write lock migrate takes: refused with one line while another run holds it', async () => {
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const lock = { pid: holder.pid, host: os.hostname(), startedAt: new Date().toISOString(), state: 'staging', journal: [] };
      fs.writeFileSync(path.join(dir, '.lambdashift.lock'), JSON.stringify(lock));
      const libBefore = fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8');
      const r = await run(['src', '--write', '--in-band']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`lambdashift: another lambdashift run (pid ${holder.pid} on ${os.hostname()}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8')).toBe(libBefore);
    } finally {
      holder.kill();
    }
  });

  it('writes a --patch that git apply turns into exactly what --write produces', async () => {
    const clean = makeTree(SERVICE);
    try {
      const patch = path.join(dir, '..', `${path.basename(dir)}.patch`);
      const dry = await run(['.', '--patch', patch]);
      expect(dry.code).toBe(0);
      execFileSync('git', ['apply', '--check', patch], { cwd: clean });
      execFileSync('git', ['apply', patch], { cwd: clean });
      fs.rmSync(patch);
      expect((await run(['.', '--write'])).code).toBe(0);
      const written = readTree(dir);
      expect(written['src/app.ts']).toBe("import { bar } from './lib';\nexport const app = bar();\n");
      expect(readTree(clean)).toEqual(written);
    } finally {
      removeTree(clean);
    }
  });

  it('refuses --write over uncommitted changes in git (exit 1) unless --force', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const refused = await run(['src', '--write']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refusing to write/);
    expect(readTree(dir)).toEqual(SERVICE);
    expect((await run(['src', '--write', '--force'])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8')).toContain('function bar');
  });

  it('applies --include and --exclude', async () => {
    const r = await run(['.', '--include', 'src/**/*.ts', '--exclude', 'src/lib.ts', '--format', 'json']);
    const files = (JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path);
    expect(files).toEqual(['src/app.ts', 'src/untouched.ts']);
  });

  it('hands --transform-option values to the transform', async () => {
    const r = await runCli(['run', '-t', path.join(transforms, 'with-options.js'), 'src/lib.ts', '--transform-option', 'to=qux'], { cwd: dir });
    expect(r.stdout).toContain('+export function qux() {');
  });

  it('sends what a transform prints in a worker to stderr, keeping stdout for the diff', async () => {
    const noisy = path.join(dir, 'noisy.js');
    fs.writeFileSync(noisy, "module.exports = (file) => { console.log('NOISE ' + file.path); return null; };\n");
    const r = await runCli(['run', '-t', noisy, 'src', '--workers', '2'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('NOISE');
  });

  it('shows a progress line on a terminal stderr and clears it', async () => {
    const r = await run(['src', '--in-band'], { stderrTTY: true });
    expect(r.stderr).toMatch(/\rlambdashift: 4\/4 files/);
    expect(r.stderr).toContain('\r\x1b[K');
    const piped = await run(['src', '--in-band']);
    expect(piped.stderr).not.toContain('\r');
  });

  it('uses the common parent as root when the paths lie outside the working directory', async () => {
    const elsewhere = makeTree({});
    try {
      const r = await runCli(['run', '-t', rename, path.join(dir, 'src'), '--format', 'json'], { cwd: elsewhere });
      const files = (JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path);
      expect(files).toContain('app.ts');
    } finally {
      removeTree(elsewhere);
    }
  });
});
