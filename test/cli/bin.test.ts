/**
 * Runs the real launcher, bin/lambdashift.js, as a separate process against a compiled copy of
 * src/ (esbuild, file by file, as tsc lays out dist/). This covers what the in-process tests
 * cannot: the compiled worker entry, process exit codes and real pipes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { makeTree, removeTree } from '../runner/temp-tree';
import { ANSI } from './capture';

const repo = path.join(__dirname, '..', '..');
const transforms = path.join(__dirname, '..', 'runner', 'transforms');

/** What tsconfig.build.json compiles: TypeScript under src/ and transforms/, without tests. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' || e.name === '__testfixtures__' ? [] : sourceFiles(abs);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [abs] : [];
  });
}

/** A package laid out like the published one (bin/, dist/src/, dist/transforms/, package.json) plus node_modules. */
function buildPackage(): string {
  const pkg = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-bin-')));
  buildSync({
    entryPoints: [...sourceFiles(path.join(repo, 'src')), ...sourceFiles(path.join(repo, 'transforms'))],
    outdir: path.join(pkg, 'dist'),
    outbase: repo,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  fs.mkdirSync(path.join(pkg, 'bin'));
  fs.copyFileSync(path.join(repo, 'bin', 'lambdashift.js'), path.join(pkg, 'bin', 'lambdashift.js'));
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(pkg, 'package.json'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  return pkg;
}

describe('bin/lambdashift.js', () => {
  let pkg: string;
  let service: string;
  beforeAll(() => {
    pkg = buildPackage();
    const files: Record<string, string> = { 'src/broken.ts': 'export const = ;\n' };
    for (let i = 0; i < 60; i++) files[`src/m${i}.ts`] = `export const foo${i} = ${i};\nexport function foo() {}\n`;
    service = makeTree(files);
  });
  afterAll(() => {
    removeTree(pkg);
    removeTree(service);
  });

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.join(pkg, 'bin', 'lambdashift.js'), ...args], { cwd: service, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });

  it('runs a TypeScript transform over worker threads from the compiled build', () => {
    const r = cli(['run', '-t', path.join(transforms, 'rename-foo.ts'), 'src', '--workers', '2', '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { version: number; files: Array<{ path: string; status: string; error?: { line: number } }> };
    expect(report.version).toBe(1);
    const statuses = report.files.map((f) => f.status);
    expect(statuses.filter((s) => s === 'modified')).toHaveLength(60);
    expect(report.files.find((f) => f.path === 'src/broken.ts')).toMatchObject({ status: 'failed', error: { line: 1 } });
    expect(r.stderr).toContain('src/broken.ts:1:14:');
  });

  it('prints a plain diff into a pipe and exits 2 on bad usage', () => {
    const diff = cli(['run', '-t', path.join(transforms, 'rename-foo.cjs'), 'src/m1.ts']);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('+export function bar() {}');
    expect(diff.stdout).not.toMatch(ANSI);
    expect(cli(['run', '--bogus']).status).toBe(2);
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
