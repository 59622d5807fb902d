/**
 * Never a silent zero (issue 12): where `migrate` is run decides what it reads, and a run that
 * finds nothing in a service that depends on a framework says so with its exit code.
 */
import { findEntryPoints } from '../../src/scan/entry-graph';
import { writeProject } from '../helpers/tmp-project';
import { runCli } from './capture';

const router = `const { Router } = require('express');\nconst r = Router();\nr.get('/', (req, res) => res.send('ok'));\nmodule.exports = r;\n`;
const app = `const express = require('express');\nconst app = express();\napp.use('/items', require('./routes/items'));\nmodule.exports = app;\n`;

describe('migrate: service root, entry graph and silent zeros', () => {
  it('exits 2 with what to run instead in a folder without package.json (a src folder)', async () => {
    const root = writeProject({ 'package.json': '{"name":"svc","dependencies":{"express":"^4"}}', 'src/app.js': app, 'src/routes/items.js': router });
    const r = await runCli(['migrate', 'src'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('src has no package.json; it belongs to the service in .: run lambdashift migrate .');
  });

  it('exits 2 in the parent folder of services, naming each service', async () => {
    const root = writeProject({
      'package.json': '{"name":"monorepo","private":true,"workspaces":["services/*"]}',
      'services/orders/package.json': '{"name":"orders","dependencies":{"express":"^4"}}',
      'services/orders/app.js': app,
      'services/billing/package.json': '{"name":"billing","dependencies":{"koa":"^2"}}',
    });
    const r = await runCli(['migrate', '.'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds 2 services below it (services/billing, services/orders)');
    expect(r.stderr).toContain('lambdashift migrate services/billing services/orders');
  });

  it('exits 1 with a located hint when the service depends on express but no app is found', async () => {
    const root = writeProject({
      'package.json': '{\n  "name": "svc",\n  "main": "index.js",\n  "dependencies": {\n    "express": "^4"\n  }\n}\n',
      'index.js': `const start = require('./start');\nstart();\n`,
      'start.js': `module.exports = () => {};\n`,
    });
    const r = await runCli(['migrate', '.'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/package\.json:5:5: error: the service depends on express but no app, router or job was found in the files reached from index\.js; .*--entry/);
  });

  it('scans only what the entry points reach: tests and unreached files are not rewritten, unreached framework files are reported', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","main":"src/server.js","dependencies":{"express":"^4"}}',
      'src/server.js': `const app = require('./app');\napp.listen(3000);\n`,
      'src/app.js': app,
      'src/routes/items.js': router,
      'src/routes/items.test.js': `const express = require('express');\ndescribe('items', () => { beforeAll(() => { const a = express(); a.get('/t', (req, res) => res.end()); }); });\n`,
      'test/helpers.js': `const express = require('express');\nconst a = express();\na.get('/x', (req, res) => res.end());\n`,
      'src/legacy.js': `const express = require('express');\nconst old = express.Router();\nold.get('/old', (req, res) => res.end());\nmodule.exports = old;\n`,
    });
    const r = await runCli(['migrate', '.', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; status: string }>; diagnostics: Array<{ file: string; code: string }> };
    const touched = report.files.filter((f) => f.status !== 'unchanged').map((f) => f.path);
    expect(touched.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual(['src/routes/items.js', 'src/server.js']);
    expect(touched).toContain('lambda/http/getItems.js');
    expect(report.diagnostics.map((d) => `${d.file} ${d.code}`)).toContain('src/legacy.js scan/unreached-file');
    expect(report.diagnostics.some((d) => d.file.includes('test'))).toBe(false);

    const withEntry = await runCli(['migrate', '.', '--format', 'json', '--entry', 'src/legacy.js', '--entry', 'src/server.js'], { cwd: root });
    const again = JSON.parse(withEntry.stdout) as { diagnostics: Array<{ file: string; code: string; message: string }> };
    expect(again.diagnostics.filter((d) => d.code === 'scan/unreached-file')).toEqual([]);
  });

  it('starts from the common entry names when package.json names none, and reports the framework files they do not reach', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4"}}',
      'src/server.js': `const app = require('./app');\napp.listen(3000);\n`,
      'src/app.js': app,
      'src/routes/items.js': router,
      'tools/demo.js': `const express = require('express');\nconst demo = express();\ndemo.get('/demo', (req, res) => res.end());\n`,
    });
    const r = await runCli(['migrate', '.', '--format', 'json'], { cwd: root });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { functions: Array<{ method: string; path: string }>; diagnostics: Array<{ file: string; line: number; code: string; message: string }> };
    expect(report.functions.map((f) => `${f.method} ${f.path}`)).toContain('GET /items');
    expect(report.functions.some((f) => f.path === '/demo')).toBe(false);
    const unreached = report.diagnostics.filter((d) => d.code === 'scan/unreached-file');
    expect(unreached.map((d) => `${d.file}:${d.line}`)).toEqual(['tools/demo.js:1']);
    expect(unreached[0]!.message).toContain('not reached from the entry points (src/server.js, src/app.js)');
  });

  it.each([
    [['src/index.ts', 'src/app.ts', 'src/routes.ts'], ['src/index.ts', 'src/app.ts']],
    [['src/main.ts'], ['src/main.ts']],
    [['server.js', 'lib/app.js'], ['server.js']],
    [['app.mjs', 'index.cjs'], ['index.cjs', 'app.mjs']],
    [['lib/app.js'], []],
  ])('common entry names: %j start from %j', (files, expected) => {
    const root = writeProject({ 'package.json': '{"name":"svc"}', ...Object.fromEntries(files.map((f) => [f, '\n'])) });
    expect(findEntryPoints(root)).toEqual(expected);
  });

  it('uses no common name when package.json declares an entry', () => {
    const root = writeProject({ 'package.json': '{"name":"svc","scripts":{"dev":"tsx watch src/main.ts"}}', 'src/main.ts': '\n', 'src/index.ts': '\n' });
    expect(findEntryPoints(root)).toEqual(['src/main.ts']);
  });

  it('rewrites no source when no split function is generated (the whole-app fallback needs none here)', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","main":"app.ts","dependencies":{"express":"^4"}}',
      'tsconfig.json': '{"compilerOptions":{"strict":true,"esModuleInterop":true}}',
      // Every route goes through the inline middleware, which cannot be extracted from a file
      // with `export =`: no function is generated, so users.ts must not get its export either.
      'app.ts': `import express = require('express');
import users from './users';
const app = express();
app.use((req: express.Request, res: express.Response, next: express.NextFunction) => next());
app.use('/users', users);
export = app;
`,
      'users.ts': `import express = require('express');
const router = express.Router();
function list(req: express.Request, res: express.Response) { res.json([]); }
router.get('/', list);
export default router;
`,
    });
    const r = await runCli(['migrate', '.', '--format', 'json'], { cwd: root });
    const report = JSON.parse(r.stdout) as { files: Array<{ path: string; status: string }>; diagnostics: Array<{ code: string }> };
    expect(report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['rewrite/refused', 'plan/function-skipped']));
    const changed = report.files.filter((f) => f.status !== 'unchanged').map((f) => f.path);
    expect(changed.filter((f) => /\.ts$/.test(f) && !f.startsWith('lambda/'))).toEqual([]);
    // Every request still answered: by the complete app, which is already exported.
    expect(changed).toContain('lambda/http/appFallback.ts');
  });
});
