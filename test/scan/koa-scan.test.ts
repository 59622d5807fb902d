import { discoverFiles } from '../../src/discover';
import type { AppModel, HandlerModel, LayerModel, RouterModel, ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

const sources = (hs: HandlerModel[]) => hs.map((h) => h.source);
const summary = (layers: LayerModel[]) =>
  layers.map((l) => {
    switch (l.kind) {
      case 'route':
        return `${l.method} ${l.path}${l.name ? ` (${l.name})` : ''}`;
      case 'mount':
        return `mount ${l.path ?? '-'} ${l.routerId}`;
      case 'param':
        return `param ${l.name}`;
      case 'use':
        return l.allowedMethods ? `allowedMethods ${l.allowedMethods.routerId}` : `use ${l.path ?? '-'}`;
    }
  });
const router = (model: ServiceModel, id: string): RouterModel => {
  const r = model.routers.find((x) => x.id === id);
  if (!r) throw new Error(`no router ${id} in ${model.routers.map((x) => x.id).join(', ')}`);
  return r;
};

describe('Koa scanner', () => {
  it('reads a TypeScript app with @koa/router: prefixes, nested routers, named routes, params, allowedMethods', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"koa":"^3.0.0","@koa/router":"^15.0.0"}}',
      'tsconfig.json': '{"compilerOptions":{"esModuleInterop":true}}',
      'src/app.ts': `import Koa from 'koa';
import { apiRouter } from './routes/api';
import { errors } from './middleware/errors';
import { AppError } from './errors';
const app = new Koa({ proxy: true });
app.use(errors);
app.use(async (ctx, next) => { ctx.set('x-response-time', '0'); await next(); });
app.use(apiRouter.routes());
app.use(apiRouter.allowedMethods({ throw: false }));
app.on('error', (err: Error) => console.error(err.message));
app.subdomainOffset = 3;
export default app;
`,
      'src/errors.ts': 'export class AppError extends Error {}\n',
      'src/middleware/errors.ts': `import type { Middleware } from 'koa';
export const errors: Middleware = async (ctx, next) => {
  try { await next(); } catch (err) { ctx.status = 500; ctx.body = { error: 'internal' }; }
};
`,
      'src/routes/api.ts': `import Router from '@koa/router';
import { usersRouter } from './users';
export const apiRouter = new Router({ prefix: '/api' });
apiRouter.get('health', '/health', (ctx) => { ctx.body = 'ok'; });
apiRouter.use('/users', usersRouter.routes(), usersRouter.allowedMethods());
`,
      'src/routes/users.ts': `import { Router } from '@koa/router';
import * as users from '../controllers/users';
export const usersRouter = new Router();
usersRouter.param('id', users.load);
usersRouter
  .get('/', users.list)
  .post('/', users.requireAdmin, users.create)
  .del('/:id', users.remove);
usersRouter.get('user', '/:id', users.get);
`,
      'src/controllers/users.ts': `import type { Context, Next } from 'koa';
export async function load(id: string, ctx: Context, next: Next) { await next(); }
export async function list(ctx: Context) {}
export async function get(ctx: Context) {}
export async function create(ctx: Context) {}
export async function remove(ctx: Context) {}
export async function requireAdmin(ctx: Context, next: Next) { await next(); }
`,
    });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps.find((a) => a.framework === 'koa') as AppModel;
    expect(app.id).toBe('src/app.ts#app');
    expect(app.options).toEqual({ proxy: true });
    expect(app.settings).toEqual({ subdomainOffset: 3 });
    expect(app.construct).toEqual({ ref: { from: 'koa', isPackage: true, exportName: 'default' } });
    expect(summary(app.layers)).toEqual(['use -', 'use -', 'mount - src/routes/api.ts#apiRouter', 'allowedMethods src/routes/api.ts#apiRouter']);
    expect(app.layers[3]).toMatchObject({ allowedMethods: { options: { throw: false } }, handlers: [] });
    expect(app.layers[1]!.kind === 'use' && app.layers[1]!.handlers[0]!.source).toMatchObject({ kind: 'extract', file: 'src/app.ts', exportName: 'useMiddleware' });
    expect(app.errorListeners.map((h) => h.source)).toEqual([
      expect.objectContaining({ kind: 'extract', exportName: 'errorListener' }),
    ]);
    expect(app.routesInMiddleware).toBeUndefined();

    const api = router(model, 'src/routes/api.ts#apiRouter');
    expect(api.options).toEqual({ prefix: '/api' });
    expect(api.construct).toEqual({ ref: { from: '@koa/router', isPackage: true, exportName: 'default' } });
    expect(summary(api.layers)).toEqual([
      'get /health (health)',
      'mount /users src/routes/users.ts#usersRouter',
      'allowedMethods src/routes/users.ts#usersRouter',
    ]);

    const users = router(model, 'src/routes/users.ts#usersRouter');
    expect(users.construct!.ref.exportName).toBe('Router');
    expect(summary(users.layers)).toEqual(['param id', 'get /', 'post /', 'delete /:id', 'get /:id (user)']);
    const post = users.layers[2]!;
    expect(post.kind === 'route' && sources(post.handlers)).toEqual([
      { kind: 'import', ref: { from: 'src/controllers/users.ts', isPackage: false, exportName: 'requireAdmin' } },
      { kind: 'import', ref: { from: 'src/controllers/users.ts', isPackage: false, exportName: 'create' } },
    ]);
    // Chained registrations are located at their own method names.
    expect(users.layers.slice(1, 4).map((l) => l.loc)).toEqual([
      { file: 'src/routes/users.ts', line: 6, column: 4 },
      { file: 'src/routes/users.ts', line: 7, column: 4 },
      { file: 'src/routes/users.ts', line: 8, column: 4 },
    ]);
  });

  it('reads a CommonJS app with koa-router, router.prefix(), koa-bodyparser, listen and a subclass', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"koa":"^2.16.0","koa-router":"^14.0.0","koa-bodyparser":"^4.4.0"}}',
      'app.js': `const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const KoaRouter = require('koa-router');
const compose = require('koa-compose');
class App extends Koa {}
const books = require('./books');
const app = new App();
const router = new KoaRouter();
router.prefix('/v1/');
router.get('/books', books.list);
router.post('/books', books.create);
app.proxy = true;
app.keys = ['k1', 'k2'];
app.use(compose([bodyParser({ enableTypes: ['json'] }), function timing(ctx, next) { return next(); }]));
app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
module.exports = app;
`,
      'books.js': `module.exports = { list(ctx) {}, create(ctx) {} };
`,
    });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps[0]!;
    expect(app.construct).toEqual({
      ref: { from: 'koa', isPackage: true, exportName: 'default' },
      subclass: expect.objectContaining({ source: { kind: 'export', file: 'app.js', localName: 'App', ref: { from: 'app.js', isPackage: false, exportName: 'App' } } }),
    });
    expect(app.settings).toEqual({ proxy: true, keys: ['k1', 'k2'] });
    expect(app.listenCalls).toEqual([{ file: 'app.js', line: 16, column: 1 }]);
    expect(summary(app.layers)).toEqual(['use -', 'use -', 'mount - app.js#router', 'allowedMethods app.js#router']);
    const parser = app.layers[0]!;
    expect(parser.kind === 'use' && parser.handlers[0]!.source).toEqual({
      kind: 'package-call',
      ref: { from: 'koa-bodyparser', isPackage: true, exportName: 'default' },
      args: [{ enableTypes: ['json'] }],
    });
    const timing = app.layers[1]!;
    expect(timing.kind === 'use' && timing.handlers[0]!.source).toMatchObject({ kind: 'extract', exportName: 'timing' });
    const r = router(model, 'app.js#router');
    expect(r.options).toEqual({ prefix: '/v1' });
    expect(r.construct!.ref).toEqual({ from: 'koa-router', isPackage: true, exportName: 'default' });
    expect(summary(r.layers)).toEqual(['get /books', 'post /books']);
    expect(r.layers[0]!.kind === 'route' && r.layers[0]!.handlers[0]!.source).toEqual({
      kind: 'import', ref: { from: 'books.js', isPackage: false, exportName: 'default', member: ['list'] },
    });
  });

  it('unrolls route tables registered in a loop over a literal array', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module"}',
      'app.mjs': `import Koa from 'koa';
import Router from '@koa/router';
import { listItems, getItem, createItem, auth } from './items.mjs';
const routes = [
  { method: 'get', path: '/items', handler: listItems },
  { method: 'get', path: '/items/:id', handler: getItem },
  { method: 'post', path: '/items', middleware: [auth], handler: createItem },
];
const router = new Router();
router.use(auth);
for (const r of routes) router[r.method](r.path, ...(r.middleware ?? []), r.handler);
const table = [['put', '/items/:id', getItem], ['delete', '/items/:id', getItem]];
table.forEach(([method, path, handler]) => {
  router[method](path, handler);
});
const more = [{ path: '/a', handler: listItems }];
for (const { path, handler } of more) {
  const p = path;
  router.get(p, handler);
}
const byPath = { '/b': getItem };
for (const [path, handler] of Object.entries(byPath)) router.get(path, handler);
const app = new Koa();
app.use(router.routes());
export default app;
`,
      'items.mjs': `export const listItems = (ctx) => {};
export const getItem = (ctx) => {};
export const createItem = (ctx) => {};
export const auth = (ctx, next) => next();
`,
    });
    // `Object.entries(...)` is not a literal array: that loop is reported, not guessed.
    expect(model.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(['22:koa/dynamic-route-table']);
    expect(model.diagnostics[0]!.message).toMatch(/Object\.entries\(byPath\)/);
    const r = router(model, 'app.mjs#router');
    expect(summary(r.layers)).toEqual(['use -', 'get /items', 'get /items/:id', 'post /items', 'put /items/:id', 'delete /items/:id', 'get /a']);
    // Each unrolled route is located at its row of the table.
    expect(r.layers.map((l) => l.loc.line)).toEqual([10, 5, 6, 7, 12, 12, 16]);
    const post = r.layers[3]!;
    expect(post.kind === 'route' && sources(post.handlers).map((s) => s.kind === 'import' && s.ref.exportName)).toEqual(['auth', 'createItem']);
    const first = r.layers[1]!;
    expect(first.kind === 'route' && first.handlers.length).toBe(1);
  });

  it('unrolls spreads of literal arrays inside table rows', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const h = require('./h');
const ROUTES = [
  { method: 'get', path: '/items', handlers: [h.list] },
  { method: 'post', path: '/items', handlers: [h.auth, h.create] },
];
const router = new Router();
ROUTES.forEach((r) => router[r.method](r.path, ...r.handlers));
const app = new Koa();
app.use(router.routes());
module.exports = app;
`,
      'h.js': 'exports.list = (ctx) => {};\nexports.create = (ctx) => {};\nexports.auth = (ctx, next) => next();\n',
    });
    expect(model.diagnostics).toEqual([]);
    const r = router(model, 'app.js#router');
    expect(summary(r.layers)).toEqual(['get /items', 'post /items']);
    const post = r.layers[1]!;
    expect(post.kind === 'route' && sources(post.handlers).map((s) => s.kind === 'import' && s.ref.exportName)).toEqual(['auth', 'create']);
    expect(post.loc).toEqual({ file: 'app.js', line: 6, column: 3 });
  });

  it('reports apps that route inside middleware by ctx.path, and apps with no router', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","scripts":{"start":"node app.js","start:bare":"node bare.js"}}',
      'app.js': `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx, next) => {
  console.log(ctx.method, ctx.path);
  await next();
});
app.use(async (ctx, next) => {
  if (ctx.path === '/health') { ctx.body = 'ok'; return; }
  await next();
});
app.use(function items(ctx) {
  const { path } = ctx;
  if (path.startsWith('/items')) ctx.body = [];
});
module.exports = app;
`,
      'bare.js': `const Koa = require('koa');
