/**
 * Regex route paths (issue 11, item 4): Express 4 `app.get(/^\/files\/(\d+)$/)`, a router's
 * `/.*fly$/` under a mount, path arrays mixing strings and regexes, and @koa/router regex
 * routes stay in the model. Each gets the API path of its provable literal prefix plus
 * `{proxy+}` (a regex without one, or a prefixed Koa regex, goes to the whole-app function with
 * the reason), the generated module registers the same regex literal, and requests on the
 * coarse path that the regex does not match get the app's own 404. Replayed against the
 * original over HTTP and the generated handlers (`verify`, v2 and v1 events): identical.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '../../src/migrate/migrate';
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { FIXTURES, migratedOnce, mismatches } from './migrate-fixture';

jest.setTimeout(240000);

afterAll(removeTempDirs);

interface Expected {
  /** Split functions: `name METHOD path apiPath`. */
  functions: string[];
  /** A generated module and a registration it must contain, as written. */
  module: [string, string];
  /** Routes the whole-app function serves, with a phrase of the reason. */
  toFallback: Array<[string, string]>;
  /** `METHOD path` → the route key API Gateway picks. */
  routeKeys: Record<string, string>;
}

const cases: Array<[string, Expected]> = [
  [
    'express4-regex',
    {
      functions: [
        'getDocs GET /docs /docs',
        'getFilesLatest GET /files/latest /files/latest',
        'getFilesPattern GET /^\\/files\\/(\\d+)$/ /files/{proxy+}',
        'getGuidesPattern GET /^\\/guides\\/([a-z-]+)$/ /guides/{proxy+}',
        'getHealth GET /health /health',
        'getInsectsPattern GET /insects/.*fly$/ /insects',
        'getInsectsPattern GET /insects/.*fly$/ /insects/{proxy+}',
        'getInsectsPattern GET /insects/:name /insects/{proxy+}',
      ],
      module: ['lambda/http/getFilesPattern.js', 'app.get(/^\\/files\\/(\\d+)$/, getFilesPatternHandler);'],
      toFallback: [['GET /^\\/legacy\\/report/i', 'the nearest API path, /{proxy+}, takes every request']],
      routeKeys: {
        'GET /files/42': 'GET /files/{proxy+}',
        'GET /files/abc': 'GET /files/{proxy+}',
        'GET /insects/butterfly': 'GET /insects/{proxy+}',
        'GET /insects': 'GET /insects',
        'GET /guides/Getting_Started': 'GET /guides/{proxy+}',
        'GET /LEGACY/Report/2024': '$default',
      },
    },
  ],
  [
    'koa-regex',
    {
      functions: [
        'getOrdersPattern GET /^\\/orders\\/(\\d+)\\/invoice$/ /orders/{proxy+}',
        'getStatus GET /status /status',
        'getStatusVPattern GET /^\\/status\\/v\\d+$/ /status/{proxy+}',
      ],
      module: ['lambda/http/getOrdersPattern.js', 'router.get(/^\\/orders\\/(\\d+)\\/invoice$/, getOrdersPatternHandler);'],
      toFallback: [['GET /admin/^\\/admin\\/audit-\\d{4}$/', 'a router with the prefix `/admin`']],
      routeKeys: {
        'GET /orders/7/invoice': 'GET /orders/{proxy+}',
        'GET /orders/7/receipt': 'GET /orders/{proxy+}',
        'GET /status/beta': 'GET /status/{proxy+}',
        'GET /admin/audit-2024': '$default',
      },
    },
  ],
];

describe.each(cases)('%s', (name, expected) => {
  const get = migratedOnce(name);

  it('keeps regex routes with their regex, on the API path of their literal prefix, or in the whole-app function with the reason', () => {
    const { result, copy } = get();
    const split = result.functions.flatMap((f) => (f.kind === 'http' && !f.fallback ? [`${f.name} ${f.method} ${f.path} ${f.apiPath}`] : []));
    expect(split.sort()).toEqual(expected.functions);
    const [file, registration] = expected.module;
    expect(fs.readFileSync(path.join(copy, file), 'utf8')).toContain(registration);
    for (const [route, why] of expected.toFallback) {
      const covered = (result.routes ?? []).find((r) => `${r.method} ${r.path}` === route);
      expect(covered).toMatchObject({ servedBy: 'appFallback' });
      expect(covered?.reason).toContain(why);
    }
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toContain('plan/coarse-api-path');
  });

  it('changes nothing on a second run', async () => {
    const again = await migrate({ root: get().copy });
    expect(again.changes.entries().filter((c) => c.status !== 'unchanged').map((c) => c.path)).toEqual([]);
  });

  it('answers every request as the original does, v2 and v1 events', async () => {
    const { copy, entry } = get();
    for (const api of ['http', 'rest'] as const) {
      const report = await verify({ root: copy, entry, api, requestsFile: path.join(FIXTURES, name, 'requests.json') });
      expect(mismatches(report)).toBe('');
      const keys = Object.fromEntries(report.results.map((r) => [`${r.request.method} ${r.request.path}`, r.routeKey]));
      expect(keys).toMatchObject(expected.routeKeys);
    }
  });
});
