import request from 'supertest';
import { discoverFiles } from '../../src/discover';
import { migrate } from '../../src/migrate/migrate';
import type { PlannedRouter } from '../../src/model/migration-plan';
import type { ServiceModel } from '../../src/model/service-model';
import { koaRouterPathMajor } from '../../src/plan/api-path';
import { planHttpFunctions } from '../../src/plan/plan-http';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<{ root: string; model: ServiceModel }> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return { root, model: await scanService({ root, files: found.map((f) => f.path) }) };
}

// Split functions only: the whole-app fallback is tested in test/plan/fallback.test.ts.
const options = { outDir: 'lambda', extension: '.js', expressMajor: null, fallback: 'none' } as const;
const routesOf = (model: ServiceModel) =>
  planHttpFunctions(model, { ...options, granularity: 'route' }).functions.flatMap((f) => f.routes.map((r) => `${r.method.toUpperCase()} ${r.path} ${r.apiPaths.join(' ')}`));

/** Routers nested three ways, with every prefix mechanism Koa has, in one module both tests use. */
const NESTED = (pkg: string) => `const Koa = require('koa');
const Router = require('${pkg}');
const ok = (ctx) => { ctx.body = ctx.path; };
const items = new Router({ prefix: '/items' });
items.get('/', ok);
items.get('/:id', ok);
const v2 = new Router();
v2.get('/status', ok);
v2.prefix('/v2/');
const api = new Router({ prefix: '/api' });
api.get('/', ok);
api.use('/shops/:shopId', items.routes());
api.use(v2.routes());
const app = new Koa();
app.use(api.routes());
module.exports = { app, ok };
`;

