/**
 * The benchmark services of bench:adapter: the same API of 10 domains (users, orders, …),
 * each a router in its own file with 6 routes, written once for Express 5 and once for Koa 3
 * with @koa/router, as CommonJS JavaScript (so generated modules are plain JavaScript that
 * `node` loads without a build step, like a service deployed from source).
 *
 *   app.js                      express() / new Koa(): settings, app middleware, routers mounted
 *                               at /api/<domain>, 404 and error handlers, a guarded listen
 *   middleware/*.js             request id, JWT-style HMAC bearer auth, validation, errors
 *   routes/<domain>.js          the router: controller methods, middleware factories
 *                               (`requireRole('admin')`, `validate(schemas.create)`) and one inline handler
 *   controllers/<domain>.js     handlers over an in-memory store, using the domain's own dependencies
 *   lib/<domain>/*.js           ~320 KB of generated dependencies per domain (see dependencies.ts)
 *   lib/validator.js            a zod-like library shared by all domains
 *
 * Every controller also requires one real package that no other domain uses (luxon,
 * handlebars, yaml, semver, diff, js-yaml, cron-parser, form-data, croner, picomatch).
 */
import * as crypto from 'node:crypto';
import { repoRoot, writeFile } from '../lib/common';
import { catalogModule, clientModule, DOMAINS, schemasModule, VALIDATOR_JS, type Domain } from './dependencies';

export const AUTH_SECRET = 'bench-secret-not-for-production';

/** A bearer token the services' auth middleware accepts (HMAC-SHA256 over header.payload). */
export function bearerToken(): string {
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'usr_00007', role: 'admin', name: 'Ada Admin', exp: 4102444800 })}`;
  return `${head}.${crypto.createHmac('sha256', AUTH_SECRET).update(head).digest('base64url')}`;
}

const HTTP_ERROR_JS = `'use strict';

class HttpError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.expose = status < 500;
  }
}

module.exports = { HttpError };
`;

/** Token checking shared by both frameworks' auth middleware. */
const TOKEN_JS = `'use strict';
const crypto = require('crypto');

const SECRET = process.env.AUTH_SECRET || '${AUTH_SECRET}';
const BEARER = /^Bearer ([\\w-]+)\\.([\\w-]+)\\.([\\w-]+)$/;

