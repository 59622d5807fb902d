import { discoverFiles } from '../../src/discover';
import { planHttpFunctions } from '../../src/plan/plan-http';
import { scanService } from '../../src/scan/scan-service';
import type { Granularity } from '../../src/model/migration-plan';
import { writeProject } from '../helpers/tmp-project';

const files = {
  'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
  'app.js': `const express = require('express');
const users = require('./users');
const orders = require('./orders');
const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.use('/users', users);
app.use('/orders', orders);
module.exports = app;
`,
  'users.js': `const router = require('express').Router();
router.get('/', (req, res) => res.json([]));
router.get('/:id', (req, res) => res.json({}));
module.exports = router;
`,
  'orders.js': `const router = require('express').Router();
router.post('/', (req, res) => res.status(201).end());
module.exports = router;
`,
};

async function plan(granularity: Granularity) {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  const model = await scanService({ root, files: found.map((f) => f.path) });
  return planHttpFunctions(model, { granularity, outDir: 'lambda', extension: '.js', expressMajor: 4 }).functions.map((f) => ({
    name: f.name,
    routes: f.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
  }));
}

describe('granularity', () => {
  it('route: one function per route', async () => {
    expect(await plan('route')).toEqual([
      { name: 'getHealth', routes: ['GET /health'] },
      { name: 'getUsers', routes: ['GET /users'] },
      { name: 'getUsersById', routes: ['GET /users/:id'] },
      { name: 'postOrders', routes: ['POST /orders'] },
    ]);
  });
  it('router: one function per mounted router (routes on the app itself share one)', async () => {
    expect(await plan('router')).toEqual([
      { name: 'rootRouter', routes: ['GET /health'] },
      { name: 'usersRouter', routes: ['GET /users', 'GET /users/:id'] },
      { name: 'ordersRouter', routes: ['POST /orders'] },
    ]);
  });
  it('app: one function for the whole app', async () => {
    expect(await plan('app')).toEqual([{ name: 'app', routes: ['GET /health', 'GET /users', 'GET /users/:id', 'POST /orders'] }]);
  });
});

describe('mounts the scanner must follow exactly', () => {
  async function routesOf(project: Record<string, string>) {
    const root = writeProject(project);
    const found = await discoverFiles(root, [], {});
    const model = await scanService({ root, files: found.map((f) => f.path) });
    const { functions, diagnostics } = planHttpFunctions(model, { granularity: 'route', outDir: 'lambda', extension: '.js', expressMajor: 4 });
    return { routes: functions.flatMap((f) => f.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`)), functions, diagnostics };
  }

  it('serves a mounted sub-app only under its mount, with its own settings', async () => {
    const { routes, functions } = await routesOf({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const admin = express();
admin.set('json spaces', 2);
admin.get('/stats', (req, res) => res.json({ ok: true }));
const app = express();
app.use('/admin', admin);
module.exports = app;
`,
    });
    expect(routes).toEqual(['GET /admin/stats']);
    const mount = functions[0]!.app.layers[0]!;
    expect(mount.kind === 'mount' && mount.router.subApp).toEqual({ settings: { 'json spaces': 2 } });
  });

  it('keeps two routers that share a variable name in one file apart', async () => {
    const { routes } = await routesOf({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const router = express.Router();
router.get('/public', (req, res) => res.end());
function adminRoutes() {
  const router = express.Router();
  router.get('/secret', (req, res) => res.end());
  return router;
}
const app = express();
app.use('/api', router);
module.exports = { app, adminRoutes };
`,
    });
    expect(routes).toEqual(['GET /api/public']);
  });

  it("follows app.use(prefix, require('./router'))", async () => {
    const { routes, diagnostics } = await routesOf({
      'package.json': '{"name":"svc"}',
      'app.js': `const express = require('express');
const app = express();
app.use('/users', require('./routes/users'));
module.exports = app;
`,
      'routes/users.js': `const express = require('express');
const router = express.Router();
router.get('/:id', (req, res) => res.json({ id: req.params.id }));
module.exports = router;
`,
    });
    expect(diagnostics).toEqual([]);
    expect(routes).toEqual(['GET /users/:id']);
  });
});

describe('registrations in other files', () => {
  it('keeps middleware a server file adds to an imported app, after the app file’s own', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","main":"server.js"}',
      'app.js': `const express = require('express');
const app = express();
app.use(express.json());
module.exports = app;
`,
      'server.js': `const app = require('./app');
const api = require('./api');
function audit(req, res, next) { next(); }
app.use(audit);
app.use('/api', api);
app.listen(3000);
module.exports = { audit };
`,
      'api.js': `const { Router } = require('express');
const api = Router();
api.get('/ping', (req, res) => res.send('pong'));
module.exports = api;
`,
    });
    const found = await discoverFiles(root, [], {});
    const model = await scanService({ root, files: found.map((f) => f.path) });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps[0]!;
    expect(app.layers.map((l) => `${l.kind} ${l.loc.file}:${l.loc.line}`)).toEqual(['use app.js:3', 'use server.js:4', 'mount server.js:5']);
    const { functions } = planHttpFunctions(model, { granularity: 'route', outDir: 'lambda', extension: '.js', expressMajor: 4 });
    expect(functions.map((f) => f.routes[0]!.path)).toEqual(['/api/ping']);
  });
});
