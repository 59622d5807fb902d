import jscodeshift from 'jscodeshift';
import type { API, FileInfo } from 'jscodeshift';
import { findRoutes, type FindRoutesOptions, type FoundRoute } from '../../src/codemod-helpers';

type Parser = 'tsx' | 'ts' | 'babel';

/** The parts of each route a test compares, with handlers printed as written. */
function routes(source: string, parser: Parser, options?: FindRoutesOptions) {
  const j = jscodeshift.withParser(parser);
  return findRoutes(j, j(source), options).map((r: FoundRoute) => ({
    framework: r.framework,
    receiver: r.receiver,
    method: r.method,
    path: r.routePath,
    ...(r.name !== undefined ? { name: r.name } : {}),
    handlers: r.handlers.map((h) => j(h).toSource()),
  }));
}

const brief = (r: { method: string; path: string | null }): string => `${r.method} ${r.path}`;

describe.each<Parser>(['tsx', 'babel'])('findRoutes (%s parser)', (parser) => {
  it('finds Express routes on an app and a named Router() with middleware chains and async handlers, and nothing else', () => {
    const source = `import express, { Router } from 'express';
import axios from 'axios';
import { auth, validate, schema } from './middleware';

const app = express();
const router = Router({ mergeParams: true });
const settings = new Map();

app.get('/health', (req, res) => res.send('ok'));
router.post('/users', auth, validate(schema), async (req, res) => {
  res.status(201).json(await createUser(req.body));
});
router.delete('/users/:id', auth, async function remove(req, res) { res.end(); });
app.use('/api', router);
app.use(express.json());
app.get('env');
settings.get('x');
settings.set('/users', () => 1);
axios.get('/users', { timeout: 5 });
axios.post('https://example.com/hook', payload);
export default app;
`;
    expect(routes(source, parser)).toEqual([
      { framework: 'express', receiver: 'app', method: 'get', path: '/health', handlers: ["(req, res) => res.send('ok')"] },
      {
        framework: 'express', receiver: 'router', method: 'post', path: '/users',
        handlers: ['auth', 'validate(schema)', 'async (req, res) => {\n  res.status(201).json(await createUser(req.body));\n}'],
      },
      { framework: 'express', receiver: 'router', method: 'delete', path: '/users/:id', handlers: ['auth', 'async function remove(req, res) { res.end(); }'] },
    ]);
  });

  it('reads CommonJS routers: require, require(...).Router, destructured Router, new express.Router(), module.exports chains', () => {
    const source = `const express = require('express');
const { Router: makeRouter } = require('express');
const users = express.Router();
const admin = require('express').Router();
const legacy = new express.Router();
const app = module.exports = express();
const other = makeRouter();

users.get('/users/:id', [auth, load], getUser);
users.put(\`/users/:id\`, save);
admin.patch(PREFIX + '/flags', toggle);
admin.post(\`/jobs/\${kind}\`, run);
legacy.head('/ping', ping);
app.all('/anything', everything);
other.options('/cors', preflight);
other.search('/q', search);
module.exports.users = users;
`;
    expect(routes(source, parser)).toEqual([
      { framework: 'express', receiver: 'users', method: 'get', path: '/users/:id', handlers: ['auth', 'load', 'getUser'] },
      { framework: 'express', receiver: 'users', method: 'put', path: '/users/:id', handlers: ['save'] },
      { framework: 'express', receiver: 'admin', method: 'patch', path: null, handlers: ['toggle'] },
      { framework: 'express', receiver: 'admin', method: 'post', path: null, handlers: ['run'] },
      { framework: 'express', receiver: 'legacy', method: 'head', path: '/ping', handlers: ['ping'] },
      { framework: 'express', receiver: 'app', method: 'all', path: '/anything', handlers: ['everything'] },
      { framework: 'express', receiver: 'other', method: 'options', path: '/cors', handlers: ['preflight'] },
      { framework: 'express', receiver: 'other', method: 'search', path: '/q', handlers: ['search'] },
    ]);
  });

  it('splits route chains into one route per verb, in source order, and follows router chains', () => {
    const source = `const express = require('express');
const app = express();
const router = express.Router();

app.route('/books')
  .all(logRequest)
  .get(listBooks)
  .post(auth, createBook);
router.route(BOOK_PATH).put(updateBook);
router.get('/a', a).post('/b', b).use(mw).delete('/c', c);
app.get('/after', after);
`;
    const found = routes(source, parser);
    expect(found.map(brief)).toEqual([
      'all /books', 'get /books', 'post /books', 'put null', 'get /a', 'post /b', 'delete /c', 'get /after',
    ]);
    expect(found[2]).toEqual({ framework: 'express', receiver: 'app', method: 'post', path: '/books', handlers: ['auth', 'createBook'] });
    expect(found[3]!.receiver).toBe('router');

    // Every call of a chain starts where the chain starts; the reported position is the call's.
    const j = jscodeshift.withParser(parser);
    const chain = findRoutes(j, j(source)).slice(0, 3);
    expect(chain.map((r) => [r.line, r.column])).toEqual([[5, 1], [5, 1], [5, 1]]);
    expect(chain.map((r) => r.call.node.arguments.length)).toEqual([1, 1, 2]);
  });

  it('reads Koa routers from @koa/router and koa-router, with named routes and the del alias', () => {
    const source = `import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router({ prefix: '/api' });

router.get('user', '/users/:id', loadUser, async (ctx) => {
  ctx.body = ctx.state.user;
});
router.get('/users', auth, async (ctx) => { ctx.body = []; });
router.del('/users/:id', remove);
router.all(/^\\/legacy/, legacy);
router.post('create-user', '/users', create).put('/users/:id', update);
app.use(router.routes()).use(router.allowedMethods());
app.listen(3000);
`;
    expect(routes(source, parser)).toEqual([
      {
        framework: 'koa', receiver: 'router', method: 'get', path: '/users/:id', name: 'user',
        handlers: ['loadUser', 'async (ctx) => {\n  ctx.body = ctx.state.user;\n}'],
      },
      { framework: 'koa', receiver: 'router', method: 'get', path: '/users', handlers: ['auth', 'async (ctx) => { ctx.body = []; }'] },
      { framework: 'koa', receiver: 'router', method: 'delete', path: '/users/:id', handlers: ['remove'] },
      { framework: 'koa', receiver: 'router', method: 'all', path: null, handlers: ['legacy'] },
      { framework: 'koa', receiver: 'router', method: 'post', path: '/users', name: 'create-user', handlers: ['create'] },
      { framework: 'koa', receiver: 'router', method: 'put', path: '/users/:id', handlers: ['update'] },
    ]);

    const cjs = `const KoaRouter = require('koa-router');
const { Router } = require('@koa/router');
const a = KoaRouter();
const b = new Router();
a.get('/a', ha);
b.patch('/b', hb);
b.route('/c');
`;
    expect(routes(cjs, parser).map((r) => `${r.framework} ${r.receiver}.${r.method} ${r.path}`)).toEqual(['koa a.get /a', 'koa b.patch /b']);
  });

  it('takes routers from other files through options.receivers, as Express or (when the file imports Koa) Koa routers', () => {
    const express = `import { router } from './router';
import { listUsers, getUser } from '../controllers/users';

router.get('/users', listUsers);
router.get('/users/:id', getUser);

export function registerAdmin(admin) {
  admin.post('/admin/reindex', reindex);
}
`;
    expect(routes(express, parser)).toEqual([]);
    expect(routes(express, parser, { receivers: ['router', 'admin'] }).map((r) => `${r.framework} ${r.receiver}.${r.method} ${r.path}`)).toEqual([
      'express router.get /users', 'express router.get /users/:id', 'express admin.post /admin/reindex',
    ]);

    const koa = `const router = require('./router');
const { requireUser } = require('../auth');
const Router = require('@koa/router');

router.get('me', '/me', requireUser, (ctx) => { ctx.body = ctx.state.user; });
module.exports = router;
`;
    expect(routes(koa, parser, { receivers: ['router'] })).toEqual([
      { framework: 'koa', receiver: 'router', method: 'get', path: '/me', name: 'me', handlers: ['requireUser', '(ctx) => { ctx.body = ctx.state.user; }'] },
    ]);

    const dotted = `import { api } from './api';\napi.v2.get('/status', status);\napi.get('/x', x);\n`;
    expect(routes(dotted, parser, { receivers: ['api.v2'] }).map(brief)).toEqual(['get /status']);
  });

  it('does not report names that shadow the imports, or routers from other packages', () => {
    const source = `import express from 'express';
import { Router } from './my-router';

const app = express();

function cacheRoutes(app) {
  app.get('/x', handler);
}
function build() {
  const express = { Router: () => new Map() };
  const r = express.Router();
  r.get('/y', handler);
}
const mine = Router();
mine.get('/z', handler);
for (const app of apps) app.post('/w', handler);
app.get('/real', handler);
`;
    expect(routes(source, parser).map(brief)).toEqual(['get /real']);
  });

  it('follows routers held in class fields, this.x / obj.x assignments, object literals and later assignments', () => {
    const source = `import express from 'express';

class UsersController {
  router = express.Router();
  constructor() {
    this.admin = express.Router();
    this.router.get('/users', this.list);
    this.admin.delete('/users/:id', this.remove);
    this.cache.get('/users', 1);
  }
}
const api = { v1: express.Router(), name: 'api' };
api.v1.get('/status', status);
let late;
late = express.Router();
late.post('/late', handler);
`;
    expect(routes(source, parser).map((r) => `${r.receiver}.${r.method} ${r.path}`)).toEqual([
      'this.router.get /users', 'this.admin.delete /users/:id', 'api.v1.get /status', 'late.post /late',
    ]);
  });

  it('skips shapes it does not understand instead of throwing', () => {
    const source = `const express = require('express');
const app = express();
app.get(...args);
app.get();
app.get(handler => handler);
app[method]('/computed', h);
app['post']('/string-key', h);
app.get('/spread', ...middleware);
app.get('/holes', [, auth], h);
app.route('/a', 'b').get(h);
app.route().get(h);
app.get?.('/optional', h);
app.route('/r').get();
`;
    expect(() => routes(source, parser)).not.toThrow();
    expect(routes(source, parser).map((r) => `${r.method} ${r.path} [${r.handlers.join(', ')}]`)).toEqual([
      'post /string-key [h]', 'get /spread []', 'get /holes [auth, h]', 'get /optional [h]',
    ]);
  });

  it('searches only inside the collection it is given, with bindings from the whole file', () => {
    const source = `import { Router } from 'express';
const router = Router();
router.get('/outside', a);
export function mount() {
  router.get('/inside', b);
}
`;
    const j = jscodeshift.withParser(parser);
    const root = j(source);
    expect(findRoutes(j, root.find(j.FunctionDeclaration)).map((r) => r.routePath)).toEqual(['/inside']);
  });
});

