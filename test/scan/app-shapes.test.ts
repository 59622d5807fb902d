import { discoverFiles } from '../../src/discover';
import type { ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

/** Every layer reachable from the first app, in order: `use /p`, `GET /full/path`, `param id`. */
function chain(model: ServiceModel): string[] {
  const out: string[] = [];
  const all = new Map([...model.apps, ...model.routers].map((r) => [r.id, r]));
  const walk = (id: string, prefix: string) => {
    for (const l of all.get(id)!.layers) {
      if (l.kind === 'route') out.push(`${l.method.toUpperCase()} ${prefix}${l.path}`);
      if (l.kind === 'use') out.push(`use ${prefix}${l.path ?? ''} ${l.handlers.map((h) => h.source.kind).join(',')}`);
      if (l.kind === 'param') out.push(`param ${l.name}`);
      if (l.kind === 'mount') walk(l.routerId, (prefix + (l.path ?? '')).replace(/\/$/, ''));
    }
  };
  walk(model.apps[0]!.id, '');
  return out;
}

describe('app and router shapes of real services', () => {
  it('reads a class-based TypeScript starter: fields, constructor-called methods, route instances in a forEach', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'tsconfig.json': '{"compilerOptions":{"baseUrl":"src","paths":{"@/*":["*"],"@routes/*":["routes/*"]}}}',
      'src/server.ts': `import App from '@/app';
import { UsersRoute } from '@routes/users.route';
import { IndexRoute } from '@routes/index.route';
const app = new App([new IndexRoute(), new UsersRoute()]);
app.listen();
`,
      'src/app.ts': `import express from 'express';
import { Routes } from '@/interfaces/routes.interface';
import { ErrorMiddleware } from '@/middlewares/error.middleware';
class App {
  public app: express.Application;
  public port: number;
  constructor(routes: Routes[]) {
    this.app = express();
    this.port = 3000;
    this.initializeMiddlewares();
    this.initializeRoutes(routes);
    this.initializeErrorHandling();
  }
  public listen() {
    this.app.listen(this.port);
  }
  private initializeErrorHandling() {
    this.app.use(ErrorMiddleware);
  }
  private initializeRoutes(routes: Routes[]) {
    routes.forEach((route) => {
      this.app.use('/', route.router);
    });
  }
  private initializeMiddlewares() {
    this.app.use(express.json());
  }
}
export default App;
`,
      'src/interfaces/routes.interface.ts': `import { Router } from 'express';\nexport interface Routes { path?: string; router: Router; }\n`,
      'src/middlewares/error.middleware.ts': `export const ErrorMiddleware = (err: any, req: any, res: any, next: any) => { res.status(500).json({ message: err.message }); };\n`,
      'src/routes/index.route.ts': `import { Router } from 'express';
import { IndexController } from '@/controllers/index.controller';
export class IndexRoute {
  public path = '/';
  public router = Router();
  public index = new IndexController();
  constructor() {
    this.initializeRoutes();
  }
  private initializeRoutes() {
    this.router.get(\`\${this.path}\`, this.index.index);
  }
}
`,
      'src/routes/users.route.ts': `import { Router } from 'express';
import { UserController } from '@/controllers/users.controller';
export class UsersRoute {
  public path = '/users';
  public router = Router();
  public user = new UserController();
  constructor() {
    this.router.get(\`\${this.path}\`, this.user.getUsers);
    this.router.get(\`\${this.path}/:id\`, this.user.getUserById);
  }
}
`,
      'src/controllers/index.controller.ts': `export class IndexController {\n  public index = (req: any, res: any) => { res.sendStatus(200); };\n}\n`,
      'src/controllers/users.controller.ts': `export class UserController {
  public getUsers = (req: any, res: any) => { res.json([]); };
  public getUserById = (req: any, res: any) => { res.json({ id: req.params.id }); };
}
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(chain(model)).toEqual(['use  package-call', 'GET /', 'GET /users', 'GET /users/:id', 'use  import']);
    const users = model.routers.find((r) => r.id === 'src/routes/users.route.ts#UsersRoute.router')!;
    const get = users.layers[1]!;
    expect(get.kind === 'route' && get.handlers[0]!.source).toEqual({
      kind: 'instance',
      ref: { from: 'src/controllers/users.controller.ts', isPackage: false, exportName: 'UserController' },
      member: ['getUserById'],
      className: 'UserController',
    });
    // The listen inside `listen()` runs only when called: no import-time listen to guard.
    expect(model.apps[0]!.listenCalls).toEqual([]);
  });

  it('reads a JavaScript (CommonJS) class app with this.app assigned and for...of over route objects', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'src/app.js': `const express = require('express');
const UsersRoute = require('./routes/users');
class App {
  constructor() {
    this.app = express();
    this.routes = [new UsersRoute()];
    for (const route of this.routes) this.app.use(route.path, route.router);
  }
}
module.exports = new App().app;
`,
      'src/routes/users.js': `const { Router } = require('express');
const list = (req, res) => res.json([]);
class UsersRoute {
  constructor() {
    this.path = '/users';
    this.router = Router();
    this.router.get('/', list);
  }
}
module.exports = UsersRoute;
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(chain(model)).toEqual(['GET /users/']);
  });

  it('reads chained registrations, default-exported chains, router factories and folded constants', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module","dependencies":{"express":"^4"}}',
      'src/config.js': `export default { apiPrefix: '/api', version: 2 };\n`,
      'src/app.js': `import express from 'express';
import config from './config.js';
import api from './api.js';
import makeHealth from './health.js';
const app = express().use(express.json()).disable('x-powered-by');
app.use(config.apiPrefix + '/v' + config.version, api);
app.use(\`\${config.apiPrefix}/health\`, makeHealth());
app.param(['from', 'to'], (req, res, next, value) => next());
app.get('/convert/:from/:to', (req, res) => res.json(req.params));
export default app;
`,
      'src/api.js': `import { Router } from 'express';
const tags = Router().get('/tags', (req, res) => res.json([]));
export default Router().use('/things', tags);
`,
      'src/health.js': `import { Router } from 'express';
export default () => {
  const r = Router();
  r.get('/', (req, res) => res.send('ok'));
  return r;
};
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(chain(model)).toEqual(['use  package-call', 'GET /api/v2/things/tags', 'GET /api/health/', 'param from', 'param to', 'GET /convert/:from/:to']);
    expect(model.apps[0]!.settings).toEqual({ 'x-powered-by': false });
  });

  it('reads a chained Koa app and a router prefix folded from an imported config (ESM)', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module","dependencies":{"koa":"^2","@koa/router":"^12"}}',
      'src/config.js': `export const config = { apiPrefix: '/api' };\n`,
      'src/app.js': `import Koa from 'koa';
import Router from '@koa/router';
import { config } from './config.js';
const logger = () => async (ctx, next) => { await next(); };
const router = new Router({ prefix: config.apiPrefix });
router.get('/items', (ctx) => { ctx.body = []; });
export const app = new Koa().use(logger()).use(router.routes()).use(router.allowedMethods());
`,
    });
    expect(model.diagnostics).toEqual([]);
    const router = model.routers[0]!;
    expect(router.options).toEqual({ prefix: '/api' });
    expect(model.apps).toHaveLength(1);
    const app = model.apps[0]!;
    expect(app.layers.map((l) => l.kind)).toEqual(['use', 'mount', 'use']);
  });

  it('reads a class-based Koa app: field routers, forEach and for...of over route instances, in the order they run', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"koa":"^3","@koa/router":"^15"}}',
      'src/app.js': `const Koa = require('koa');
const HealthRoute = require('./health');
const NotesRoute = require('./notes');
class App {
  constructor(routes) {
    this.app = new Koa();
    this.initializeRoutes(routes);
    this.initializeMiddlewares();
  }
  initializeMiddlewares() {
    this.app.use(async (ctx, next) => { await next(); });
  }
  initializeRoutes(routes) {
    routes.forEach((route) => {
      this.app.use(route.router.routes());
      this.app.use(route.router.allowedMethods());
    });
    for (const route of routes) this.app.use(route.router.routes());
  }
}
module.exports = new App([new HealthRoute(), new NotesRoute()]);
`,
      'src/health.js': `const Router = require('@koa/router');
class HealthRoute {
  router = new Router();
  constructor() { this.router.get('/health', (ctx) => { ctx.body = 'ok'; }); }
}
module.exports = HealthRoute;
`,
      'src/notes.js': `const Router = require('@koa/router');
const NotesController = require('./notes-controller');
class NotesRoute {
  constructor() {
    this.path = '/notes';
    this.router = new Router({ prefix: this.path });
    this.controller = new NotesController();
    this.router.get('/', this.controller.list).post('/', this.controller.create);
  }
}
module.exports = NotesRoute;
`,
      'src/notes-controller.js': `class NotesController {\n  list = (ctx) => { ctx.body = []; };\n  create = (ctx) => { ctx.status = 201; };\n}\nmodule.exports = NotesController;\n`,
    });
    expect(model.diagnostics).toEqual([]);
    const app = model.apps[0]!;
    expect(app.id).toBe('src/app.js#App.app');
    // Each instance's routes() then allowedMethods(), as the loop runs; the middleware after the routes (constructor order).
    expect(app.layers.map((l) => (l.kind === 'mount' ? `mount ${l.routerId}` : l.kind === 'use' && l.allowedMethods ? `allowed ${l.allowedMethods.routerId}` : l.kind))).toEqual([
      'mount src/health.js#HealthRoute.router',
      'allowed src/health.js#HealthRoute.router',
      'mount src/notes.js#NotesRoute.router',
      'allowed src/notes.js#NotesRoute.router',
      'mount src/health.js#HealthRoute.router',
      'mount src/notes.js#NotesRoute.router',
      'use',
    ]);
    const notes = model.routers.find((r) => r.id === 'src/notes.js#NotesRoute.router')!;
    expect(notes.options).toEqual({ prefix: '/notes' });
    expect(notes.layers.map((l) => (l.kind === 'route' ? `${l.method} ${l.path}` : l.kind))).toEqual(['get /', 'post /']);
    // `module.exports = NotesController`: the whole module is the class.
    const list = notes.layers[0]!;
    expect(list.kind === 'route' && list.handlers[0]!.source).toEqual({
      kind: 'instance',
      ref: { from: 'src/notes-controller.js', isPackage: false, exportName: 'default' },
      member: ['list'],
      className: 'NotesController',
    });
    expect(app.listenCalls).toEqual([]);
  });

  it('reads a Koa router made by an imported factory, and a prefix from a config that also holds run-time values', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module","imports":{"#config":"./src/config.js"},"dependencies":{"koa":"^3","@koa/router":"^15"}}',
      'src/config.js': `export default { port: Number(process.env.PORT ?? 3000), apiPrefix: '/api' };\n`,
      'src/app.js': `import Koa from 'koa';
import makeStatus from './status.js';
import api from './api.js';
const status = makeStatus();
export const app = new Koa().use(api.routes()).use(status.routes()).use(makeStatus().allowedMethods());
`,
      'src/api.js': `import Router from '@koa/router';
import config from '#config';
const router = new Router({ prefix: config.apiPrefix });
router.get('/items', (ctx) => { ctx.body = []; });
export default router;
`,
      'src/status.js': `import Router from '@koa/router';
export default () => {
  const router = new Router();
  router.get('/status', (ctx) => { ctx.body = 'ok'; });
  return router;
};
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(model.apps).toHaveLength(1);
    expect(model.apps[0]!.layers.map((l) => (l.kind === 'mount' ? `mount ${l.routerId}` : l.kind === 'use' && l.allowedMethods ? `allowed ${l.allowedMethods.routerId}` : l.kind))).toEqual([
      'mount src/api.js#router',
      'mount src/status.js#router',
      'allowed src/status.js#router',
    ]);
    expect(model.routers.find((r) => r.id === 'src/api.js#router')!.options).toEqual({ prefix: '/api' });
  });

  it('reports every app or router created where the scan cannot follow it, at the creation', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","scripts":{"start":"node src/app.js","start:koa":"node src/koa.js"},"dependencies":{"express":"^4","koa":"^3","@koa/router":"^15"}}',
      'src/app.js': `const express = require('express');
const routers = { users: express.Router() };
routers.users.get('/', (req, res) => res.json([]));
const app = express();
app.use('/users', routers.users);
register(app, [express.Router()]);
function register(target, list) { list.forEach((r) => target.use(r)); }
module.exports = app;
`,
      'src/koa.js': `const Koa = require('koa');
const Router = require('@koa/router');
const apps = [new Koa()];
const router = new Router();
router.get('/ok', (ctx) => { ctx.body = 'ok'; });
module.exports = { apps, router, make: () => new Router().get('/x', (ctx) => { ctx.body = 'x'; }) };
`,
    });
    expect(model.diagnostics.filter((d) => d.code === 'scan/untracked-creation').map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'src/app.js:2:26',
      'src/app.js:6:16',
      'src/koa.js:3:15',
      'src/koa.js:6:46',
    ]);
  });

  it('unrolls Express route tables written as array literals (node-express-boilerplate)', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'src/app.js': `const express = require('express');
const users = require('./users');
const auth = require('./auth');
const app = express();
const router = express.Router();
const defaultRoutes = [
  { path: '/users', route: users },
  { path: '/auth', route: auth },
];
defaultRoutes.forEach((route) => {
  router.use(route.path, route.route);
});
for (const { path, route } of [{ path: '/v2/users', route: users }]) app.use(path, route);
const handlers = [['get', '/health', (req, res) => res.send('ok')]];
handlers.forEach(([method, p, h]) => app[method](p, h));
app.use('/v1', router);
module.exports = app;
`,
      'src/users.js': `const r = require('express').Router();\nr.get('/', (req, res) => res.send([]));\nr.get('/:id', (req, res) => res.send({}));\nmodule.exports = r;\n`,
      'src/auth.js': `const r = require('express').Router();\nr.post('/login', (req, res) => res.send({}));\nmodule.exports = r;\n`,
    });
    const app = model.apps[0]!;
    const mounts = [...app.layers, ...model.routers.flatMap((r) => r.layers)].filter((l) => l.kind === 'mount').map((l) => (l as { path: string }).path);
    expect(mounts.sort()).toEqual(['/auth', '/users', '/v1', '/v2/users']);
    // The computed-method tuple table stays reported (a method name read at run time).
    expect(model.diagnostics.map((d) => d.code)).toEqual(['express/computed-method']);
  });

  it('says when a computed views folder cannot be seen to be packaged (cwd or environment), never silently', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'src/app.js': `const path = require('path');
const express = require('express');
const config = require('./config');
const app = express();
app.set('views', path.join(__dirname, 'views'));
app.set('views', config.viewsDir);
app.set('views', path.resolve('views'));
app.set('views', process.env.VIEWS_DIR || 'views');
module.exports = app;
`,
      'src/config.js': `const path = require('path');\nmodule.exports = { viewsDir: path.join(__dirname, '../views') };\n`,
    });
    expect(model.diagnostics.filter((d) => d.code === 'iac/views-computed').map((d) => `${d.severity} ${d.file}:${d.line}`)).toEqual([
      'info src/app.js:6',
      'warning src/app.js:7',
      'warning src/app.js:8',
    ]);
  });

  it('reports a loop it cannot follow instead of dropping it silently', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'src/app.js': `const express = require('express');
const app = express();
const routes = require('./load-routes')();
routes.forEach((r) => app.use(r.path, r.router));
module.exports = app;
`,
      'src/load-routes.js': `module.exports = () => [];\n`,
    });
    expect(model.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['express/dynamic-loop src/app.js:4']);
  });
});
