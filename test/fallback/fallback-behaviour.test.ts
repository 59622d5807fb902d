/**
 * The whole-app fallback (issue 11): services the per-route split cannot serve completely
 * (routerless Koa with koa-compose, Express route-map loops and a resource() helper, static
 * mounts, paths API Gateway cannot express, a regex route, a trailing 404 handler added by the
 * entry file) are migrated into temp copies and every request of their requests.json is sent
 * to the untouched original over HTTP and to the generated handlers through the project's API
 * Gateway stand-in (`verify`), with HTTP API (v2) and REST (v1) events: all identical,
 * unmatched paths and unrouted methods included (the app's own 404/405 bodies).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import type { RunResult } from '../../src/model/run-result';
import { formatVerifyReport } from '../../src/verify/report';
import { verify, type VerifyReport } from '../../src/verify/verify';
import { ensureRuntimeBuilt } from '../behaviour/harness/runtime-build';
import { linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness/workspace';

jest.setTimeout(120000);

const FIXTURES = path.join(__dirname, 'fixtures');
const PACKAGES = ['express', 'koa', 'koa-compose', 'serve-static'];

/** A copy of a fixture with its packages linked from the repository. */
function copyFixture(name: string, withRuntime: boolean): string {
  const dir = path.join(makeTempDir(`lambdashift-fallback-${name}-`), name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const links: Record<string, string> = Object.fromEntries(PACKAGES.map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)]));
  if (withRuntime) links.lambdashift = REPO_ROOT;
  linkNodeModules(dir, [], links);
  return dir;
}

interface Migrated {
  original: string;
  copy: string;
  result: RunResult;
  entry: string;
}

async function migrateFixture(name: string): Promise<Migrated> {
  const original = copyFixture(name, false);
  const copy = copyFixture(name, true);
  const result = await migrate({ root: copy });
  expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
  await applyChangeSet(result.changes, { force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(original, 'package.json'), 'utf8')) as { main: string };
  return { original, copy, result, entry: path.join(original, pkg.main) };
}

function mismatches(report: VerifyReport): string {
  return report.mismatches ? formatVerifyReport(report) : '';
}

afterAll(removeTempDirs);

describe.each([
  ['koa-routerless', { split: [] as string[] }],
  ['express-route-map', { split: [] as string[] }],
  // `/users/:from-:to` shares the coarse `GET /users/{id}` with `/users/:id` (one function);
  // `/files/:name.json` is routed from `/files/{name}`; the regex route stays with the fallback.
  ['express-mixed', { split: ['GET /files/:name.json', 'GET /health', 'GET /users/:from-:to', 'GET /users/:id'] }],
])('%s', (name, expected) => {
  let m: Migrated | undefined;
  const get = (): Migrated => {
    if (!m) throw new Error('the migration did not complete');
    return m;
  };
  beforeAll(async () => {
    ensureRuntimeBuilt();
    m = await migrateFixture(name);
  });

  it('generates the split functions it can plus one whole-app fallback, and reports nothing as lost', () => {
    const { result } = get();
    const http = result.functions.filter((f) => f.kind === 'http');
    const fallback = http.filter((f) => f.kind === 'http' && f.fallback);
    expect(fallback.map((f) => f.kind === 'http' && [f.name, f.method, f.path, f.apiPath])).toEqual([['appFallback', 'ANY', '*', '$default']]);
    expect(http.filter((f) => f.kind === 'http' && !f.fallback).map((f) => f.kind === 'http' && `${f.method} ${f.path}`).sort()).toEqual(expected.split);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.routes?.every((r) => r.servedBy !== null)).toBe(true);
    expect(fs.existsSync(path.join(get().copy, 'lambda/http/appFallback.js'))).toBe(true);
  });

  it.each(['http', 'rest'] as const)('answers every request as the original does (%s API events)', async (api) => {
    const { copy, entry } = get();
    const report = await verify({ root: copy, entry, api, requestsFile: path.join(FIXTURES, name, 'requests.json') });
    expect(mismatches(report)).toBe('');
    expect(report.results.map((r) => r.routeKey).filter((k) => k === null)).toEqual([]);
  });

  it('answers the derived requests (one per route, an unmatched path, an unrouted method) as the original does', async () => {
    const { copy, entry } = get();
    const report = await verify({ root: copy, entry, api: 'http' });
    expect(report.results.some((r) => r.request.name === 'unmatched path')).toBe(true);
    expect(mismatches(report)).toBe('');
  });
});
