/**
 * Conditional registrations (issue 11, item 5): settings, middleware, mounts and routes
 * registered under `if`/`else`, `&&` and `?:` keep their conditions in the generated modules
 * (an Express app's `app.get('env')` read as Express defines it, NODE_ENV or 'development'),
 * evaluated at the module's load as the original evaluates them at its own; a condition only
 * the running app can evaluate (a variable it changes, a feature-flag client call) leaves its
 * routes to the whole-app function with a located diagnostic naming it. A conditional setting
 * never becomes unconditional (`trust proxy` would change req.protocol/hostname: a security
 * change). Each fixture is compared with its original through `verify` (HTTP API and REST
 * events) with the environment variables the conditions read both unset and set.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verify } from '../../src/verify/verify';
import { removeTempDirs } from '../behaviour/harness/workspace';
import { FIXTURES, migratedOnce, mismatches, withEnv } from './migrate-fixture';

jest.setTimeout(180000);

afterAll(removeTempDirs);

/** The variables the fixtures' conditions read, set to turn every condition the other way. */
const SET = { TRUST_PROXY: 'true', NODE_ENV: 'production', ENABLE_ADMIN: 'true' };

const cases = [
  {
    name: 'express-conditional',
    entry: undefined,
    split: ['GET /admin/stats', 'GET /debug', 'GET /fail', 'GET /users', 'GET /users/:id', 'GET /whoami'],
    module: 'lambda/http/getWhoami.js',
    carried: [
      "if (process.env.TRUST_PROXY) app.set('trust proxy', true);",
      "if (!(process.env.NODE_ENV === 'production')) app.set('json spaces', 2);",
      "if (process.env.NODE_ENV !== 'test') app.use(requestLogger('dev'));",
      "if (process.env.NODE_ENV === 'production') app.use(securityHeaders({ hsts: true }));",
      // `app.get('env')` as Express defines it.
      "if ((process.env.NODE_ENV || 'development') !== 'test') app.use(environmentHeader);",
      "if ((process.env.NODE_ENV || 'development') === 'development') app.use(developmentErrors);",
      "if (!((process.env.NODE_ENV || 'development') === 'development')) app.use(productionErrors);",
    ],
    never: /^app\.set\('trust proxy'/m,
    refused: 'app.js:35:18 GET /restarted has no function of its own (registered under the condition `started > 1` at app.js:35:5',
  },
  {
    name: 'koa-conditional',
    entry: 'src/server.ts',
    split: ['GET /admin/stats', 'GET /whoami'],
    module: 'lambda/http/getAdminStats.ts',
    carried: [
      "if (process.env.TRUST_PROXY === 'true') app.proxy = true;",
      "if (config.env !== 'production') app.use(responseMode({ header: 'X-Mode' }));",
      'if (config.features.admin) app.use(adminRouter.routes());',
      'if (!config.features.admin) app.use(adminDisabled);',
    ],
    never: /^app\.proxy = /m,
    refused: "src/app.ts:23:3 GET /beta has no function of its own (registered under the condition `featureFlags.isEnabled('beta')` at src/app.ts:22:5",
  },
];

describe.each(cases)('$name', (c) => {
  const get = migratedOnce(c.name, c.entry);

  it('splits the routes whose conditions a generated module can evaluate, and names the one it cannot', () => {
    const { result } = get();
    const http = result.functions.filter((f) => f.kind === 'http');
    expect(http.filter((f) => f.kind === 'http' && !f.fallback).map((f) => f.kind === 'http' && `${f.method} ${f.path}`).sort()).toEqual(c.split);
    expect(http.filter((f) => f.kind === 'http' && f.fallback)).toHaveLength(1);
    const conditions = result.diagnostics.filter((d) => d.code === 'plan/condition');
    expect(conditions.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([expect.stringContaining(c.refused)]);
    expect(conditions[0]!.severity).toBe('info');
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('keeps every condition in the generated source, and no conditional setting becomes unconditional', () => {
    const source = fs.readFileSync(path.join(get().copy, c.module), 'utf8');
    for (const line of c.carried) expect(source.split('\n')).toContain(line);
    expect(source).not.toMatch(c.never);
  });

  describe.each([
    ['unset', null],
    ['set', SET],
  ] as const)('with the environment variables %s', (_label, env) => {
    it.each(['http', 'rest'] as const)('answers every request as the original does (%s API events)', async (api) => {
      const { copy, entry } = get();
      const report = await withEnv(env ?? {}, () => verify({ root: copy, entry, api, loadCheck: false, requestsFile: path.join(FIXTURES, c.name, 'requests.json') }), Object.keys(SET));
      expect(mismatches(report)).toBe('');
      expect(report.results.map((r) => r.routeKey).filter((k) => k === null)).toEqual([]);
    });
  });
});
