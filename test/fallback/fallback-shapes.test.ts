/**
 * More of issue 11's "Why" shapes, each a fixture in the shape real services have, migrated
 * into a temp copy and replayed (its requests.json) against the untouched original over HTTP
 * and against the generated handlers through the API Gateway stand-in (`verify`), with HTTP API
 * (v2) and REST (v1) events: identical status, headers and body, unmatched paths and unrouted
 * methods included.
 *
 * - express-swagger: real swagger-ui-express at `/docs` beside routers (its redirect `/docs` →
 *   `/docs/`, the page, swagger-ui-dist's stylesheet, the generated init script), morgan under
 *   `if (process.env.NODE_ENV !== 'test')` before the routes, an Express `route().all()` 405,
 *   a JSON 404; replayed with NODE_ENV as jest sets it (`test`) and as production sets it.
 * - express-swagger-root: swagger-ui-express at `/` (`app.use('/', swaggerUi.serve)`,
 *   `app.get('/', swaggerUi.setup(doc))`) after an API router; Express's own 404 page.
 * - koa-hello-world: one `app.use(ctx => ...)` answering every path and method, listening
 *   unguarded and exporting nothing.
 * - koa-allowed-methods: @koa/router with `allowedMethods()` (405 with Allow, OPTIONS) and
 *   Koa's own 404.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { FIXTURES, migratedOnce, mismatches, withEnv } from './migrate-fixture';

jest.setTimeout(180000);

afterAll(removeTempDirs);

interface Case {
  name: string;
  /** Split functions, `METHOD path`, sorted. */
  split: string[];
  /** Coverage rows (`METHOD path`) the fallback must serve. */
  viaFallback: string[];
  /** Route keys the stand-in must pick, `METHOD /path` → key. */
  routeKeys: Record<string, string>;
  /** Environments to replay under (each also with v1 and v2 events). */
  envs: Array<Record<string, string>>;
  /** static-files findings, `file:line:col functions`: assets a bundled function would not hold. */
  assetFindings?: string[];
}

const cases: Case[] = [
  {
    name: 'express-swagger',
    split: ['ALL /api/users', 'GET /api/users', 'GET /api/users/:id', 'GET /health'],
    viaFallback: ['ALL /docs/*', 'ALL *'],
    routeKeys: { 'GET /docs': '$default', 'GET /docs/swagger-ui.css': '$default', 'DELETE /api/users': 'ANY /api/users', 'PUT /api/users/2': '$default' },
    envs: [{ NODE_ENV: 'test' }, { NODE_ENV: 'production' }],
    assetFindings: ['app.js:16:18 allApiUsers,appFallback,getApiUsers,getApiUsersById,getHealth'],
  },
  {
    name: 'express-swagger-root',
    split: ['GET /', 'GET /api/users', 'GET /api/users/:id'],
    viaFallback: ['ALL *'],
    routeKeys: { 'GET /': 'GET /', 'GET /swagger-ui.css': '$default', 'POST /': '$default' },
    envs: [{}],
    assetFindings: ['app.js:24:14 appFallback,getApiUsers,getApiUsersById,getRoot'],
  },
  { name: 'koa-hello-world', split: [], viaFallback: ['ALL *'], routeKeys: { 'GET /a/b/c': '$default' }, envs: [{}] },
  {
    name: 'koa-allowed-methods',
    split: ['DELETE /users/:id', 'GET /users', 'GET /users/:id', 'POST /users', 'POST /users/import'],
    viaFallback: [],
    routeKeys: { 'PATCH /users/1': '$default', 'OPTIONS /users': '$default', 'GET /users/': 'GET /users', 'GET /users/import': 'GET /users/{id}' },
    envs: [{}],
  },
];

describe.each(cases)('$name', (c) => {
  const get = migratedOnce(c.name);

  it('splits what it can, serves the rest from the whole-app function, and loses nothing', () => {
    const { result, copy } = get();
    const http = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(http.filter((f) => f.fallback).map((f) => [f.name, f.method, f.path, f.apiPath])).toEqual([['appFallback', 'ANY', '*', '$default']]);
    expect(http.filter((f) => !f.fallback).map((f) => `${f.method} ${f.path}`).sort()).toEqual(c.split);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.routes?.filter((r) => r.servedBy === null)).toEqual([]);
    const fallback = (result.routes ?? []).filter((r) => r.servedBy === 'appFallback').map((r) => `${r.method} ${r.path}`);
    expect(fallback).toEqual(expect.arrayContaining(c.viaFallback));
    expect(fs.existsSync(path.join(copy, 'lambda/http/appFallback.js'))).toBe(true);
  });

  // swagger-ui-express finds swagger-ui-dist's folder by its `__dirname`: bundled with esbuild, that
  // is the bundle's folder. The IaC packages the folder and restores the location
  // (test/assets/swagger-package.test.ts); the tool notes the file serving where the docs are
  // mounted, naming the functions that load that code.
  it('names the mounts serving swagger-ui-dist from the functions', () => {
    const findings = (get().result.readiness ?? []).filter((f) => f.rule === 'static-files');
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.functions.join(',')}`)).toEqual(c.assetFindings ?? []);
    for (const f of findings) expect([f.severity, f.message]).toEqual(['info', expect.stringMatching(/^`swaggerUi\.serve` serves swagger-ui-dist's files .*finds them by its own `__dirname`, so the IaC packages its folder/)]);
  });

  it.each(['http', 'rest'] as const)('answers every request as the original does (%s API events)', async (api) => {
    const { copy, entry } = get();
    for (const env of c.envs) {
      const report = await withEnv(env, () => verify({ root: copy, entry, api, loadCheck: false, requestsFile: path.join(FIXTURES, c.name, 'requests.json') }));
      expect({ env, mismatches: mismatches(report) }).toEqual({ env, mismatches: '' });
      expect(report.results.filter((r) => r.routeKey === null).map((r) => r.request.name)).toEqual([]);
      if (api === 'http') {
        const keys = Object.fromEntries(report.results.map((r) => [`${r.request.method} ${r.request.path.split('?')[0]}`, r.routeKey]));
        for (const [request, key] of Object.entries(c.routeKeys)) expect({ request, key: keys[request] }).toEqual({ request, key });
      }
    }
  });
});
