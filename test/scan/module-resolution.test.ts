import { discoverFiles } from '../../src/discover';
import type { ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

/** Every route reachable from the first app: `METHOD /full/path -> router id`. */
function routes(model: ServiceModel): string[] {
  const out: string[] = [];
  const all = new Map([...model.apps, ...model.routers].map((r) => [r.id, r]));
  const walk = (id: string, prefix: string) => {
    for (const l of all.get(id)!.layers) {
      if (l.kind === 'route') out.push(`${l.method.toUpperCase()} ${prefix}${l.path}`);
      if (l.kind === 'mount') walk(l.routerId, prefix + (l.path ?? ''));
    }
  };
  walk(model.apps[0]!.id, '');
  return out;
}

const usersRouter = `import { Router } from 'express';
import { list } from '@/controllers/users';
export const users = Router();
users.get('/', list);
`;
const controller = `export function list(req: any, res: any) { res.json([]); }\n`;

describe('module resolution as the project resolves it', () => {
  it('follows tsconfig `paths` declared in an `extends` chain, and barrels', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'config/tsconfig.base.json': '{"compilerOptions":{"baseUrl":"../src","paths":{"@/*":["*"]}}}',
      'tsconfig.json': '{"extends":"./config/tsconfig.base.json","compilerOptions":{"strict":true}}',
      'src/app.ts': `import express from 'express';
import { users, health as healthRouter } from '@/routes';
import orders from 'routes/orders';
const app = express();
app.use('/users', users);
app.use('/health', healthRouter);
app.use('/orders', orders);
export default app;
`,
      'src/routes/index.ts': `export * from './users';\nexport { router as health } from './health';\n`,
      'src/routes/users.ts': usersRouter,
      'src/routes/health.ts': `import { Router } from 'express';\nexport const router = Router();\nrouter.get('/', (req, res) => { res.send('ok'); });\n`,
      'src/routes/orders.ts': `import { Router } from 'express';\nconst r = Router();\nr.get('/:id', (req, res) => { res.send(req.params.id); });\nexport default r;\n`,
      'src/controllers/users.ts': controller,
    });
    expect(model.diagnostics).toEqual([]);
    expect(routes(model)).toEqual(['GET /users/', 'GET /health/', 'GET /orders/:id']);
    const users = model.routers.find((r) => r.id === 'src/routes/users.ts#users')!;
    const route = users.layers[0]!;
    expect(route.kind === 'route' && route.handlers[0]!.source).toEqual({
      kind: 'import',
      ref: { from: 'src/controllers/users.ts', isPackage: false, exportName: 'list' },
    });
  });

  it('follows package.json `imports` and `.js` specifiers of TypeScript sources under node16', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","type":"module","imports":{"#routes/*":"./src/routes/*.js"},"dependencies":{"express":"^4"}}',
      'tsconfig.json': '{"compilerOptions":{"module":"node16","moduleResolution":"node16","paths":{"@/*":["./src/*"]}}}',
      'src/app.ts': `import express from 'express';
import { users } from '#routes/users';
import { ping } from './ping.js';
const app = express();
app.use('/users', users);
app.get('/ping', ping);
export default app;
`,
      'src/ping.ts': `export const ping = (req: any, res: any) => res.send('pong');\n`,
      'src/routes/users.ts': usersRouter.replace("'@/controllers/users'", "'@/controllers/users.js'"),
      'src/controllers/users.ts': controller,
    });
    expect(model.diagnostics).toEqual([]);
    expect(routes(model)).toEqual(['GET /users/', 'GET /ping']);
    const ping = model.apps[0]!.layers.find((l) => l.kind === 'route')!;
    expect(ping.kind === 'route' && ping.handlers[0]!.source).toEqual({ kind: 'import', ref: { from: 'src/ping.ts', isPackage: false, exportName: 'ping' } });
  });

  it('follows `imports` and index files in a JavaScript (CommonJS) service without tsconfig', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","imports":{"#lib/*":"./lib/*.js"},"dependencies":{"express":"^4"}}',
      'app.js': `const express = require('express');
const api = require('#lib/api');
const app = express();
app.use('/api', api);
module.exports = app;
`,
      'lib/api.js': `const { Router } = require('express');\nconst handlers = require('./handlers');\nconst r = Router();\nr.get('/items', handlers.list);\nmodule.exports = r;\n`,
      'lib/handlers/index.js': `exports.list = (req, res) => res.json([]);\n`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(routes(model)).toEqual(['GET /api/items']);
  });

  it('follows tsconfig `rootDirs`: a relative import that lands in another root', async () => {
    const model = await scan({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'tsconfig.json': '{"compilerOptions":{"rootDirs":["src","generated"]}}',
      'src/app.ts': `import express from 'express';
import { users } from './routes/users';
const app = express();
app.use('/users', users);
export default app;
`,
      // Written by a code generator beside src/, merged with it at build time.
      'generated/routes/users.ts': usersRouter.replace("'@/controllers/users'", "'../../src/controllers/users'"),
      'src/controllers/users.ts': controller,
    });
    expect(model.diagnostics).toEqual([]);
    expect(routes(model)).toEqual(['GET /users/']);
    expect(model.routers[0]!.file).toBe('generated/routes/users.ts');
  });

  it('follows package.json `exports` when the service imports itself by name (node16)', async () => {
    const model = await scan({
      'package.json': JSON.stringify({
        name: '@acme/orders',
        type: 'module',
        // What the package publishes: the build output, mapped back to the sources by tsconfig.
        exports: { '.': './dist/app.js', './routes/*': './dist/routes/*.js' },
        dependencies: { express: '^4' },
      }),
      'tsconfig.json': '{"compilerOptions":{"module":"node16","moduleResolution":"node16","rootDir":"src","outDir":"dist"}}',
      'src/app.ts': `import express from 'express';
import { users } from '@acme/orders/routes/users';
const app = express();
app.use('/users', users);
export default app;
`,
      'src/routes/users.ts': usersRouter.replace("'@/controllers/users'", "'../controllers/users.js'"),
      'src/controllers/users.ts': controller,
    });
    expect(model.diagnostics).toEqual([]);
    expect(routes(model)).toEqual(['GET /users/']);
  });
});
