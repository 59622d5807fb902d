import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '../../src/migrate/migrate';
import { writeProject } from '../helpers/tmp-project';

describe('migrate: what a rewrite cannot do is not generated, nor deployed', () => {
  it('skips a function whose handler could not be exported, and leaves it out of serverless.yml', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
      'tsconfig.json': '{"compilerOptions":{"module":"commonjs","esModuleInterop":true}}',
      'src/routes.ts': `import express = require('express');
import { Router } from 'express';
function list(req: express.Request, res: express.Response) { res.json([]); }
export function ok(req: express.Request, res: express.Response) { res.json({}); }
const router = Router();
router.get('/items', list);
router.get('/ok', ok);
export = router;
`,
      'src/app.ts': `import express from 'express';
import routes = require('./routes');
const app = express();
app.use('/api', routes);
export default app;
`,
    });
    const result = await migrate({ root });
    const names = result.functions.map((f) => f.name);
    // The route of the skipped function stays with the whole-app function.
    expect(names).toEqual(['getApiOk', 'appFallback']);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'plan/function-skipped', message: expect.stringMatching(/^getApiItems is not generated: .*; appFallback serves its routes$/) }),
    );
    expect(result.routes?.map((r) => `${r.method} ${r.path} ${r.servedBy}`)).toEqual(['GET /api/items appFallback', 'GET /api/ok getApiOk']);
    expect(result.changes.get('lambda/http/getApiItems.ts')).toBeUndefined();
    const yml = result.changes.get('serverless.yml')!.after!;
    expect(yml).toContain('getApiOk:');
    expect(yml).not.toContain('getApiItems');
  });

  it('guards listen in a file a job module imports, even when no route is migrated', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","main":"server.js","dependencies":{"express":"^4.21.0","node-cron":"^4.0.0"}}',
      'server.js': `const express = require('express');
const cron = require('node-cron');
const app = express();
function nightly() {}
cron.schedule('0 3 * * *', nightly, { timezone: 'UTC' });
app.listen(3000);
module.exports = { nightly };
`,
    });
    const result = await migrate({ root });
    expect(result.functions.map((f) => f.name)).toEqual(['nightly']);
    const server = result.changes.get('server.js')!.after!;
    expect(server).toContain('if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  app.listen(3000);\n}');
    expect(fs.existsSync(path.join(root, 'lambda'))).toBe(false);
  });
});

describe('migrate: app state a generated function cannot carry', () => {
  it('leaves the routes of an app whose views setting the scan cannot prove to the original, each with a located reason', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
      'app.js': `const path = require('path');
const express = require('express');
const app = express();
let views = path.join(__dirname, 'views');
if (process.argv.includes('--theme')) views = path.join(__dirname, 'theme');
app.set('views', views);
app.set('view engine', 'pug');
app.get('/', (req, res) => res.render('index'));
app.get('/about', (req, res) => res.render('about'));
module.exports = app;
`,
    });
    const result = await migrate({ root });
    // The whole-app fallback serves them, from the complete app.
    expect(result.functions.map((f) => f.name)).toEqual(['appFallback']);
    const reasons = result.diagnostics.filter((d) => d.code === 'plan/setting-not-carried').map((d) => `${d.file}:${d.line} ${d.message}`);
    const why = "the app's setting `views` (not a literal value: it reads `views`, a variable the code changes after it is declared) at app.js:6:1 cannot be carried into a generated function";
    expect(reasons).toEqual([`app.js:8 GET / has no function of its own (${why}); the whole-app function serves it`, `app.js:9 GET /about has no function of its own (${why}); the whole-app function serves it`]);
    expect(result.changes.get('app.js')?.status ?? 'unchanged').toBe('unchanged');
  });

  it('carries a views setting built from __dirname (the issue\'s array of paths): split functions compute it from their own location', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
      'app.js': `const path = require('path');
const express = require('express');
const app = express();
app.set('views', [path.join(__dirname, '../custom/views'), path.join(__dirname, 'views')]);
app.set('view engine', 'pug');
app.get('/', (req, res) => res.render('index'));
module.exports = app;
`,
    });
    const result = await migrate({ root });
    expect(result.functions.map((f) => f.name)).toEqual(['getRoot', 'appFallback']);
    expect(result.diagnostics.filter((d) => d.code === 'plan/setting-not-carried')).toEqual([]);
    expect(result.changes.get('lambda/http/getRoot.js')!.after).toContain("app.set('views', [join(__dirname, '../../../custom/views'), join(__dirname, '../../views')]);");
  });
});

describe('migrate: app.locals set while configuring the app', () => {
  const files = (push: string): Record<string, string> => ({
    'package.json': '{"name":"svc","type":"module","dependencies":{"express":"^5.1.0"}}',
    'app.js': `import express from 'express';
import { helpers } from './helpers.js';
export const app = express();
app.locals.title = 'Shop';
Object.assign(app.locals, helpers);
app.locals.nav = [];
${push}
app.use((req, res, next) => {
  res.locals.user = req.get('x-user') ?? null;
  req.app.locals.hits = (req.app.locals.hits ?? 0) + 1;
  next();
});
app.get('/', (req, res) => res.json({ title: req.app.locals.title, nav: req.app.locals.nav }));
`,
    'helpers.js': 'export const helpers = { money: (n) => `$${n}` };\n',
  });

  it('leaves the routes to the whole-app function with a located reason when a write cannot be carried; per-request and res.locals writes are carried as code', async () => {
    const result = await migrate({ root: writeProject(files("app.locals.nav.push('home');")) });
    expect(result.functions.map((f) => f.name)).toEqual(['appFallback']);
    const reasons = result.diagnostics.filter((d) => d.code === 'plan/setting-not-carried').map((d) => `${d.file}:${d.line} ${d.message}`);
    expect(reasons).toEqual([
      "app.js:13 GET / has no function of its own (the app's `app.locals` write (it changes a value the locals hold) at app.js:7:1 cannot be carried into a generated function); the whole-app function serves it",
    ]);
  });

  it('makes the same writes in the split function, in order, with the imported values', async () => {
    const result = await migrate({ root: writeProject(files('')) });
    expect(result.functions.map((f) => f.name)).toEqual(['getRoot', 'appFallback']);
    const text = result.changes.get('lambda/http/getRoot.js')!.after!;
    expect(text).toContain("import { helpers } from '../../helpers.js';");
    expect(text).toContain("const app = express();\napp.locals.title = 'Shop';\nObject.assign(app.locals, helpers);\napp.locals.nav = [];\n");
  });
});
