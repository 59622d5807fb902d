/**
 * The benchmark service of bench:migrate: a TypeScript Express service (CommonJS output,
 * esModuleInterop) of `routers` routers with 20 route files each, as a large real service
 * is laid out:
 *
 *   src/server.ts                       imports the app and listens
 *   src/app.ts                          express(), app middleware, every router mounted at /api/<area>
 *   src/middleware/*.ts                 auth, request id, rate limiting, validation, errors
 *   src/controllers/<area>.ts           ~60 typed handlers per area, over a repository
 *   src/routers/<area>/index.ts         Router() mounting the area's 20 resource routers
 *   src/routers/<area>/<resource>.ts    the route files: a Router() with 3–6 routes each, handlers
 *                                       imported from the controller or inline (about 1 in 4), with
 *                                       middleware chains (auth, roles, validation, rate limits)
 *
 * Deterministic for a seed. Returns the number of route files and routes, and the bytes written.
 */
import { rng, writeFile, type Rng } from '../lib/common';

const AREAS = ['account', 'billing', 'catalog', 'checkout', 'content', 'crm', 'delivery', 'finance', 'fleet', 'identity', 'inbox', 'insights', 'inventory', 'legal', 'loyalty', 'media', 'partner', 'payroll', 'pricing', 'support'];
const RESOURCES = ['addresses', 'alerts', 'approvals', 'assets', 'audits', 'batches', 'budgets', 'campaigns', 'cases', 'comments', 'contacts', 'contracts', 'coupons', 'devices', 'documents', 'events', 'exports', 'feeds', 'files', 'groups', 'imports', 'invites', 'items', 'jobs', 'labels', 'ledgers', 'licenses', 'links', 'notes', 'offers', 'orders', 'payouts', 'plans', 'policies', 'quotes', 'rates', 'refunds', 'reports', 'returns', 'reviews', 'rules', 'schedules', 'segments', 'sessions', 'shipments', 'tasks', 'teams', 'templates', 'tickets', 'webhooks'];
const FIELDS = ['title', 'status', 'amount', 'currency', 'ownerId', 'priority', 'dueAt', 'region', 'tags', 'note', 'reference', 'quantity'];

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const camel = (s: string): string => s.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
/** `addresses` → `address`, `policies` → `policy`, `orders7` → `order7`. */
const singular = (s: string): string => s.replace(/(sses|ies|s)(\d*)$/, (_, end: string, n: string) => `${end === 'sses' ? 'ss' : end === 'ies' ? 'y' : ''}${n}`);

export function areaName(i: number): string {
  return `${AREAS[i % AREAS.length]}${i >= AREAS.length ? Math.floor(i / AREAS.length) + 1 : ''}`;
}

interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  middleware: string[];
  /** Controller export, or null for an inline handler. */
  handler: string | null;
  inlineBody: string[];
}

function routesFor(r: Rng, area: string, resource: string, entity: string): RouteSpec[] {
  const base: Array<Omit<RouteSpec, 'handler' | 'inlineBody'> & { name: string }> = [
    { method: 'get', path: '/', middleware: ['requireAuth'], name: `list${entity}s` },
    { method: 'get', path: '/:id', middleware: ['requireAuth'], name: `get${entity}` },
    { method: 'post', path: '/', middleware: ['requireAuth', `validateBody(${entity.toLowerCase()}Schema)`], name: `create${entity}` },
    { method: 'put', path: '/:id', middleware: ['requireAuth', "requireRole('editor')", `validateBody(${entity.toLowerCase()}Schema)`], name: `update${entity}` },
    { method: 'delete', path: '/:id', middleware: ['requireAuth', "requireRole('admin')"], name: `delete${entity}` },
    { method: 'post', path: '/:id/archive', middleware: ['requireAuth', 'rateLimit({ windowMs: 60_000, max: 30 })'], name: `archive${entity}` },
    { method: 'get', path: '/:id/history', middleware: ['requireAuth'], name: `history${entity}` },
  ];
  const chosen = base.filter((_, i) => i < 2 || r.chance(0.45)).slice(0, r.int(3, 6));
  while (chosen.length < 3) chosen.push(base[chosen.length]!);
  return chosen.map((b) => {
    const inline = r.chance(0.25);
    return {
      method: b.method,
      path: b.path,
      middleware: b.middleware,
      handler: inline ? null : b.name,
      inlineBody: inline ? inlineBody(r, b.method, area, resource, entity) : [],
    };
  });
}

