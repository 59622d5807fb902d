import { discoverFiles } from '../../src/discover';
import type { AppModel, HandlerModel, ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

const sources = (hs: HandlerModel[]) => hs.map((h) => h.source);

describe('Express scanner', () => {
  it('follows routers imported from other files (ESM/TS) and composes mounts', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'tsconfig.json': '{}',
      'src/app.ts': `import express from 'express';
import usersRouter from './routes/users';
import { auth } from './auth';
const app = express();
app.set('json spaces', 2);
app.disable('x-powered-by');
app.use(express.json());
app.use('/api', auth);
app.use('/api/users', usersRouter);
app.use('/v1/users', usersRouter);
export default app;
`,
      'src/auth.ts': `import type { RequestHandler } from 'express';
export const auth: RequestHandler = (req, res, next) => next();
`,
      'src/routes/users.ts': `import { Router } from 'express';
import * as ctrl from '../controllers/users';
const router = Router({ mergeParams: true });
router.param('id', ctrl.load);
router.get('/', ctrl.list);
router.get('/:id', [ctrl.validate, ctrl.get]);
router.post('/', async (req, res) => { res.status(201).json(req.body); });
export default router;
`,
      'src/controllers/users.ts': `export function list(req: any, res: any) {}
export function get(req: any, res: any) {}
export function validate(req: any, res: any, next: any) { next(); }
export function load(req: any, res: any, next: any, id: string) { next(); }
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(model.apps).toHaveLength(1);
    const app = model.apps[0] as AppModel;
    expect(app.settings).toEqual({ 'json spaces': 2, 'x-powered-by': false });
    expect(app.layers.map((l) => l.kind)).toEqual(['use', 'use', 'mount', 'mount']);
    expect(app.layers[0]).toMatchObject({ kind: 'use', path: null });
    expect(app.layers[0]!.kind === 'use' && app.layers[0]!.handlers[0]!.source.kind).toBe('package-call');
    expect(app.layers[1]).toMatchObject({ kind: 'use', path: '/api' });
    expect(app.layers[2]).toMatchObject({ kind: 'mount', path: '/api/users', routerId: 'src/routes/users.ts#router' });
    expect(app.layers[3]).toMatchObject({ kind: 'mount', path: '/v1/users', routerId: 'src/routes/users.ts#router' });

    const router = model.routers.find((r) => r.id === 'src/routes/users.ts#router')!;
    expect(router.options).toEqual({ mergeParams: true });
    expect(router.layers.map((l) => (l.kind === 'route' ? `${l.method} ${l.path}` : l.kind))).toEqual(['param', 'get /', 'get /:id', 'post /']);
    const getById = router.layers[2]!;
    expect(getById.kind === 'route' && sources(getById.handlers)).toEqual([
      { kind: 'import', ref: { from: 'src/controllers/users.ts', isPackage: false, exportName: 'validate' } },
      { kind: 'import', ref: { from: 'src/controllers/users.ts', isPackage: false, exportName: 'get' } },
    ]);
    const post = router.layers[3]!;
    expect(post.kind === 'route' && post.handlers[0]!.source).toMatchObject({ kind: 'extract', file: 'src/routes/users.ts', exportName: 'postRootHandler' });
    expect(post.kind === 'route' && post.handlers[0]!.loc).toEqual({ file: 'src/routes/users.ts', line: 7, column: 18 });
  });

  it('reads CommonJS apps: route chains, param, controllers, arrays, error handlers, listen', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const books = require('./controllers/books');
const authors = require('./routes/authors');
const app = express();
function loadBook(req, res, next, id) { next(); }
app.param('id', loadBook);
app.route('/books').get(books.list).post(books.create);
app.route('/books/:id').get(books.get).delete([books.check, books.remove]);
app.use('/authors', authors);
app.use(function errorHandler(err, req, res, next) { res.status(500).end(); });
app.listen(3000);
module.exports = app;
`,
      'controllers/books.js': `module.exports = {
  list(req, res) {}, create(req, res) {}, get(req, res) {}, check(req, res, next) {}, remove(req, res) {},
};
`,
      'routes/authors.js': `const { Router } = require('express');
const router = Router();
class AuthorController { list = (req, res) => res.json([]); }
const controller = new AuthorController();
router.get('/', controller.list);
module.exports = router;
module.exports.controller = controller;
`,
    });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps[0]!;
    expect(app.listenCalls).toEqual([{ file: 'app.js', line: 11, column: 1 }]);
    expect(app.layers.map((l) => (l.kind === 'route' ? `${l.method} ${l.path}` : l.kind))).toEqual([
      'param', 'get /books', 'post /books', 'get /books/:id', 'delete /books/:id', 'mount', 'use',
    ]);
    const param = app.layers[0]!;
    expect(param.kind === 'param' && param.handler.source).toEqual({
      kind: 'export', file: 'app.js', localName: 'loadBook', ref: { from: 'app.js', isPackage: false, exportName: 'loadBook' },
    });
    const del = app.layers[4]!;
    expect(del.kind === 'route' && sources(del.handlers).map((s) => s.kind === 'import' && s.ref)).toEqual([
      { from: 'controllers/books.js', isPackage: false, exportName: 'default', member: ['check'] },
      { from: 'controllers/books.js', isPackage: false, exportName: 'default', member: ['remove'] },
    ]);
    const errors = app.layers[6]!;
    expect(errors.kind === 'use' && errors.handlers[0]).toMatchObject({ isErrorHandler: true, arity: 4, source: { kind: 'extract', exportName: 'errorHandler' } });
    const authors = model.routers.find((r) => r.id === 'routes/authors.js#router')!;
    const list = authors.layers[0]!;
    expect(list.kind === 'route' && list.handlers[0]!.source).toEqual({
      kind: 'import', ref: { from: 'routes/authors.js', isPackage: false, exportName: 'controller', member: ['list'] },
    });
  });

  it('reports what it cannot migrate, with a location and a reason', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const app = express();
const method = 'get';
app[method]('/computed', (req, res) => res.end());
app.get(/^\\/regex/g, (req, res) => res.end());
app.get('/users/' + process.env.PREFIX, (req, res) => res.end());
function mount(db) {
  app.get('/captured', (req, res) => res.json(db.rows()));
}
mount({ rows: () => [] });
app.get(/^\\/kept\\/(\\d+)$/i, (req, res) => res.end());
module.exports = app;
`,
    });
    const msgs = model.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
    // A stateful `g` regex is refused; others stay in the model as regexes.
    expect(msgs).toEqual(['4:1 express/computed-method', '5:9 express/regex-path', '6:9 express/dynamic-path']);
    expect(model.apps[0]!.layers.find((l) => l.kind === 'route' && l.regex)).toMatchObject({ path: '/^\\/kept\\/(\\d+)$/i', regex: { source: '^\\/kept\\/(\\d+)$', flags: 'i' } });
    const captured = model.apps[0]!.layers.find((l) => l.kind === 'route' && l.path === '/captured')!;
    expect(captured.kind === 'route' && captured.handlers[0]!.source).toEqual({
      kind: 'unsupported',
      reason: 'it uses `db` from the enclosing function, which cannot be moved to module scope',
    });
  });

  it('finds nested routers mounted inside other routers', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module"}',
      'app.mjs': `import express from 'express';
import api from './api.mjs';
const app = express();
app.use('/api', api);
export default app;
`,
      'api.mjs': `import express from 'express';
import items from './items.mjs';
const api = express.Router();
api.use('/items', items);
export default api;
`,
      'items.mjs': `import { Router } from 'express';
export const getItem = (req, res) => res.json({ id: req.params.id });
const items = Router();
items.get('/:id', getItem);
export default items;
`,
    });
    expect(model.diagnostics).toEqual([]);
    const api = model.routers.find((r) => r.id === 'api.mjs#api')!;
    expect(api.layers).toMatchObject([{ kind: 'mount', path: '/items', routerId: 'items.mjs#items' }]);
  });
});

describe('Express scanner: CommonJS destructured requires', () => {
  it('imports `const { x } = require(...)` handlers from the module that exports them', async () => {
    const model = await scan({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const { requireApiKey, list: listAll } = require('./lib/auth');
const app = express();
app.get('/items', requireApiKey, listAll);
module.exports = app;
`,
      'lib/auth.js': `module.exports = { requireApiKey(req, res, next) { next(); }, list: (req, res) => res.json([]) };
`,
    });
    const route = model.apps[0]!.layers[0]!;
    expect(route.kind === 'route' && route.handlers.map((h) => h.source)).toEqual([
      { kind: 'import', ref: { from: 'lib/auth.js', isPackage: false, exportName: 'requireApiKey' } },
      { kind: 'import', ref: { from: 'lib/auth.js', isPackage: false, exportName: 'list' } },
    ]);
  });
});