describe('findRoutes (TypeScript-only syntax)', () => {
  it.each<Parser>(['ts', 'tsx'])('reads import = require, namespace imports, casts and typed handlers (%s)', (parser) => {
    const source = `import express = require('express');
import * as ex from 'express';
import type { Request, Response } from 'express';

const app = express();
const router = ex.Router() as ex.Router;
const typed: ex.Router = express.Router();

app.get<{ id: string }>('/users/:id', async (req: Request<{ id: string }>, res: Response) => {
  res.json({ id: req.params.id });
});
router.post('/items', (req, res) => res.sendStatus(204));
(typed as ex.Router).put('/typed', handler as ex.RequestHandler);
`;
    expect(routes(source, parser)).toEqual([
      {
        framework: 'express', receiver: 'app', method: 'get', path: '/users/:id',
        handlers: ['async (req: Request<{ id: string }>, res: Response) => {\n  res.json({ id: req.params.id });\n}'],
      },
      { framework: 'express', receiver: 'router', method: 'post', path: '/items', handlers: ['(req, res) => res.sendStatus(204)'] },
      { framework: 'express', receiver: 'typed', method: 'put', path: '/typed', handlers: ['handler as ex.RequestHandler'] },
    ]);
  });

  it('reports lines and columns in the text as written (tab indentation, CRLF)', () => {
    const source = "import { Router } from 'express';\r\nconst router = Router();\r\nexport function mount() {\r\n\t\trouter.get('/x', h);\r\n\tif (on) {\r\n\t\t\trouter.route('/y').post(h);\r\n\t}\r\n}\r\n";
    const j = jscodeshift.withParser('tsx');
    expect(findRoutes(j, j(source)).map((r) => [r.line, r.column])).toEqual([[4, 3], [6, 4]]);
  });
});

