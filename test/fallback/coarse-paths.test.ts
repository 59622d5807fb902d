/**
 * Coarse API paths (issue 11, item 4): routes whose paths API Gateway cannot express exactly
 * (`/reports/:year-:month`, `/files/*.json`, `:name.json`, `*page.md`) get the nearest API path
 * that covers them, and requests that reach that path but not the route get the app's own
 * answer. Express 4 and @koa/router fixtures are migrated into temp copies and their
 * requests.json replayed against the untouched original over HTTP and against the generated
 * handlers through the API Gateway stand-in (`verify`), with HTTP API (v2) and REST (v1)
 * events: identical, 404 bodies included, and the coarse requests are answered by the split
 * functions (their route keys), not by the whole-app fallback. The serverless.yml and SAM
 * routes are checked for what API Gateway refuses at deploy time.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { migrate } from '../../src/migrate/migrate';
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { samErrors } from '../iac/sam-schema';
import { FIXTURES, migratedOnce, mismatches } from './migrate-fixture';

jest.setTimeout(180000);

afterAll(removeTempDirs);

interface Expected {
  /** Split functions of the report: `name METHOD path apiPath`, and whether the API path is coarse. */
  functions: string[];
  /** `METHOD path` → the route key API Gateway picks for it. */
  routeKeys: Record<string, string>;
  /** Info codes the plan must give (coarse paths, merged keys). */
  infos: string[];
}

const cases: Array<[string, Expected]> = [
  [
    'express4-coarse',
    {
      functions: [
        'deleteFilesByName DELETE /files/:name /files/{proxy+} coarse',
        'getFilesCatchAll GET /files/*.json /files/{proxy+} coarse',
        'getFilesCatchAll GET /files/:name /files/{proxy+} coarse',
        'getHealth GET /health /health',
        'getReportsByYear GET /reports/:year-:month /reports/{yearMonth} coarse',
        'getReportsSummary GET /reports/summary /reports/summary',
        'getUsersById GET /users/:id? /users',
        'getUsersById GET /users/:id? /users/{id}',
      ],
      routeKeys: {
        'GET /reports/2024': 'GET /reports/{yearMonth}',
        'GET /files/readme': 'GET /files/{proxy+}',
        'GET /files/a/b.txt': 'GET /files/{proxy+}',
        'DELETE /files/a/b': 'DELETE /files/{proxy+}',
        'POST /files/x.json': '$default',
      },
      infos: ['plan/coarse-api-path', 'plan/route-key-merged'],
    },
  ],
  [
    'koa-coarse',
    {
      functions: [
        'getApiDocsByPage GET /api/docs/*page.md /api/docs/{proxy+} coarse',
        'getApiFilesByName GET /api/files/:name.json /api/files/{name} coarse',
        'getApiUsersById GET /api/users/:from-:to /api/users/{id} coarse',
        'getApiUsersById GET /api/users/:id /api/users/{id}',
      ],
      routeKeys: {
        'GET /api/users/1-9': 'GET /api/users/{id}',
        'GET /api/files/report.txt': 'GET /api/files/{name}',
        'GET /api/docs/guide/intro.txt': 'GET /api/docs/{proxy+}',
      },
      infos: ['plan/coarse-api-path', 'plan/route-key-merged'],
    },
  ],
];

/** Every API route of a rendered serverless.yml or SAM template, as `METHOD path` (`$default` alone). */
function templateRoutes(text: string, format: 'serverless' | 'sam'): string[] {
  const doc = parse(text, { customTags: [{ tag: '!Ref', resolve: (v: unknown) => v }, { tag: '!Sub', resolve: (v: unknown) => v }, { tag: '!GetAtt', resolve: (v: unknown) => v }] });
  const out: string[] = [];
  if (format === 'serverless') {
    for (const fn of Object.values<{ events?: Array<Record<string, unknown>> }>(doc.functions)) {
      for (const e of fn.events ?? []) {
        const ev = (e.httpApi ?? e.http) as { method: string; path: string } | '*' | undefined;
        if (ev === '*') out.push('$default');
        else if (ev) out.push(`${ev.method.toUpperCase()} ${ev.path}`);
      }
    }
  } else {
    for (const res of Object.values<{ Properties?: { Events?: Record<string, { Type: string; Properties?: { Path?: string; Method?: string } }> } }>(doc.Resources)) {
      for (const e of Object.values(res.Properties?.Events ?? {})) {
        if (e.Type !== 'Api' && e.Type !== 'HttpApi') continue;
        out.push(e.Properties?.Path ? `${e.Properties.Method!.toUpperCase()} ${e.Properties.Path}` : '$default');
      }
    }
  }
  return out;
}

