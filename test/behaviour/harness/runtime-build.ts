/**
 * Generated modules import `lambdashift/runtime`, which the package `exports` map to
 * `dist/src/runtime/index.js` (+ `.d.ts`). The behaviour tests run that published file, not
 * the TypeScript source, so they first make sure it is built and not older than the source.
 *
 * Only the runtime is compiled (tsc with tsconfig.build.json's options, files limited to
 * `src/runtime/index.ts` and what it imports): the output is byte-for-byte what `npm run build`
 * writes for those files, it takes seconds, and it does not depend on the rest of src/
 * compiling.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, REPO_ROOT } from './workspace';

export const RUNTIME_SOURCE_DIR = path.join(REPO_ROOT, 'src/runtime');
export const RUNTIME_ENTRY = path.join(REPO_ROOT, 'dist/src/runtime/index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Why the built runtime must be (re)built, or null when it is up to date. */
export function runtimeBuildReason(): string | null {
  if (!fs.existsSync(path.join(RUNTIME_SOURCE_DIR, 'index.ts'))) {
    throw new Error('src/runtime/index.ts does not exist yet: lambdashift/runtime has no entry point to build');
  }
  if (!fs.existsSync(RUNTIME_ENTRY)) return `${path.relative(REPO_ROOT, RUNTIME_ENTRY)} is missing`;
  const built = newestMtime(path.dirname(RUNTIME_ENTRY));
  if (newestMtime(RUNTIME_SOURCE_DIR) > built) return 'src/runtime/ is newer than dist/src/runtime/';
  return null;
}

/** Builds dist/src/runtime when missing or stale. Throws with tsc's output when it emits nothing. */
export function ensureRuntimeBuilt(): void {
  if (runtimeBuildReason() === null) return;
  const dir = makeTempDir('lambdashift-runtime-build-');
  const config = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ extends: path.join(REPO_ROOT, 'tsconfig.build.json'), files: [path.join(RUNTIME_SOURCE_DIR, 'index.ts')], include: [] }, null, 2),
  );
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_ROOT] });
  const run = spawnSync(process.execPath, [tsc, '-p', config], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!fs.existsSync(RUNTIME_ENTRY) || runtimeBuildReason() !== null) {
    throw new Error(`building the runtime failed (tsc exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  // Type errors with output still emitted: the runtime's own tests report those; say it anyway.
  if (run.status !== 0) process.stderr.write(`tsc reported errors while building the runtime:\n${run.stdout}${run.stderr}\n`);
}