describe('findRoutes inside a transform', () => {
  /** Wraps every route handler (the last handler argument) in `asyncHandler(...)`, importing it once. */
  function wrapHandlers(file: FileInfo, api: API): string {
    const j = api.jscodeshift;
    const root = j(file.source);
    const found = findRoutes(j, root, { receivers: ['router'] });
    for (const route of found) {
      const handler = route.handlers[route.handlers.length - 1];
      if (!handler) continue;
      const node = handler.node as { type: string; callee?: { type: string; name?: string } };
      if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'asyncHandler') continue;
      j(handler).replaceWith((p) => j.callExpression(j.identifier('asyncHandler'), [p.node]));
    }
    if (found.length) {
      root.get().node.program.body.unshift(j.template.statement([`import { asyncHandler } from './async-handler';\n`]));
    }
    return root.toSource();
  }

  const run = (source: string, parser: Parser): string => {
    const j = jscodeshift.withParser(parser);
    return wrapHandlers({ path: 'routes.ts', source }, { j, jscodeshift: j, stats: () => undefined, report: () => undefined });
  };

  it.each<Parser>(['tsx', 'babel'])('wraps every route handler with asyncHandler and leaves everything else alone (%s)', (parser) => {
    const source = `import express from 'express';
import { router } from './router';

const app = express();
const cache = new Map();

app.get('/users/:id', auth, async (req, res) => {
  res.json(await users.find(req.params.id));
});
app.route('/books').get(listBooks).post(auth, [validate, createBook]);
router.delete('/sessions', logout);
app.use(errorHandler);
cache.get('/users/:id');
`;
    expect(run(source, parser)).toBe(`import { asyncHandler } from './async-handler';
import express from 'express';
import { router } from './router';

const app = express();
const cache = new Map();

app.get('/users/:id', auth, asyncHandler(async (req, res) => {
  res.json(await users.find(req.params.id));
}));
app.route('/books').get(asyncHandler(listBooks)).post(auth, [validate, asyncHandler(createBook)]);
router.delete('/sessions', asyncHandler(logout));
app.use(errorHandler);
cache.get('/users/:id');
`);
  });
});