describe('Express scanner: routers reached through a property of a module', () => {
  const routes = async (files: Record<string, string>) => {
    const root = writeProject({ 'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}', ...files });
    const { migrate } = await import('../../src/migrate/migrate');
    const result = await migrate({ root, fallback: 'none' });
    return result.functions.map((f) => `${f.kind === 'http' ? f.method : ''} ${f.kind === 'http' ? f.path : ''}`.trim()).sort();
  };

  it('`module.exports = { router }` and `exports.router = router`, mounted as `mod.router`', async () => {
    expect(
      await routes({
        'items.js': "const express = require('express');\nconst router = express.Router();\nrouter.get('/:id', (req, res) => res.json({}));\nmodule.exports = { router };\n",
        'users.js': "const { Router } = require('express');\nconst r = Router();\nr.get('/', (req, res) => res.json([]));\nexports.router = r;\n",
        'app.js': "const express = require('express');\nconst items = require('./items');\nconst users = require('./users');\nconst app = express();\napp.use('/items', items.router);\napp.use('/users', users.router);\nmodule.exports = app;\n",
      }),
    ).toEqual(['GET /items/:id', 'GET /users']);
  });

  it('`import * as items` with `export const router`, and `{ router: itemsRouter }` objects (TS)', async () => {
    expect(
      await routes({
        'tsconfig.json': '{"compilerOptions":{"module":"commonjs","esModuleInterop":true}}',
        'src/items.ts': "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/', (req, res) => { res.json([]); });\n",
        'src/orders.ts': "import { Router } from 'express';\nconst ordersRouter = Router();\nordersRouter.post('/', (req, res) => { res.status(201).end(); });\nexport default { router: ordersRouter };\n",
        'src/app.ts': "import express from 'express';\nimport * as items from './items';\nimport orders from './orders';\nconst app = express();\napp.use('/items', items.router);\napp.use('/orders', orders.router);\nexport default app;\n",
      }),
    ).toEqual(['GET /items', 'POST /orders']);
  });
});