function inlineBody(r: Rng, method: string, area: string, resource: string, entity: string): string[] {
  const repo = `${camel(area)}Repository`;
  if (method === 'get') {
    return [
      `  const limit = Math.min(Number(req.query.limit ?? ${r.pick([10, 20, 50])}), 100);`,
      `  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;`,
      `  try {`,
      `    const page = await ${repo}.list('${resource}', { limit, cursor, ownerId: req.user?.id });`,
      `    if (req.params.id && page.items.length === 0) {`,
      `      return next(new HttpError(404, 'not_found', \`${entity} \${req.params.id} has no ${r.pick(['history', 'entries', 'records'])}\`));`,
      `    }`,
      `    res.set('Cache-Control', 'private, max-age=${r.int(5, 60)}');`,
      `    res.json({ items: page.items.map(to${entity}View), next: page.next ?? null });`,
      `  } catch (err) {`,
      `    next(err);`,
      `  }`,
    ];
  }
  return [
    `  const input = req.body as Partial<${entity}Input>;`,
    `  if (!input || typeof input !== 'object') {`,
    `    return next(new HttpError(400, 'bad_request', 'a JSON body is required'));`,
    `  }`,
    `  try {`,
    `    const saved = await ${repo}.save('${resource}', { ...input, id: req.params.id, updatedBy: req.user?.id ?? 'anonymous' });`,
    `    logger.info({ requestId: req.id, ${resource.replace(/s$/, '')}: saved.id }, '${entity.toLowerCase()} ${method === 'delete' ? 'deleted' : 'saved'}');`,
    `    res.status(${method === 'post' ? 201 : 200}).json(to${entity}View(saved));`,
    `  } catch (err) {`,
    `    next(err);`,
    `  }`,
  ];
}

function controllerHandler(r: Rng, name: string, method: string, area: string, resource: string, entity: string): string[] {
  const repo = `${camel(area)}Repository`;
  const lines = [`/** ${method.toUpperCase()} handler for ${resource} of the ${area} area. */`, `export async function ${name}(req: Request, res: Response, next: NextFunction): Promise<void> {`, `  try {`];
  if (name.startsWith('list')) {
    lines.push(
      `    const filter: ListFilter = {`,
      `      limit: Math.min(Number(req.query.limit ?? 25), 200),`,
      `      cursor: typeof req.query.cursor === 'string' ? req.query.cursor : undefined,`,
      `      status: typeof req.query.status === 'string' ? (req.query.status as ${entity}Status) : undefined,`,
      `      ownerId: req.user?.role === 'admin' ? undefined : req.user?.id,`,
      `    };`,
      `    const page = await ${repo}.list('${resource}', filter);`,
      `    res.set('X-Total-Count', String(page.total));`,
      `    res.json({ items: page.items.map(to${entity}View), next: page.next ?? null });`,
    );
  } else if (name.startsWith('get') || name.startsWith('history')) {
    lines.push(
      `    const found = await ${repo}.find('${resource}', req.params.id);`,
      `    if (!found) {`,
      `      next(new HttpError(404, 'not_found', \`${entity} \${req.params.id} not found\`));`,
      `      return;`,
      `    }`,
      `    if (found.ownerId !== req.user?.id && req.user?.role !== 'admin') {`,
      `      next(new HttpError(403, 'forbidden', 'not your ${entity.toLowerCase()}'));`,
      `      return;`,
      `    }`,
      `    res.json(to${entity}View(found));`,
    );
  } else {
    lines.push(
      `    const input = req.body as ${entity}Input;`,
      `    const existing = req.params.id ? await ${repo}.find('${resource}', req.params.id) : null;`,
      `    if (req.params.id && !existing) {`,
      `      next(new HttpError(404, 'not_found', \`${entity} \${req.params.id} not found\`));`,
      `      return;`,
      `    }`,
      `    const saved = await ${repo}.save('${resource}', { ...existing, ...input, revision: (existing?.revision ?? 0) + 1 });`,
      `    logger.info({ requestId: req.id, id: saved.id, revision: saved.revision }, '${name}');`,
      `    res.status(${name.startsWith('create') ? 201 : name.startsWith('delete') ? 204 : 200});`,
      `    ${name.startsWith('delete') ? 'res.end();' : `res.json(to${entity}View(saved));`}`,
    );
  }
  lines.push(`  } catch (err) {`, `    next(err);`, `  }`, `}`, '');
  void r;
  return lines;
}

export interface GeneratedService {
  routeFiles: number;
  routes: number;
  inlineHandlers: number;
  files: number;
  bytes: number;
}

