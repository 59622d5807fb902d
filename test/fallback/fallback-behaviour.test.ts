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
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { FIXTURES, migratedOnce, mismatches } from './migrate-fixture';

jest.setTimeout(120000);

afterAll(removeTempDirs);

describe.each([
  ['koa-routerless', { split: [] as string[] }],
  ['express-route-map', { split: [] as string[] }],
  // `/users/:from-:to` shares the coarse `GET /users/{id}` with `/users/:id` (one function);
  // `/files/:name.json` is routed from `/files/{name}`; the regex route stays with the fallback.
  ['express-mixed', { split: ['GET /files/:name.json', 'GET /health', 'GET /users/:from-:to', 'GET /users/:id'] }],
])('%s', (name, expected) => {
  const get = migratedOnce(name);

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