/** What API Gateway refuses: a route key twice, a greedy variable before the end, (REST) two variable children of one resource. */
function refusals(routes: string[], api: 'http' | 'rest'): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const variables = new Map<string, Set<string>>();
  for (const key of routes) {
    if (seen.has(key)) out.push(`duplicate ${key}`);
    seen.add(key);
    const segs = (key.split(' ')[1] ?? '').split('/').filter(Boolean);
    segs.forEach((seg, i) => {
      if (seg.endsWith('+}') && i < segs.length - 1) out.push(`greedy not last: ${key}`);
      if (!seg.startsWith('{')) return;
      const parent = segs.slice(0, i).join('/');
      (variables.get(parent) ?? variables.set(parent, new Set()).get(parent)!).add(seg);
    });
  }
  if (api === 'rest') for (const [parent, kids] of variables) if (kids.size > 1) out.push(`/${parent}: ${[...kids].join(' ')}`);
  return out;
}

describe.each(cases)('%s', (name, expected) => {
  const get = migratedOnce(name);

  it('reports each coarse API path with its exact path, served by a split function, with the reasons', () => {
    const { result } = get();
    const split = result.functions.flatMap((f) => (f.kind === 'http' && !f.fallback ? [`${f.name} ${f.method} ${f.path} ${f.apiPath}${f.coarse ? ' coarse' : ''}`] : []));
    expect(split.sort()).toEqual(expected.functions);
    const routes = (result.routes ?? []).filter((r) => r.path !== '*');
    expect(routes.length).toBe(new Set(expected.functions.map((f) => f.split(' ').slice(1, 3).join(' '))).size);
    for (const r of routes) expect(result.functions.some((f) => f.kind === 'http' && !f.fallback && f.name === r.servedBy && f.path === r.path)).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    for (const code of expected.infos) expect(result.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('changes nothing on a second run', async () => {
    const again = await migrate({ root: get().copy });
    expect(again.changes.entries().filter((c) => c.status !== 'unchanged').map((c) => c.path)).toEqual([]);
  });

  it.each(['http', 'rest'] as const)('answers every request as the original does, coarse paths from their split functions (%s API events)', async (api) => {
    const { copy, entry } = get();
    const report = await verify({ root: copy, entry, api, requestsFile: path.join(FIXTURES, name, 'requests.json') });
    expect(mismatches(report)).toBe('');
    const keys = Object.fromEntries(report.results.map((r) => [`${r.request.method} ${r.request.path}`, r.routeKey]));
    expect(keys).toMatchObject(expected.routeKeys);
  });

  it.each([
    ['serverless', 'http'],
    ['serverless', 'rest'],
    ['sam', 'http'],
    ['sam', 'rest'],
  ] as const)('writes %s routes for a %s API that API Gateway accepts', async (iac, api) => {
    const result = await migrate({ root: get().original, iac, api });
    const file = iac === 'sam' ? 'template.yaml' : 'serverless.yml';
    const text = result.changes.get(file)!.after!;
    if (iac === 'sam') expect(samErrors(text)).toEqual([]);
    const routes = templateRoutes(text, iac);
    expect(refusals(routes, api)).toEqual([]);
    const coarse = expected.functions.filter((f) => f.endsWith(' coarse')).map((f) => `${f.split(' ')[1]} ${f.split(' ')[3]}`);
    for (const key of coarse) expect(routes).toContain(key);
    expect(result.diagnostics.filter((d) => d.code?.startsWith('iac/'))).toEqual([]);
  });
});