export function generateService(root: string, routers: number, seed = 7): GeneratedService {
  const r = rng(seed);
  let bytes = 0;
  let files = 0;
  let routes = 0;
  let inlineHandlers = 0;
  const write = (rel: string, content: string): void => {
    bytes += writeFile(root, rel, content);
    files++;
  };

  writeFile(root, 'package.json', `${JSON.stringify({ name: `bench-migrate-service-${routers}`, version: '1.0.0', private: true, main: 'dist/server.js', scripts: { build: 'tsc', start: 'node dist/server.js' }, dependencies: { express: '^5.1.0' }, devDependencies: { '@types/express': '^5.0.0', typescript: '^5.9.0' } }, null, 2)}\n`);
  writeFile(root, 'tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, strict: true, outDir: 'dist', rootDir: 'src' }, include: ['src'] }, null, 2)}\n`);

  write(
    'src/lib/http-error.ts',
    `export class HttpError extends Error {\n  constructor(\n    readonly status: number,\n    readonly code: string,\n    message: string,\n    readonly details?: unknown,\n  ) {\n    super(message);\n    this.name = 'HttpError';\n  }\n}\n`,
  );
  write(
    'src/lib/logger.ts',
    `type Fields = Record<string, unknown>;\n\nfunction line(level: string, fields: Fields, message: string): void {\n  if (process.env.LOG_LEVEL === 'silent') return;\n  process.stdout.write(\`\${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields })}\\n\`);\n}\n\nexport const logger = {\n  info: (fields: Fields, message: string) => line('info', fields, message),\n  warn: (fields: Fields, message: string) => line('warn', fields, message),\n  error: (fields: Fields, message: string) => line('error', fields, message),\n};\n`,
  );
  write(
    'src/lib/repository.ts',
    `export interface Page<T> {\n  items: T[];\n  total: number;\n  next?: string;\n}\n\nexport interface ListFilter {\n  limit: number;\n  cursor?: string;\n  status?: string;\n  ownerId?: string;\n}\n\nexport interface StoredRecord {\n  id: string;\n  ownerId?: string;\n  revision?: number;\n  [field: string]: unknown;\n}\n\n/** In-memory repository standing in for the database client. */\nexport class Repository {\n  private readonly tables = new Map<string, Map<string, StoredRecord>>();\n\n  constructor(readonly area: string) {}\n\n  private table(name: string): Map<string, StoredRecord> {\n    let t = this.tables.get(name);\n    if (!t) this.tables.set(name, (t = new Map()));\n    return t;\n  }\n\n  async list(table: string, filter: Partial<ListFilter>): Promise<Page<StoredRecord>> {\n    const all = [...this.table(table).values()].filter((r) => (!filter.ownerId || r.ownerId === filter.ownerId) && (!filter.status || r.status === filter.status));\n    const start = filter.cursor ? all.findIndex((r) => r.id === filter.cursor) + 1 : 0;\n    const items = all.slice(start, start + (filter.limit ?? 25));\n    return { items, total: all.length, next: items.length ? items[items.length - 1]!.id : undefined };\n  }\n\n  async find(table: string, id: string | undefined): Promise<StoredRecord | null> {\n    return id ? (this.table(table).get(id) ?? null) : null;\n  }\n\n  async save(table: string, record: Partial<StoredRecord>): Promise<StoredRecord> {\n    const id = record.id ?? \`\${this.area}-\${this.table(table).size + 1}\`;\n    const saved = { ...record, id } as StoredRecord;\n    this.table(table).set(id, saved);\n    return saved;\n  }\n}\n`,
  );
  write(
    'src/middleware/auth.ts',
    `import type { NextFunction, Request, Response } from 'express';\nimport { HttpError } from '../lib/http-error';\n\ndeclare global {\n  // eslint-disable-next-line @typescript-eslint/no-namespace\n  namespace Express {\n    interface Request {\n      id?: string;\n      user?: { id: string; role: 'viewer' | 'editor' | 'admin' };\n    }\n  }\n}\n\nexport function requireAuth(req: Request, _res: Response, next: NextFunction): void {\n  const header = req.get('authorization') ?? '';\n  const match = /^Bearer (\\w+):(viewer|editor|admin)$/.exec(header);\n  if (!match) return next(new HttpError(401, 'unauthorized', 'a bearer token is required'));\n  req.user = { id: match[1]!, role: match[2] as 'viewer' | 'editor' | 'admin' };\n  next();\n}\n\nexport function requireRole(role: 'editor' | 'admin') {\n  const rank = { viewer: 0, editor: 1, admin: 2 };\n  return function hasRole(req: Request, _res: Response, next: NextFunction): void {\n    if (!req.user || rank[req.user.role] < rank[role]) return next(new HttpError(403, 'forbidden', \`requires \${role}\`));\n    next();\n  };\n}\n`,
  );
  write(
    'src/middleware/request-id.ts',
    `import { randomUUID } from 'node:crypto';\nimport type { NextFunction, Request, Response } from 'express';\n\nexport function requestId(req: Request, res: Response, next: NextFunction): void {\n  req.id = req.get('x-request-id') ?? randomUUID();\n  res.set('X-Request-Id', req.id);\n  next();\n}\n`,
  );
  write(
    'src/middleware/rate-limit.ts',
    `import type { NextFunction, Request, Response } from 'express';\nimport { HttpError } from '../lib/http-error';\n\nexport interface RateLimitOptions {\n  windowMs: number;\n  max: number;\n}\n\nexport function rateLimit(options: RateLimitOptions) {\n  const hits = new Map<string, { count: number; resetAt: number }>();\n  return function limit(req: Request, res: Response, next: NextFunction): void {\n    const key = req.user?.id ?? req.ip ?? 'unknown';\n    const now = Date.now();\n    const entry = hits.get(key);\n    if (!entry || entry.resetAt <= now) hits.set(key, { count: 1, resetAt: now + options.windowMs });\n    else if (++entry.count > options.max) {\n      res.set('Retry-After', String(Math.ceil((entry.resetAt - now) / 1000)));\n      return next(new HttpError(429, 'rate_limited', 'too many requests'));\n    }\n    next();\n  };\n}\n`,
  );
  write(
    'src/middleware/validate.ts',
    `import type { NextFunction, Request, Response } from 'express';\nimport { HttpError } from '../lib/http-error';\n\nexport type FieldType = 'string' | 'number' | 'boolean' | 'string[]';\nexport type Schema = Record<string, { type: FieldType; required?: boolean }>;\n\nexport function validateBody(schema: Schema) {\n  return function validate(req: Request, _res: Response, next: NextFunction): void {\n    const body = (req.body ?? {}) as Record<string, unknown>;\n    const problems: string[] = [];\n    for (const [field, rule] of Object.entries(schema)) {\n      const value = body[field];\n      if (value === undefined) {\n        if (rule.required) problems.push(\`\${field} is required\`);\n        continue;\n      }\n      const ok = rule.type === 'string[]' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === rule.type;\n      if (!ok) problems.push(\`\${field} must be \${rule.type}\`);\n    }\n    if (problems.length) return next(new HttpError(422, 'validation_failed', problems.join('; ')));\n    next();\n  };\n}\n`,
  );
  write(
    'src/middleware/errors.ts',
    `import type { NextFunction, Request, Response } from 'express';\nimport { HttpError } from '../lib/http-error';\nimport { logger } from '../lib/logger';\n\nexport function notFound(req: Request, res: Response): void {\n  res.status(404).json({ error: { code: 'not_found', message: \`Cannot \${req.method} \${req.path}\` } });\n}\n\nexport function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {\n  if (res.headersSent) return next(err);\n  if (err instanceof HttpError) {\n    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });\n    return;\n  }\n  logger.error({ requestId: req.id, err: String(err) }, 'unhandled error');\n  res.status(500).json({ error: { code: 'internal_error', message: 'something went wrong' } });\n}\n`,
  );

  const mounts: string[] = [];
  for (let a = 0; a < routers; a++) {
    const area = areaName(a);
    const areaId = camel(area);
    mounts.push(area);
    const controller: string[] = [
      `import type { NextFunction, Request, Response } from 'express';`,
      `import { HttpError } from '../lib/http-error';`,
      `import { logger } from '../lib/logger';`,
      `import { Repository, type ListFilter, type StoredRecord } from '../lib/repository';`,
      '',
      `export const ${areaId}Repository = new Repository('${area}');`,
      '',
    ];
    const index: string[] = [`import { Router } from 'express';`];
    const resources = Array.from({ length: 20 }, (_, i) => RESOURCES[(a * 7 + i * 3) % RESOURCES.length]!).map((res, i, all) => (all.indexOf(res) === i ? res : `${res}${i}`));
    for (const resource of resources) {
      const resId = camel(resource);
      const entity = `${cap(areaId)}${cap(singular(resId))}`;
      index.push(`import { router as ${resId}Router } from './${resource}';`);
      const specs = routesFor(r, area, resource, entity);
      routes += specs.length;
      controller.push(
        `export type ${entity}Status = 'draft' | 'active' | 'archived';`,
        `export interface ${entity}Input {`,
        ...FIELDS.filter(() => r.chance(0.5)).map((f) => `  ${f}?: ${f === 'tags' ? 'string[]' : f === 'amount' || f === 'quantity' ? 'number' : 'string'};`),
        `  status?: ${entity}Status;`,
        `}`,
        '',
        `export function to${entity}View(record: StoredRecord) {`,
        `  return { id: record.id, revision: record.revision ?? 1, owner: record.ownerId ?? null, links: { self: \`/api/${area}/${resource}/\${record.id}\` } };`,
        `}`,
        '',
      );
      const usedMiddleware = new Set(specs.flatMap((s) => s.middleware.map((m) => /^\w+/.exec(m)![0])));
      const fromController = specs.filter((s) => s.handler !== null).map((s) => s.handler!);
      const inlines = specs.filter((s) => s.handler === null);
      inlineHandlers += inlines.length;
      const file: string[] = [`import { Router, type NextFunction, type Request, type Response } from 'express';`];
      if (usedMiddleware.has('requireAuth') || usedMiddleware.has('requireRole')) file.push(`import { ${['requireAuth', 'requireRole'].filter((m) => usedMiddleware.has(m)).join(', ')} } from '../../middleware/auth';`);
      if (usedMiddleware.has('validateBody')) file.push(`import { validateBody, type Schema } from '../../middleware/validate';`);
      if (usedMiddleware.has('rateLimit')) file.push(`import { rateLimit } from '../../middleware/rate-limit';`);
      if (inlines.length) file.push(`import { HttpError } from '../../lib/http-error';`, `import { logger } from '../../lib/logger';`);
      const controllerImports = [...new Set([...fromController, ...(inlines.length ? [`${areaId}Repository`, `to${entity}View`] : []), ...(inlines.some((s) => s.method !== 'get') ? [`type ${entity}Input`] : [])])];
      file.push(`import { ${controllerImports.join(', ')} } from '../../controllers/${area}';`, '');
      if (usedMiddleware.has('validateBody')) {
        file.push(`const ${entity.toLowerCase()}Schema: Schema = {`, ...FIELDS.filter(() => r.chance(0.4)).map((f) => `  ${f}: { type: '${f === 'tags' ? 'string[]' : f === 'amount' || f === 'quantity' ? 'number' : 'string'}'${r.chance(0.3) ? ', required: true' : ''} },`), `};`, '');
      }
      file.push(`export const router = Router();`, '');
      for (const s of specs) {
        const args = [`'${s.path}'`, ...s.middleware];
        if (s.handler) {
          file.push(`router.${s.method}(${[...args, s.handler].join(', ')});`);
          controller.push(...controllerHandler(r, s.handler, s.method, area, resource, entity));
        } else {
          file.push(`router.${s.method}(${args.join(', ')}, async (req: Request, res: Response, next: NextFunction) => {`, ...s.inlineBody, `});`);
        }
        file.push('');
      }
      write(`src/routers/${area}/${resource}.ts`, file.join('\n'));
    }
    index.push('', 'export const router = Router();', '', ...resources.map((res) => `router.use('/${res}', ${camel(res)}Router);`), '');
    write(`src/routers/${area}/index.ts`, index.join('\n'));
    write(`src/controllers/${area}.ts`, controller.join('\n'));
  }

  write(
    'src/app.ts',
    [
      `import express from 'express';`,
      `import { errorHandler, notFound } from './middleware/errors';`,
      `import { requestId } from './middleware/request-id';`,
      ...mounts.map((area) => `import { router as ${camel(area)}Router } from './routers/${area}';`),
      '',
      `export const app = express();`,
      `app.set('trust proxy', true);`,
      `app.use(express.json({ limit: '1mb' }));`,
      `app.use(requestId);`,
      '',
      ...mounts.map((area) => `app.use('/api/${area}', ${camel(area)}Router);`),
      '',
      `app.use(notFound);`,
      `app.use(errorHandler);`,
      '',
    ].join('\n'),
  );
  write(
    'src/server.ts',
    `import { app } from './app';\nimport { logger } from './lib/logger';\n\nconst port = Number(process.env.PORT ?? 3000);\napp.listen(port, () => logger.info({ port }, 'listening'));\n`,
  );
  return { routeFiles: routers * 20, routes, inlineHandlers, files, bytes };
}
