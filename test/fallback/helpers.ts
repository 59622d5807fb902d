/**
 * Shared by the fallback tests: fixtures copied into temp dirs with their packages linked from
 * the repository, migrated and written, then compared with the original through `verify`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import type { RunResult } from '../../src/model/run-result';
import { formatVerifyReport } from '../../src/verify/report';
import type { VerifyReport } from '../../src/verify/verify';
import { linkNodeModules, makeTempDir, REPO_ROOT } from '../behaviour/harness/workspace';

export const FIXTURES = path.join(__dirname, 'fixtures');
const PACKAGES = ['express', 'koa', 'koa-compose', 'serve-static', '@koa/router'];

/** A copy of a fixture with its packages linked from the repository. */
export function copyFixture(name: string, withRuntime: boolean): string {
  const dir = path.join(makeTempDir(`lambdashift-fallback-${name}-`), name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const links: Record<string, string> = Object.fromEntries(PACKAGES.map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)]));
  if (withRuntime) links.lambdashift = REPO_ROOT;
  linkNodeModules(dir, [], links);
  return dir;
}

export interface Migrated {
  original: string;
  copy: string;
  result: RunResult;
  /** Entry module of the untouched original. */
  entry: string;
}

/** Migrates a copy of the fixture (written), beside an untouched copy; `entry` defaults to package.json `main`. */
export async function migrateFixture(name: string, entry?: string): Promise<Migrated> {
  const original = copyFixture(name, false);
  const copy = copyFixture(name, true);
  const result = await migrate({ root: copy });
  expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
  await applyChangeSet(result.changes, { force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(original, 'package.json'), 'utf8')) as { main: string };
  return { original, copy, result, entry: path.join(original, entry ?? pkg.main) };
}

/** The verify report's differences, '' when there are none. */
export function mismatches(report: VerifyReport): string {
  return report.mismatches ? formatVerifyReport(report) : '';
}

