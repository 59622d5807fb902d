/**
 * Fixtures of test/fallback migrated into temp copies: the untouched original (for HTTP) and a
 * migrated copy (written), each with its packages linked from the repository (`express` is the
 * repository's Express 4 when the fixture asks for ^4).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate, type MigrateOptions } from '../../src/migrate/migrate';
import type { RunResult } from '../../src/model/run-result';
import { formatVerifyReport } from '../../src/verify/report';
import type { VerifyReport } from '../../src/verify/verify';
import { ensureRuntimeBuilt } from '../behaviour/harness/runtime-build';
import { linkNodeModules, makeTempDir, REPO_ROOT } from '../behaviour/harness/workspace';

export const FIXTURES = path.join(__dirname, 'fixtures');
const PACKAGES = ['express', 'koa', 'koa-compose', 'serve-static', '@koa/router', 'swagger-ui-express', 'morgan'];

/** A copy of a fixture with its packages linked from the repository. */
function copyFixture(name: string, withRuntime: boolean): string {
  const dir = path.join(makeTempDir(`lambdashift-fallback-${name}-`), name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const deps = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
  const links: Record<string, string> = Object.fromEntries(PACKAGES.map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)]));
  if (/^\^?4\./.test(deps.express ?? '')) links.express = path.join(REPO_ROOT, 'node_modules', 'express4');
  if (withRuntime) links.lambdashift = REPO_ROOT;
  linkNodeModules(dir, [], links);
  return dir;
}

export interface Migrated {
  original: string;
  copy: string;
  result: RunResult;
  entry: string;
}

/** Migrates (and writes) a copy of fixture `name`; the original stays as it is. */
export async function migrateFixture(name: string, options: Partial<MigrateOptions> = {}): Promise<Migrated> {
  const original = copyFixture(name, false);
  const copy = copyFixture(name, true);
  const result = await migrate({ ...options, root: copy });
  expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
  await applyChangeSet(result.changes, { force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(original, 'package.json'), 'utf8')) as { main: string };
  return { original, copy, result, entry: path.join(original, pkg.main) };
}

/** Inside a `describe`: migrates fixture `name` once (`beforeAll`); the getter returns it. */
export function migratedOnce(name: string, entry?: string): () => Migrated {
  let m: Migrated | undefined;
  beforeAll(async () => {
    ensureRuntimeBuilt();
    m = await migrateFixture(name);
    // `entry` (root-relative) replaces package.json `main`, which a TypeScript service points at its build output.
    if (entry) m = { ...m, entry: path.join(m.original, entry) };
  });
  return () => {
    if (!m) throw new Error('the migration did not complete');
    return m;
  };
}

/** The verify report's mismatches as text; empty when every answer is identical. */
export function mismatches(report: VerifyReport): string {
  return report.mismatches ? formatVerifyReport(report) : '';
}


/**
 * Runs `run` with `env` set in process.env and the names in `unset` removed (the original app
 * and the generated handlers of `verify` read it at load), then restores every one of them.
 */
export async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>, unset: string[] = []): Promise<T> {
  const names = [...new Set([...unset, ...Object.keys(env)])];
  const saved = Object.fromEntries(names.map((k) => [k, process.env[k]]));
  for (const k of unset) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