/** The claims of a valid bearer token, or null. */
function verifyBearer(header) {
  const m = BEARER.exec(header || '');
  if (!m) return null;
  const expected = crypto.createHmac('sha256', SECRET).update(\`\${m[1]}.\${m[2]}\`).digest();
  const given = Buffer.from(m[3], 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
  return claims;
}

module.exports = { verifyBearer };
`;

/**
 * The domain's real package, or, when the repo's node_modules does not have it (the packages
 * are dev dependencies' dependencies, so a lockfile change can drop one), a built-in stand-in.
 */
export function packageOf(d: Domain): Domain['pkg'] & { available: boolean } {
  try {
    require.resolve(d.pkg.name, { paths: [repoRoot()] });
    return { ...d.pkg, available: true };
  } catch {
    return { name: 'zlib', require: `const zlib = require('zlib');`, render: 'zlib.deflateSync(JSON.stringify(item)).length', available: false };
  }
}

/** The store and presentation shared by a domain's Express and Koa controllers. */
function storeCode(d: Domain, catalogHelper: string): string {
  const pkg = packageOf(d);
  return `const catalog = require('../lib/${d.name}/catalog');
const schemas = require('../lib/${d.name}/schemas');
const { createClient } = require('../lib/${d.name}/client');
${pkg.require}
${pkg.setup ?? ''}

// Upstream API client, created once per container as real services do.
const upstream = createClient({ baseUrl: process.env.${d.name.toUpperCase()}_API_URL, timeoutMs: 2500 });

// Stands in for the database: 200 records of realistic shape.
const store = new Map();
const STATUSES = schemas.Status.values;
for (let i = 1; i <= 200; i++) {
  const rule = catalog.RULES[(i * 7) % catalog.RULES.length];
  const id = \`${d.prefix}_\${String(i).padStart(5, '0')}\`;
  store.set(id, {
    id,
    status: STATUSES[i % STATUSES.length],
    amount: 1000 + ((i * 7919) % 250000),
    currency: ['EUR', 'USD', 'GBP'][i % 3],
    region: rule.region,
    rule: rule.code,
    revision: 1 + (i % 9),
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3600000).toISOString(),
    updatedAt: new Date(Date.UTC(2024, 5, 1) + i * 60000).toISOString(),
    tags: rule.flags.length ? rule.flags : ['standard'],
    owner: { id: \`usr_\${String(1 + (i % 50)).padStart(5, '0')}\`, name: \`Owner \${1 + (i % 50)}\`, email: \`owner\${1 + (i % 50)}@example.com\` },
    lines: [1, 2, 3].map((n) => ({ sku: \`SKU-\${i}-\${n}\`, quantity: n, unitPrice: 100 * n + (i % 100), description: \`\${rule.label} line \${n}\` })),
    metadata: { source: 'import', batch: \`b\${i % 12}\`, checksum: (i * 2654435761) % 4294967296 },
  });
}
let nextId = 201;

function present(item, expand) {
  const out = { ...item, links: { self: \`/api/${d.name}/\${item.id}\`, owner: \`/api/users/\${item.owner.id}\` } };
  if (!expand.includes('lines')) out.lines = item.lines.length;
  if (!expand.includes('owner')) out.owner = { id: item.owner.id };
  return out;
}

function listItems(query) {
  const status = typeof query.status === 'string' ? query.status : null;
  const region = typeof query.region === 'string' ? query.region : null;
  const limit = Math.min(100, Math.max(1, Number(query.limit) || 20));
  const after = typeof query.after === 'string' ? query.after : '';
  const items = [];
  for (const item of store.values()) {
    if (item.id <= after || (status && item.status !== status) || (region && item.region !== region)) continue;
    items.push(present(item, []));
    if (items.length === limit) break;
  }
  return { items, next: items.length === limit ? items[items.length - 1].id : null };
}

function createItem(input) {
  const id = \`${d.prefix}_\${String(nextId++).padStart(5, '0')}\`;
  const now = new Date().toISOString();
  const item = { id, status: 'pending', revision: 1, createdAt: now, updatedAt: now, rule: null, owner: { id: 'usr_00001', name: 'Owner 1', email: 'owner1@example.com' }, lines: [], metadata: { source: 'api' }, ...input };
  item.amount = catalog.${catalogHelper}(item.amount, item.region);
  store.set(id, item);
  return item;
}

function updateItem(item, input) {
  const next = { ...item, ...input, revision: item.revision + 1, updatedAt: new Date().toISOString() };
  store.set(item.id, next);
  return next;
}

/** What the export route sends, made with this domain's own package. */
function render(item) {
  return ${pkg.render};
}

function find(id) {
  return store.get(id) || null;
}
`;
}

/**
 * Writes lib/: the shared modules and each domain's generated dependencies. Returns the bytes
 * written and, per domain, the name of a helper its catalog exports (the controllers call it).
 */
function writeDependencies(root: string): { bytes: number; helpers: Map<Domain, string> } {
  let bytes = writeFile(root, 'lib/validator.js', VALIDATOR_JS);
  bytes += writeFile(root, 'lib/http-error.js', HTTP_ERROR_JS);
  bytes += writeFile(root, 'lib/token.js', TOKEN_JS);
  const helpers = new Map<Domain, string>();
  DOMAINS.forEach((d, i) => {
    const catalog = catalogModule(d, SEED + i * 3 + 1);
    helpers.set(d, catalog.helpers[0]!);
    bytes += writeFile(root, `lib/${d.name}/schemas.js`, schemasModule(d, SEED + i * 3));
    bytes += writeFile(root, `lib/${d.name}/catalog.js`, catalog.source);
    bytes += writeFile(root, `lib/${d.name}/client.js`, clientModule(d, SEED + i * 3 + 2));
  });
  return { bytes, helpers };
}

const SEED = 1000;

function packageJson(name: string, deps: Record<string, string>): string {
  return `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'app.js', scripts: { start: 'node app.js' }, dependencies: deps }, null, 2)}\n`;
}

export interface GeneratedService {
  root: string;
  routes: number;
  /** Bytes of JavaScript written (the service's own code and generated dependencies). */
  bytes: number;
}

/** The Express 5 service (61 routes: 6 per domain plus an inline /health in app.js). */
export function generateExpressService(root: string): GeneratedService {
  const deps = writeDependencies(root);
  let bytes = deps.bytes;
  bytes += writeFile(root, 'package.json', packageJson('bench-express-service', { express: '^5.1.0' }));
  bytes += writeFile(
    root,
    'middleware/request-id.js',
    `'use strict';
const crypto = require('crypto');

/** Propagates the caller's X-Request-Id, or makes one. */
function requestId(req, res, next) {
  const id = req.get('x-request-id') || crypto.randomUUID();
  req.id = id;
  res.set('X-Request-Id', id);
  next();
}

module.exports = { requestId };
`,
  );
  bytes += writeFile(
    root,
    'middleware/auth.js',
    `'use strict';
const { HttpError } = require('../lib/http-error');
const { verifyBearer } = require('../lib/token');

function requireAuth(req, res, next) {
  const claims = verifyBearer(req.get('authorization'));
  if (!claims) return next(new HttpError(401, 'unauthorized', 'a valid bearer token is required'));
  req.user = claims;
  next();
}

function requireRole(role) {
  return function hasRole(req, res, next) {
    if (!req.user || req.user.role !== role) return next(new HttpError(403, 'forbidden', \`requires the \${role} role\`));
    next();
  };
}

module.exports = { requireAuth, requireRole };
`,
  );
  bytes += writeFile(
    root,
    'middleware/validate.js',
    `'use strict';
const { HttpError } = require('../lib/http-error');

/** Replaces req.body with the schema's output, or answers 422 with the issues. */
function validate(schema) {
  return function validateBody(req, res, next) {
    const result = schema.safeParse(req.body);
    if (!result.success) return next(new HttpError(422, 'validation_failed', 'the request body is invalid', result.issues));
    req.body = result.data;
    next();
  };
}

module.exports = { validate };
`,
  );
  bytes += writeFile(
    root,
    'middleware/errors.js',
    `'use strict';
const { HttpError } = require('../lib/http-error');

function notFound(req, res) {
  res.status(404).json({ error: { code: 'not_found', message: \`Cannot \${req.method} \${req.path}\` } });
}

function errorHandler(err, req, res, next) {
  if (res.headersSent) return next(err);
  if (err instanceof HttpError) {
    return res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
  }
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: { code: 'invalid_json', message: 'the request body is not valid JSON' } });
  }
  console.error(err);
  res.status(500).json({ error: { code: 'internal_error', message: 'something went wrong' } });
}

module.exports = { notFound, errorHandler };
`,
  );

  for (const d of DOMAINS) {
    bytes += writeFile(
      root,
      `controllers/${d.name}.js`,
      `'use strict';
const { HttpError } = require('../lib/http-error');
${storeCode(d, deps.helpers.get(d)!)}
function list(req, res) {
  const page = listItems(req.query);
  res.set('Cache-Control', 'private, max-age=5');
  res.json(page);
}

function get(req, res, next) {
  const item = store.get(req.params.id);
  if (!item) return next(new HttpError(404, 'not_found', catalog.message('${d.prefix.toUpperCase()}_E0001', { id: req.params.id })));
  const expand = typeof req.query.expand === 'string' ? req.query.expand.split(',') : [];
  res.set('Cache-Control', 'private, max-age=30');
  res.json(present(item, expand));
}

function create(req, res) {
  const item = createItem(req.body);
  res.status(201).location(\`/api/${d.name}/\${item.id}\`).json(present(item, []));
}

function update(req, res, next) {
  const item = store.get(req.params.id);
  if (!item) return next(new HttpError(404, 'not_found', \`${d.entity} \${req.params.id} not found\`));
  res.json(present(updateItem(item, req.body), []));
}

function remove(req, res, next) {
  if (!store.delete(req.params.id)) return next(new HttpError(404, 'not_found', \`${d.entity} \${req.params.id} not found\`));
  res.status(204).end();
}

module.exports = { list, get, create, update, remove, find, render, upstream };
`,
    );
    bytes += writeFile(
      root,
      `routes/${d.name}.js`,
      `'use strict';
const express = require('express');
const { requireAuth, requireRole } = require('../middleware/auth');
const { validate } = require('../middleware/validate');
const { HttpError } = require('../lib/http-error');
const schemas = require('../lib/${d.name}/schemas');
const controller = require('../controllers/${d.name}');

const router = express.Router();

router.get('/', requireAuth, controller.list);
router.get('/:id', requireAuth, controller.get);
router.post('/', requireAuth, validate(schemas.create), controller.create);
router.put('/:id', requireAuth, requireRole('admin'), validate(schemas.update), controller.update);
router.delete('/:id', requireAuth, requireRole('admin'), controller.remove);
router.get('/:id/export', requireAuth, (req, res, next) => {
  const item = controller.find(req.params.id);
  if (!item) return next(new HttpError(404, 'not_found', \`${d.entity} \${req.params.id} not found\`));
  res.type('text/plain').send(String(controller.render(item)));
});

module.exports = router;
`,
    );
  }

  bytes += writeFile(
    root,
    'app.js',
    `'use strict';
const express = require('express');
const { requestId } = require('./middleware/request-id');
const { notFound, errorHandler } = require('./middleware/errors');
${DOMAINS.map((d) => `const ${d.name}Router = require('./routes/${d.name}');`).join('\n')}

const app = express();
app.set('trust proxy', true);

app.use(express.json({ limit: '100kb' }));
app.use(requestId);

app.get('/health', (req, res) => {
  res.json({ status: 'ok', uptime: Math.round(process.uptime()) });
});

${DOMAINS.map((d) => `app.use('/api/${d.name}', ${d.name}Router);`).join('\n')}

app.use(notFound);
app.use(errorHandler);

const port = process.env.PORT || 3000;
app.listen(port, () => {
  console.log(\`listening on port \${port}\`);
});

module.exports = app;
`,
  );
  return { root, routes: DOMAINS.length * 6 + 1, bytes };
}

/** The Koa 3 + @koa/router service (60 routes, 6 per domain). */
export function generateKoaService(root: string): GeneratedService {
  const deps = writeDependencies(root);
  let bytes = deps.bytes;
  bytes += writeFile(root, 'package.json', packageJson('bench-koa-service', { koa: '^3.0.0', '@koa/router': '^15.0.0', 'koa-bodyparser': '^4.4.1' }));
  bytes += writeFile(
    root,
    'middleware/request-id.js',
    `'use strict';
const crypto = require('crypto');

/** Propagates the caller's X-Request-Id, or makes one. */
async function requestId(ctx, next) {
  const id = ctx.get('x-request-id') || crypto.randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  await next();
}

module.exports = { requestId };
`,
  );
  bytes += writeFile(
    root,
    'middleware/auth.js',
    `'use strict';
const { HttpError } = require('../lib/http-error');
const { verifyBearer } = require('../lib/token');

async function requireAuth(ctx, next) {
  const claims = verifyBearer(ctx.get('authorization'));
  if (!claims) throw new HttpError(401, 'unauthorized', 'a valid bearer token is required');
  ctx.state.user = claims;
  await next();
}

function requireRole(role) {
  return async function hasRole(ctx, next) {
    if (!ctx.state.user || ctx.state.user.role !== role) throw new HttpError(403, 'forbidden', \`requires the \${role} role\`);
    await next();
  };
}

module.exports = { requireAuth, requireRole };
`,
  );
  bytes += writeFile(
    root,
    'middleware/validate.js',
    `'use strict';
const { HttpError } = require('../lib/http-error');

/** Replaces the request body with the schema's output, or answers 422 with the issues. */
function validate(schema) {
  return async function validateBody(ctx, next) {
    const result = schema.safeParse(ctx.request.body);
    if (!result.success) throw new HttpError(422, 'validation_failed', 'the request body is invalid', result.issues);
    ctx.request.body = result.data;
    await next();
  };
}

module.exports = { validate };
`,
  );
  bytes += writeFile(
    root,
    'middleware/errors.js',
    `'use strict';

/** Outermost middleware: errors and unanswered requests become JSON bodies. */
async function errors(ctx, next) {
  try {
    await next();
    if (ctx.status === 404 && ctx.body == null) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: \`Cannot \${ctx.method} \${ctx.path}\` } };
    }
  } catch (err) {
    const status = err.status || 500;
    ctx.status = status;
    ctx.body = { error: { code: err.code || (status === 400 ? 'bad_request' : 'internal_error'), message: err.expose ? err.message : 'something went wrong', details: err.details } };
    if (status >= 500) ctx.app.emit('error', err, ctx);
  }
}

function logError(err, ctx) {
  console.error(\`\${ctx ? \`\${ctx.method} \${ctx.path}: \` : ''}\${err.stack || err}\`);
}

module.exports = { errors, logError };
`,
  );

  for (const d of DOMAINS) {
    bytes += writeFile(
      root,
      `controllers/${d.name}.js`,
      `'use strict';
const { HttpError } = require('../lib/http-error');
${storeCode(d, deps.helpers.get(d)!)}
async function list(ctx) {
  ctx.set('Cache-Control', 'private, max-age=5');
  ctx.body = listItems(ctx.query);
}

async function get(ctx) {
  const item = store.get(ctx.params.id);
  if (!item) throw new HttpError(404, 'not_found', catalog.message('${d.prefix.toUpperCase()}_E0001', { id: ctx.params.id }));
  const expand = typeof ctx.query.expand === 'string' ? ctx.query.expand.split(',') : [];
  ctx.set('Cache-Control', 'private, max-age=30');
  ctx.body = present(item, expand);
}

async function create(ctx) {
  const item = createItem(ctx.request.body);
  ctx.status = 201;
  ctx.set('Location', \`/api/${d.name}/\${item.id}\`);
  ctx.body = present(item, []);
}

async function update(ctx) {
  const item = store.get(ctx.params.id);
  if (!item) throw new HttpError(404, 'not_found', \`${d.entity} \${ctx.params.id} not found\`);
  ctx.body = present(updateItem(item, ctx.request.body), []);
}

async function remove(ctx) {
  if (!store.delete(ctx.params.id)) throw new HttpError(404, 'not_found', \`${d.entity} \${ctx.params.id} not found\`);
  ctx.status = 204;
}

module.exports = { list, get, create, update, remove, find, render, upstream };
`,
    );
    bytes += writeFile(
      root,
      `routes/${d.name}.js`,
      `'use strict';
const Router = require('@koa/router');
const { requireAuth, requireRole } = require('../middleware/auth');
const { validate } = require('../middleware/validate');
const { HttpError } = require('../lib/http-error');
const schemas = require('../lib/${d.name}/schemas');
const controller = require('../controllers/${d.name}');

const router = new Router({ prefix: '/api/${d.name}' });

router.get('/', requireAuth, controller.list);
router.get('/:id', requireAuth, controller.get);
router.post('/', requireAuth, validate(schemas.create), controller.create);
router.put('/:id', requireAuth, requireRole('admin'), validate(schemas.update), controller.update);
router.delete('/:id', requireAuth, requireRole('admin'), controller.remove);
router.get('/:id/export', requireAuth, async (ctx) => {
  const item = controller.find(ctx.params.id);
  if (!item) throw new HttpError(404, 'not_found', \`${d.entity} \${ctx.params.id} not found\`);
  ctx.type = 'text/plain';
  ctx.body = String(controller.render(item));
});

module.exports = router;
`,
    );
  }

  bytes += writeFile(
    root,
    'app.js',
    `'use strict';
const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const { errors, logError } = require('./middleware/errors');
const { requestId } = require('./middleware/request-id');
${DOMAINS.map((d) => `const ${d.name}Router = require('./routes/${d.name}');`).join('\n')}

const app = new Koa();
app.proxy = true;

app.use(errors);
app.use(requestId);
app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '100kb' }));

${DOMAINS.map((d) => `app.use(${d.name}Router.routes());\napp.use(${d.name}Router.allowedMethods());`).join('\n')}

app.on('error', logError);

const port = process.env.PORT || 3000;
app.listen(port, () => {
  console.log(\`listening on port \${port}\`);
});

module.exports = app;
`,
  );
  return { root, routes: DOMAINS.length * 6, bytes };
}