describe('Koa planning', () => {
  it.each(['@koa/router', 'koa-router'])('composes prefixes the way %s serves them', async (pkg) => {
    const { model } = await scan({ 'package.json': `{"name":"svc","dependencies":{"${pkg}":"*"}}`, 'app.js': NESTED(pkg) });
    expect(model.diagnostics).toEqual([]);
    const planned = routesOf(model);
    expect(planned).toEqual([
      'GET /api /api',
      'GET /api/shops/:shopId/items /api/shops/{shopId}/items',
      'GET /api/shops/:shopId/items/:id /api/shops/{shopId}/items/{id}',
      'GET /api/v2/status /api/v2/status',
    ]);
    // The real router answers each planned path (with its parameters filled in) and its API Gateway path.
    // (The temp project has no node_modules: the module runs with this repo's packages.)
    const module = { exports: {} as { app: { callback(): Parameters<typeof request>[0] } } };
    new Function('require', 'module', NESTED(pkg))((id: string) => require(id), module);
    const { app } = module.exports;
    for (const line of planned) {
      const url = line.split(' ')[1]!.replace(/:(\w+)/g, 'x-$1');
      const res = await request(app.callback()).get(url);
      expect({ url, status: res.status, body: res.text }).toEqual({ url, status: 200, body: url });
    }
  });

  it('reads paths with the router’s own path-to-regexp version', async () => {
    const files = (version: string) => ({
      'package.json': `{"name":"svc","dependencies":{"@koa/router":"${version}"}}`,
      'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const r = new Router();
r.get('/users/:id?', (ctx) => {});
r.get('/files/*path', (ctx) => {});
r.get('/items{/:id}', (ctx) => {});
const app = new Koa();
app.use(r.routes());
`,
    });
    // path-to-regexp 8 (@koa/router 14+): Express 5 syntax; `?` is not valid there.
    const modern = await scan(files('^15.0.0'));
    expect(routesOf(modern.model)).toEqual(['GET /files/*path /files/{path+}', 'GET /items{/:id} /items /items/{id}']);
    // path-to-regexp 6 (@koa/router 12): `:id?` is optional; the v8-only forms are refused.
    // (`installed` wins over the declared range, so pin it the way readProjectInfo would.)
    const legacy = await scan(files('^12.0.0'));
    legacy.model.project.installed['@koa/router'] = '12.0.1';
    // What the two do not share gets the nearest API path covering it (greedy from the first
    // segment that may span `/`); the router makes the exact match.
    expect(routesOf(legacy.model)).toEqual(['GET /users/:id? /users /users/{id}', 'GET /files/*path /files/{proxy+}', 'GET /items{/:id} /{proxy+}']);
    const plan = planHttpFunctions(legacy.model, { ...options, granularity: 'route' });
    expect(plan.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['5 plan/coarse-api-path', '6 plan/coarse-api-path']);
  });

  it('knows which router versions use which path-to-regexp', () => {
    expect(koaRouterPathMajor('15.7.0')).toBe(5);
    expect(koaRouterPathMajor('14.0.0')).toBe(5);
    expect(koaRouterPathMajor('13.0.1')).toBe(5);
    expect(koaRouterPathMajor('13.1.1')).toBe(4);
    expect(koaRouterPathMajor('^12.0.0')).toBe(4);
    expect(koaRouterPathMajor(undefined)).toBe(5);
  });

  it('keeps allowedMethods, names, the app subclass and error listeners in a function’s app', async () => {
    const { model } = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
class App extends Koa {}
const h = require('./h');
const r = new Router();
r.get('user', '/users/:id', h.get);
r.get('/other', h.other);
const app = new App();
app.use(r.routes());
app.use(r.allowedMethods());
app.on('error', h.log);
module.exports = { app, App };
`,
      'h.js': 'exports.get = (ctx) => {};\nexports.other = (ctx) => {};\nexports.log = () => {};\n',
    });
    const { functions } = planHttpFunctions(model, { ...options, granularity: 'route' });
    const fn = functions.find((f) => f.routes[0]!.path === '/users/:id')!;
    const mount = fn.app.layers[0] as Extract<PlannedRouter['layers'][number], { kind: 'mount' }>;
    expect(mount.router.layers).toEqual([expect.objectContaining({ kind: 'route', name: 'user', path: '/users/:id' })]);
    expect(fn.app.layers[1]).toMatchObject({ kind: 'use', allowedMethods: { routerId: 'app.js#r' } });
    expect(fn.app.construct?.subclass?.source).toMatchObject({ kind: 'import', ref: { exportName: 'App' } });
    expect(fn.app.errorListeners?.map((h) => h.text)).toEqual(['h.log']);
  });

  describe('an app that routes inside middleware by ctx.path', () => {
    const files = {
      'package.json': '{"name":"svc"}',
      'app.js': `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('x-app', 'legacy');
  await next();
});
app.use(async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/health') {
    ctx.body = { ok: true };
    return;
  }
  await next();
});
app.use((ctx) => {
  ctx.body = { path: ctx.path };
});
if (require.main === module) app.listen(3000);
module.exports = app;
`,
    };

    it('is reported, with the location, under per-route granularity', async () => {
      const { model } = await scan(files);
      const plan = planHttpFunctions(model, { ...options, granularity: 'route' });
      expect(plan.functions).toEqual([]);
      expect(plan.diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'plan/routes-in-middleware', file: 'app.js', line: 8, column: 7, message: expect.stringMatching(/--granularity app/) }),
      ]);
    });

    it('is served by the whole-app fallback by default, with an info naming it', async () => {
      const { model } = await scan(files);
      const plan = planHttpFunctions(model, { ...options, fallback: 'app', granularity: 'route' });
      expect(plan.functions.map((f) => [f.name, f.fallback?.app.source.kind])).toEqual([['appFallback', 'import']]);
      expect(plan.diagnostics).toEqual([
        expect.objectContaining({ severity: 'info', code: 'plan/routes-in-middleware', file: 'app.js', line: 8, column: 7, message: expect.stringMatching(/whole-app function/) }),
      ]);
    });

    it('migrates as one function for every path with --granularity app and --fallback none', async () => {
      const { root } = await scan(files);
      const result = await migrate({ root, granularity: 'app', fallback: 'none' });
      expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(result.functions).toEqual([
        expect.objectContaining({ kind: 'http', name: 'app', method: 'ALL', path: '/*', apiPath: '/' }),
        expect.objectContaining({ kind: 'http', name: 'app', method: 'ALL', path: '/*', apiPath: '/{proxy+}' }),
      ]);
      const module = result.changes.get('lambda/http/app.js')!.after!;
      expect(module.match(/^app\.use\(/gm)).toHaveLength(3);
      expect(module).toContain('exports.handler = createKoaHandler(app);');
    });
  });
});
