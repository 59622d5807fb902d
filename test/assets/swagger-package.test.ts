/**
 * swagger-ui-express, deployed as the generated serverless.yml says (issue 13, item 3). It
 * serves `require('swagger-ui-dist').absolutePath()`, the folder swagger-ui-dist finds by its own
 * `__dirname`: bundled, that is the bundle's folder, so the stylesheet and scripts answer the
 * docs page and `/docs/appFallback.js` answers the bundle itself. The fixture mounts the docs
 * in swagger-ui-express's two README shapes beside a JSON route; it is migrated with --write,
 * packaged by the real `osls` CLI (serverless-esbuild: `package.patterns` holds
 * swagger-ui-dist's folder, the generated esbuild plugin gives swagger-ui-dist that location),
 * the artifacts are unzipped into one folder standing for Lambda's /var/task and the requests
 * are replayed against the handlers loaded from there (HTTP API v2 and REST v1 events) and
 * against the original over HTTP: identical answers, bodies byte for byte. The control bundles
 * the same service with the plugin not told about swagger-ui-dist: the old failure. A third
 * mount serves swagger-ui-dist's folder itself (`express.static(swaggerUiDist.absolutePath())`).
 *
 * swagger-ui-express and swagger-ui-dist are copied (not linked) into the migrated service:
 * esbuild and Node resolve modules by their real path, and a package outside the service is
 * not packaged (the migration says so; see the scan test).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { modulePathsPluginSource } from '../../src/emit/iac/module-paths-plugin';
import { migrate } from '../../src/migrate/migrate';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, esbuildOptionsFrom, fixtureRequests } from '../behaviour/harness/deployed-bundles';
import { linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';
import { packageWithOsls, type OslsPackage } from '../behaviour/harness/osls-package';
import { replayHttp, serviceInfo } from '../behaviour/harness/service';
import { startServer } from '../behaviour/harness/processes';
import { installServiceModules } from '../e2e/offline';

jest.setTimeout(300000);

const FIXTURE = path.join(__dirname, 'fixtures/express-swagger-docs');
const COPIED = ['swagger-ui-express', 'swagger-ui-dist'];

let parent: string;
let original: string;
let copy: string;
let task: string;
let result: RunResult;
let packaged: OslsPackage;

beforeAll(async () => {
  parent = makeTempDir('lambdashift-swagger-');
  original = path.join(parent, 'original');
  copy = path.join(parent, 'migrated');
  task = path.join(parent, 'var-task');
  fs.cpSync(FIXTURE, original, { recursive: true });
  fs.cpSync(FIXTURE, copy, { recursive: true });
  linkNodeModules(original, [], Object.fromEntries(['express', ...COPIED].map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)])));
  installServiceModules(copy, [path.join(REPO_ROOT, 'node_modules')]);
  for (const name of COPIED) {
    fs.rmSync(path.join(copy, 'node_modules', name));
    fs.cpSync(path.join(REPO_ROOT, 'node_modules', name), path.join(copy, 'node_modules', name), { recursive: true, dereference: true, preserveTimestamps: true });
  }
  result = await migrate({ root: copy });
  await applyChangeSet(result.changes, { force: true });
  packaged = await packageWithOsls(copy, task, original, result);
});

afterAll(removeTempDirs);

const http = (): HttpFunctionEntry[] => result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');

it('packages swagger-ui-dist (without its source maps) and tells the esbuild plugin, saying so where the docs are mounted', () => {
  const yml = parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: { plugins: string } }; package: { patterns: string[] } };
  expect(yml.custom.esbuild.plugins).toBe('lambda/esbuild-plugins.cjs');
  expect(yml.package.patterns).toEqual(['node_modules/swagger-ui-dist/**', '!node_modules/swagger-ui-dist/**/*.map']);
  expect(fs.readFileSync(path.join(copy, 'lambda/esbuild-plugins.cjs'), 'utf8')).toContain('const PACKAGES = ["node_modules/swagger-ui-dist"];');
  const files = [...new Set(packaged.files)];
  for (const f of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png', 'oauth2-redirect.html']) expect(files).toContain(`node_modules/swagger-ui-dist/${f}`);
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  // Nothing else of node_modules: the code is in the bundles.
  expect(files.filter((f) => f.startsWith('node_modules/') && !f.startsWith('node_modules/swagger-ui-dist/'))).toEqual([]);
  expect(packaged.zips.map((z) => z.name)).toEqual(['appFallback.zip', 'getApiDocs.zip', 'getApiPets.zip']);
  const notes = result.diagnostics.filter((d) => d.code?.startsWith('iac/')).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);
  expect(notes).toEqual(['app.js:19:18 info iac/package-assets', 'app.js:22:31 info iac/package-assets']);
  expect((result.readiness ?? []).filter((f) => f.rule === 'static-files').map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`)).toEqual([
    'app.js:19:18 info',
    'app.js:20:22 info',
    'app.js:22:16 warning', // express.static: one invocation per file
    'app.js:22:31 info',
  ]);
  expect(result.diagnostics.find((d) => d.code === 'iac/package-assets')!.message).toMatch(/serverless\.yml packages node_modules\/swagger-ui-dist .*left out: \*\*\/\*\.map/);
});

it('the original serves the docs and their assets (so that equal answers mean working docs)', async () => {
  const info = serviceInfo(original);
  const server = await startServer(info.entry, info.child);
  try {
    const requests = fixtureRequests(original);
    const answers = await replayHttp(server, requests);
    const by = (name: string): { status: number; type: string; body: string } => {
      const a = answers[requests.findIndex((r) => r.name.startsWith(name))]!;
      return { status: a.status, type: String(a.headers['content-type']), body: a.body.toString('utf8') };
    };
    expect(by('docs stylesheet')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(by('docs stylesheet').body).toContain('.swagger-ui');
    expect(by('docs script bundle').body.length).toBeGreaterThan(1_000_000);
    expect(by('docs icon')).toMatchObject({ status: 200, type: 'image/png' });
    expect(by('docs script made from the spec').body).toContain('"title": "Pet Store"');
    expect(by('docs: the function').body).toContain('<title>Pet Store API</title>');
    expect(by('older docs link: the function')).toMatchObject({ status: 404, body: '{"message":"Not Found","path":"/api-docs/appFallback.js"}' });
    expect(by("swagger-ui-dist's own initializer").body).toContain('SwaggerUIBundle');
    expect(by("swagger-ui-dist's folder: the function")).toMatchObject({ status: 404, body: '{"message":"Not Found","path":"/ui/appFallback.js"}' });
  } finally {
    await server.stop();
  }
});

it('the unzipped handlers answer like the original: docs page, assets, init script, bundle names, JSON route, 404', async () => {
  expect(await bundleDifferences(original, task, http(), packaged.bundles, fixtureRequests(original))).toEqual([]);
});

it('control: bundled with the plugin not told about swagger-ui-dist, the assets are the page and the bundle is served', async () => {
  const settings = (parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: Record<string, unknown> } }).custom.esbuild;
  const pluginFile = path.join(copy, 'lambda/esbuild-plugins-without-packages.cjs');
  fs.writeFileSync(pluginFile, modulePathsPluginSource('lambda'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugins = require(pluginFile) as Plugin[];
  const bare = path.join(parent, 'bare');
  const module = 'lambda/http/appFallback.js';
  const outfile = path.join(bare, module);
  await build({ ...esbuildOptionsFrom(settings), plugins, entryPoints: [path.join(copy, module)], outfile, absWorkingDir: copy, logLevel: 'silent' });
  // swagger-ui-dist is packaged as before: only where the bundle looks for it differs.
  fs.cpSync(path.join(task, 'node_modules'), path.join(bare, 'node_modules'), { recursive: true });
  const requests = fixtureRequests(original).filter((r) => ['/docs/swagger-ui.css', '/api-docs/appFallback.js', '/ui/appFallback.js'].includes(r.path));
  const differences = await bundleDifferences(original, bare, http(), [{ name: 'appFallback', module, file: outfile }], requests, ['v2']);
  const text = differences.join('\n');
  expect(text).toMatch(/v2 docs stylesheet from swagger-ui-dist: header content-type: expected "text\/css; charset=utf-8", got "text\/html; charset=utf-8"/);
  expect(text).toMatch(/v2 older docs link: the function's bundle name is the app's 404: status: expected 404, got 200/);
  expect(text).toMatch(/v2 swagger-ui-dist's folder: the function's bundle name is the app's 404: status: expected 404, got 200/);
  // The function's own code, served to anyone who asks.
  expect(text).toContain(`the app's 404: header content-length: expected "57", got "${fs.statSync(outfile).size}"`);
});
