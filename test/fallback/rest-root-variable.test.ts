/**
 * A REST API's catch-all `ANY /{proxy+}` is the root's one variable child, so a root-level
 * variable path (`/:slug`, the optional `{/:lang}` of `{/:lang}/docs`) cannot be split beside it
 * (issue 11, item 4). The plan leaves such paths to the catch-all with a located info; an HTTP
 * API (`$default`) keeps the split. The REST migration is replayed against the original over
 * HTTP with v1 events through the API Gateway stand-in: identical answers, and the root
 * variable requests reach `/{proxy+}`. IaC for both fallback modes has no route-key warning.
 */
import * as path from 'node:path';
import { migrate } from '../../src/migrate/migrate';
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { FIXTURES, migrateFixture, mismatches, type Migrated } from './migrate-fixture';
import { ensureRuntimeBuilt } from '../behaviour/harness/runtime-build';

jest.setTimeout(240000);

afterAll(removeTempDirs);

const NAME = 'express-root-slug';
const split = (result: Migrated['result']): string[] => result.functions.flatMap((f) => (f.kind === 'http' && !f.fallback ? [`${f.method} ${f.path} ${f.apiPath}`] : [])).sort();

describe('REST API: root-level variable paths stay with the catch-all', () => {
  let m: Migrated;
  beforeAll(async () => {
    ensureRuntimeBuilt();
    m = await migrateFixture(NAME, { api: 'rest' });
  });

  it('splits the rest, and says why each root variable path is left to the whole-app function', () => {
    expect(split(m.result)).toEqual(['GET / /', 'GET /api/posts /api/posts', 'GET /api/posts/:id /api/posts/{id}', 'GET {/:lang}/docs /docs']);
    const infos = m.result.diagnostics.filter((d) => d.code === 'plan/rest-root-variable').map((d) => `${d.file}:${d.line} ${d.severity}`);
    expect(infos).toEqual(['app.js:22 info', 'app.js:25 info']);
    expect(m.result.routes?.find((r) => r.path === '/:slug')).toMatchObject({ servedBy: 'appFallback', reason: expect.stringContaining('root-level variable') });
    expect(m.result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('answers every request as the original does (v1 events), root variables through the catch-all', async () => {
    const report = await verify({ root: m.copy, entry: m.entry, api: 'rest', requestsFile: path.join(FIXTURES, NAME, 'requests.json') });
    expect(mismatches(report)).toBe('');
    const keys = Object.fromEntries(report.results.map((r) => [`${r.request.method} ${r.request.path}`, r.routeKey]));
    expect(keys).toMatchObject({ 'GET /about': '$default', 'GET /de/docs': '$default', 'GET /docs': 'GET /docs', 'GET /api/posts/1': 'GET /api/posts/{id}' });
  });

  it.each([
    ['app', 'serverless'],
    ['app', 'sam'],
    ['proxy', 'serverless'],
    ['proxy', 'sam'],
  ] as const)('--fallback %s: the %s template has no route key API Gateway refuses', async (fallback, iac) => {
    const result = await migrate({ root: m.original, api: 'rest', iac, fallback, ...(fallback === 'proxy' ? { proxyUrl: 'https://old.example.com' } : {}) });
    expect(result.diagnostics.filter((d) => d.code === 'iac/route-keys')).toEqual([]);
    expect(split(result)).not.toContainEqual(expect.stringContaining('/:slug'));
  });

  it('an HTTP API keeps /{slug} split: $default has no such limit', async () => {
    const result = await migrate({ root: m.original, api: 'http' });
    expect(split(result)).toContain('GET /:slug /{lang}');
    expect(result.diagnostics.filter((d) => d.code === 'plan/rest-root-variable' || d.code === 'iac/route-keys')).toEqual([]);
  });
});
