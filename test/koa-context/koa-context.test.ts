/**
 * Koa `app.context` extensions (issue 13): each split function builds its own Koa app, so what
 * the original puts on `app.context` (`ctx.db`, `ctx.log`, `ctx.render`) must be there too.
 * koa-context-cjs assigns an imported module (`db`), a module-level binding of the app file
 * (`logger`, exported by the rewrite) and an imported function (`render`): each generated module
 * assigns the same binding, and the functions, bundled as the generated serverless.yml says,
 * answer like the original (JSON, a rendered page, 404, 405, unmatched). A value computed where
 * it is assigned (`new Map()`) would be another object in each function: the app's routes stay
 * with the whole-app function, with a located reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { migrate } from '../../src/migrate/migrate';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, fixtureRequests, migrateAndBundle, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { removeTempDirs } from '../behaviour/harness';
import { writeProject } from '../helpers/tmp-project';

jest.setTimeout(180000);

afterAll(removeTempDirs);

describe('koa-context-cjs', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    ({ original, copy, result, bundles } = await migrateAndBundle(path.join(__dirname, 'fixtures', 'koa-context-cjs'), ['koa', '@koa/router']));
  });

  it('splits the routes and assigns the same bindings to each function’s app.context', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.functions.map((f) => f.name).sort()).toEqual(['appFallback', 'getBooks', 'getBooksById']);
    const module = fs.readFileSync(path.join(copy, result.functions.find((f) => f.name === 'getBooksById')!.module), 'utf8');
    expect(module).toContain("const { logger, getByIdHandler } = require('../../src/app.js');\nconst db = require('../../src/db.js');\nconst { render } = require('../../src/render.js');");
    expect(module).toContain('const app = new Koa();\napp.context.db = db;\napp.context.log = logger;\napp.context.render = render;\n');
  });

  it('the bundles answer like the original over HTTP (v2 and v1 events), pages and unmatched requests included', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

it('a context value computed where it is assigned keeps the app’s routes in the whole-app function, with the reason', async () => {
  const root = writeProject({
    'package.json': '{"name":"svc","main":"app.js","dependencies":{"koa":"^3.0.0","@koa/router":"^15.0.0"}}',
    'app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const app = new Koa();
app.context.cache = new Map();
const router = new Router();
router.get('/hits', (ctx) => {
  ctx.cache.set('hits', (ctx.cache.get('hits') ?? 0) + 1);
  ctx.body = { hits: ctx.cache.get('hits') };
});
app.use(router.routes());
module.exports = app;
app.listen(3000);
`,
  });
  fs.symlinkSync(path.resolve(__dirname, '../../node_modules'), path.join(root, 'node_modules'), 'dir');
  const result = await migrate({ root });
  expect(result.functions.map((f) => f.name)).toEqual(['appFallback']);
  const notCarried = result.diagnostics.filter((d) => d.code === 'plan/setting-not-carried');
  expect(notCarried.map((d) => `${d.file}:${d.line}`)).toEqual(['app.js:6']);
  expect(notCarried[0]!.message).toMatch(/`app\.context\.cache` value \(computed where it is assigned; a generated function would compute another one\) at app\.js:4:1/);
});
