/**
 * A migrated copy of an example service in a temp directory, for serve/verify/e2e tests.
 * Its node_modules is a link to the example's own (npm workspaces install each example's
 * Express there) or, when it has none, to the repository's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate, type MigrateOptions } from '../../src/migrate/migrate';
import { copyTree } from '../helpers/tmp-project';

export const REPO = path.resolve(__dirname, '../..');
export const EXAMPLES = path.join(REPO, 'examples');

/** Copies `examples/<name>` and links its node_modules. */
export function copyExample(name: string): string {
  const src = path.join(EXAMPLES, name);
  const dir = copyTree(src, `lambdashift-${name}-`);
  const own = path.join(src, 'node_modules');
  fs.symlinkSync(fs.existsSync(own) ? own : path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Copies and migrates (`--write`) an example; returns the copy's root. */
export async function migratedExample(name: string, options: Partial<MigrateOptions> = {}): Promise<string> {
  const root = copyExample(name);
  const result = await migrate({ root, ...options });
  const failed = result.changes.entries().filter((c) => c.status === 'failed');
  if (failed.length) throw new Error(`migrate failed on ${failed.map((f) => `${f.path}: ${f.error?.message}`).join(', ')}`);
  await applyChangeSet(result.changes, { force: true });
  return root;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