const bare = new Koa();
bare.use((ctx) => { ctx.body = 'hello'; });
module.exports = bare;
`,
    });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps.find((a) => a.id === 'app.js#app')!;
    expect(app.routesInMiddleware).toEqual([
      { file: 'app.js', line: 8, column: 7 },
      { file: 'app.js', line: 13, column: 7 },
    ]);
    const bare = model.apps.find((a) => a.id === 'bare.js#bare')!;
    expect(bare.routesInMiddleware).toEqual([bare.loc]);
  });

  it('reports what it cannot migrate, with a location and a reason', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const { makeRouter } = require('./factory');
const router = new Router({ prefix: process.env.PREFIX });
const method = process.env.METHOD;
router[method]('/computed', (ctx) => {});
router.get(/^\\/regex/y, (ctx) => {});
router.get('/users/' + process.env.ID, (ctx) => {});
router.redirect('/old', '/new');
function register(r, db) {
  r.get('/inside', (ctx) => { ctx.body = db; });
}
for (let i = 0; i < 3; i++) router.get('/n' + i, (ctx) => {});
const app = new Koa();
app.keys = [process.env.SECRET];
app.context.db = {};
app.use(makeRouter().routes());
app.use(router.routes());
module.exports = app;
`,
      'factory.js': 'exports.makeRouter = () => null;\n',
    });
    const diagnostics = [...model.diagnostics].sort((a, b) => a.line - b.line);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      '4:27 warning koa/router-options',
      '6:1 warning koa/computed-method',
      '7:12 warning koa/regex-path',
      '8:12 warning koa/dynamic-path',
      '9:1 warning koa/unsupported-registration',
      '11:3 warning koa/untracked-router',
      '13:29 warning koa/dynamic-route-table',
      '15:1 warning koa/dynamic-setting',
      '17:9 warning koa/untracked-router',
    ]);
    expect(model.diagnostics.every((d) => d.message.length > 20)).toBe(true);
    // A context value computed in place is not carried: the app's routes stay whole, with the reason (plan/setting-not-carried).
    expect(model.apps[0]!.uncarried).toEqual([expect.objectContaining({ loc: { file: 'app.js', line: 16, column: 1 }, what: expect.stringMatching(/^`app\.context\.db` value \(computed where it is assigned/) })]);
  });

  it('refuses handlers that capture locals, and leaves Express apps to the Express scanner', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const Koa = require('koa');
const Router = require('koa-router');
const express = require('express');
const other = express();
other.get('/x', (req, res) => res.end());
function build(db) {
  const router = new Router();
  router.get('/rows', (ctx) => { ctx.body = db.rows(); });
  return router;
}
const app = new Koa();
module.exports = { app, other, build };
`,
    });
    const koaApps = model.apps.filter((a) => a.framework === 'koa');
    expect(koaApps.map((a) => a.id)).toEqual(['app.js#app']);
    expect(model.apps.filter((a) => a.framework === 'express').map((a) => a.id)).toEqual(['app.js#other']);
    const local = router(model, 'app.js#router');
    expect(local.layers[0]!.kind === 'route' && local.layers[0]!.handlers[0]!.source).toEqual({
      kind: 'unsupported',
      reason: 'it uses `db` from the enclosing function, which cannot be moved to module scope',
    });
  });
});

describe('Koa scanner: routers reached through a property of a module', () => {
  it('`app.use(items.router.routes())` with `module.exports = { router }` and `export const router`', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"koa":"^2.15.0","@koa/router":"^12.0.0"}}',
      'items.js': "const Router = require('@koa/router');\nconst router = new Router({ prefix: '/items' });\nrouter.get('/', (ctx) => { ctx.body = []; });\nmodule.exports = { router };\n",
      'users.mjs': "import Router from '@koa/router';\nexport const router = new Router();\nrouter.get('/users/:id', (ctx) => { ctx.body = {}; });\n",
      'app.mjs': "import Koa from 'koa';\nimport { createRequire } from 'node:module';\nimport * as users from './users.mjs';\nconst require = createRequire(import.meta.url);\nconst items = require('./items.js');\nconst app = new Koa();\napp.use(items.router.routes());\napp.use(items.router.allowedMethods());\napp.use(users.router.routes());\nexport default app;\n",
    });
    const { migrate } = await import('../../src/migrate/migrate');
    const result = await migrate({ root, fallback: 'none' });
    expect(result.functions.map((f) => (f.kind === 'http' ? `${f.method} ${f.path}` : f.name)).sort()).toEqual(['GET /items', 'GET /users/:id']);
    expect(result.diagnostics.filter((d) => d.code === 'koa/untracked-router')).toEqual([]);
  });
});
