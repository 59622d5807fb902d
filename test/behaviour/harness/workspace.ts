/**
 * Temp copies of sample services that can run on their own: the copy gets a `node_modules/`
 * of symlinks so it resolves exactly what the example resolves in the repo, plus
 * `lambdashift` itself (so generated modules' `require('lambdashift/runtime')` goes through
 * the package `exports` to `dist/src/runtime/index.js`, as in a real install).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

const tempDirs: string[] = [];

/** A fresh temp directory, removed by {@link removeTempDirs}. */
export function makeTempDir(prefix = 'lambdashift-behaviour-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every directory made by {@link makeTempDir} (unless LAMBDASHIFT_KEEP_TEMP is set, for debugging). */
export function removeTempDirs(): void {
  if (process.env.LAMBDASHIFT_KEEP_TEMP) {
    for (const dir of tempDirs) process.stderr.write(`kept ${dir}\n`);
    tempDirs.length = 0;
    return;
  }
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

function entries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Fills `target/node_modules` with symlinks: first every entry of each `sources` directory in
 * order (an earlier source wins, so an example's own Express 4 shadows the root's Express 5),
 * merging `@scope` directories entry by entry (so `@types/express` v4 from the example and
 * `@types/aws-lambda` from the root are both there). `.bin` is skipped.
 */
export function linkNodeModules(target: string, sources: string[], extra: Record<string, string> = {}): void {
  const nm = path.join(target, 'node_modules');
  fs.mkdirSync(nm, { recursive: true });
  const link = (from: string, to: string): void => {
    if (fs.existsSync(to) || isLink(to)) return;
    fs.symlinkSync(from, to, 'dir');
  };
  for (const [name, dest] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(nm, name)), { recursive: true });
    link(dest, path.join(nm, name));
  }
  for (const source of sources) {
    for (const entry of entries(source)) {
      if (entry.name === '.bin' || entry.name.startsWith('.package-lock')) continue;
      const from = path.join(source, entry.name);
      if (entry.name.startsWith('@') && entry.isDirectory()) {
        const scope = path.join(nm, entry.name);
        fs.mkdirSync(scope, { recursive: true });
        for (const inner of entries(from)) link(path.join(from, inner.name), path.join(scope, inner.name));
        continue;
      }
      link(from, path.join(nm, entry.name));
    }
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Copies `examples/<example>` (without node_modules) to `<parent>/<example>` and links its
 * dependencies: the example's own node_modules, then the repo root's, then
 * `lambdashift` → the repo root. Returns the copy's path.
 */
export function copyExample(example: string, parent: string, baseDir = EXAMPLES_DIR): string {
  const src = path.join(baseDir, example);
  const dest = path.join(parent, example);
  fs.cpSync(src, dest, {
    recursive: true,
    // Static files answer with Last-Modified: the copy's must be the original's.
    preserveTimestamps: true,
    filter: (s) => !path.relative(src, s).split(path.sep).includes('node_modules') && !/(^|\/)dist(\/|$)/.test(path.relative(src, s)),
  });
  linkNodeModules(dest, [path.join(src, 'node_modules'), path.join(REPO_ROOT, 'node_modules')], { lambdashift: REPO_ROOT });
  return dest;
}

/** Every file under `dir` (relative, POSIX), skipping node_modules; for before/after comparisons. */
export function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of entries(path.join(dir, rel))) {
    if (entry.name === 'node_modules') continue;
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, child));
    else out.push(child);
  }
  return out.sort();
}

/** Every file under `dir`, node_modules included (a deployed package's content), as sorted `/`-separated relative paths. */
export function listPackageFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** Gives a packaged copy (`file`) of `<original>/<rel>` the original's times: Last-Modified is the package's, not behaviour. */
export function keepOriginalTimes(file: string, original: string, rel: string): void {
  const source = path.join(original, rel);
  if (!fs.existsSync(source)) return;
  const { atime, mtime } = fs.statSync(source);
  fs.utimesSync(file, atime, mtime);
}
