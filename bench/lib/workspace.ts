/**
 * Making a generated service runnable in place: a `node_modules/` of symlinks to the repo's
 * packages plus `lambdashift` → the repo (so generated modules' `require('lambdashift/runtime')`
 * goes through the package `exports` to `dist/src/runtime/index.js`, as in a real install),
 * and that built runtime kept up to date with `src/runtime/`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './common';

/** Links every package of the repo's node_modules (scopes entry by entry) and lambdashift itself. */
export function linkRepoNodeModules(target: string): void {
  const repo = repoRoot();
  const nm = path.join(target, 'node_modules');
  fs.mkdirSync(nm, { recursive: true });
  const source = path.join(repo, 'node_modules');
  fs.symlinkSync(repo, path.join(nm, 'lambdashift'), 'dir');
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (entry.name === '.bin' || entry.name.startsWith('.') || entry.name === 'lambdashift') continue;
    const from = path.join(source, entry.name);
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      fs.mkdirSync(path.join(nm, entry.name), { recursive: true });
      for (const inner of fs.readdirSync(from)) fs.symlinkSync(path.join(from, inner), path.join(nm, entry.name, inner), 'dir');
      continue;
    }
    fs.symlinkSync(from, path.join(nm, entry.name), 'dir');
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds `dist/src/runtime` (tsc, tsconfig.build.json's options, only the runtime's files)
 * when it is missing or older than `src/runtime/`; the same thing the behaviour tests do.
 * Returns what it did, for the log.
 */
export function ensureRuntimeBuilt(): string {
  const repo = repoRoot();
  const entry = path.join(repo, 'dist/src/runtime/index.js');
  const sources = path.join(repo, 'src/runtime');
  const stale = (): boolean => !fs.existsSync(entry) || newestMtime(sources) > newestMtime(path.dirname(entry));
  if (!stale()) return 'dist/src/runtime is up to date';
  const dir = path.join(repo, '.bench-tmp', `runtime-build-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(config, JSON.stringify({ extends: path.join(repo, 'tsconfig.build.json'), files: [path.join(sources, 'index.ts')], include: [] }));
  const tsc = require.resolve('typescript/bin/tsc', { paths: [repo] });
  const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: repo, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (stale()) throw new Error(`building the runtime failed (tsc exit ${run.status}):\n${run.stdout}${run.stderr}`);
  return 'dist/src/runtime was stale: rebuilt it from src/runtime with tsc';
}
