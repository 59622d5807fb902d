/**
 * Views, templates, static files and data files read relative to `__dirname`, and the view
 * engine Express `require`s lazily (issue 13, item 3). The fixture is express-generator's
 * shape: `app.set('views', path.join(__dirname, 'views'))`, ejs with an `include`d partial,
 * `express.static(path.join(__dirname, 'public'))`, a 404 page, an error page, a JSON route and
 * a data file a router reads at load (also in TypeScript, and as ES modules with Express's
 * default views folder and split functions). Each is migrated with --write, packaged by the real `osls`
 * CLI (serverless-esbuild, as the generated serverless.yml says), every artifact is unzipped
 * into one folder standing for Lambda's /var/task, the handlers are loaded from there with
 * Lambda's environment (cwd = that folder) and the requests are replayed against them (HTTP
 * API v2 and REST v1 events) and against the original server over HTTP: identical answers.
 * Without the generated esbuild plugin and packaging patterns, the same bundle fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { loadCheck } from '../../src/migrate/load-check';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, esbuildOptionsFrom, fixtureRequests, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { ensureRuntimeBuilt, linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';
import { installServiceModules } from '../e2e/offline';
import { packageWithOsls } from '../behaviour/harness/osls-package';
import { copyViewsFixture, expectOriginalRendersEveryPage, PACKAGED_FILES, VIEWS_FIXTURES, VIEWS_SHAPES } from './views-fixtures';

jest.setTimeout(300000);

const FIXTURE = path.join(VIEWS_FIXTURES, 'express-views-cjs');

afterAll(removeTempDirs);

describe.each(Object.entries(VIEWS_SHAPES))('%s packaged by osls as serverless.yml says', (name, shape) => {
  let original: string;
  let copy: string;
  let task: string;
  let result: RunResult;
  let bundles: DeployedBundle[];
  let packaged: string[];

  beforeAll(async () => {
    const parent = makeTempDir('lambdashift-views-');
    ({ original, copy } = copyViewsFixture(name, parent));
    task = path.join(parent, 'var-task');
    result = await migrate({ root: copy });
    await applyChangeSet(result.changes, { force: true });
    installServiceModules(copy, [path.join(REPO_ROOT, 'node_modules')]);
    ({ files: packaged, bundles } = await packageWithOsls(copy, task, original, result));
  });

  it('packages the views, public files and data file at their original paths, and registers the engine the bundle needs', () => {
    const yml = parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: { plugins: string } }; package: { patterns: string[] } };
    expect(yml.custom.esbuild.plugins).toBe('lambda/esbuild-plugins.cjs');
    expect(yml.package.patterns).toEqual(['data/catalog.json', 'public/**', 'views/**']);
    // Each function's zip holds its bundle and the same files: unzipped together, each once.
    expect([...new Set(packaged)].sort()).toEqual([...PACKAGED_FILES, ...shape.bundles].sort());
    for (const fn of result.functions) {
      const text = fs.readFileSync(path.join(copy, fn.module), 'utf8');
      expect(text).toContain(shape.engineImport);
      expect(text).toContain("app.engine('.ejs', ejs.__express);");
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code?.startsWith('iac/'))).toEqual([]);
  });

  it('the original renders every page (so that equal answers mean rendered pages)', async () => {
    await expectOriginalRendersEveryPage(original);
  });

  it('the unzipped handlers answer like the original: page with a partial, JSON, static file, 404 page, error page', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, task, functions, bundles, fixtureRequests(original))).toEqual([]);
  });

  it('the load check bundles as serverless.yml says (plugin included) and loads every function', async () => {
    expect(await loadCheck(copy, result.functions.map((f) => ({ name: f.name, module: f.module })))).toEqual([]);
  });
});

describe('controls: express-views-cjs bundled without what the fix adds', () => {
  let parent: string;
  let copy: string;
  let result: RunResult;
  let settings: Record<string, unknown>;
  const module = 'lambda/http/appFallback.js';

  beforeAll(async () => {
    parent = makeTempDir('lambdashift-views-control-');
    copy = path.join(parent, 'migrated');
    fs.cpSync(FIXTURE, copy, { recursive: true });
    ensureRuntimeBuilt();
    linkNodeModules(copy, [], { express: path.join(REPO_ROOT, 'node_modules/express'), ejs: path.join(REPO_ROOT, 'node_modules/ejs'), lambdashift: REPO_ROOT });
    result = await migrate({ root: copy });
    await applyChangeSet(result.changes, { force: true });
    settings = (parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: Record<string, unknown> } }).custom.esbuild;
  });

  const replay = async (task: string, file: string, requests = fixtureRequests(copy)): Promise<string[]> => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    return bundleDifferences(copy, task, functions, [{ name: 'appFallback', module, file }], requests, ['v2']);
  };

  it('without the esbuild plugin and the patterns, the data file is not found: loading fails', async () => {
    const { plugins, ...without } = settings;
    expect(plugins).toBe('lambda/esbuild-plugins.cjs');
    const task = path.join(parent, 'bare');
    const outfile = path.join(task, module);
    await build({ ...esbuildOptionsFrom(without), entryPoints: [path.join(copy, module)], outfile, absWorkingDir: copy, logLevel: 'silent' });
    expect((await replay(task, outfile))[0]).toMatch(/^load lambda\/http\/appFallback\.js#handler: .*ENOENT.*catalog\.json/);
  });

  it('without the engine registration, the bundle cannot load ejs: the 404 page is a 500', async () => {
    const text = fs.readFileSync(path.join(copy, module), 'utf8');
    const without = text.replace(/^const ejs = require\('ejs'\);\n/m, '').replace(/^\/\/ Express would require.*\n^app\.engine\(.*\n/m, '');
    expect(without).not.toContain('ejs');
    const entry = path.join(copy, 'lambda/http/withoutEngine.js');
    fs.writeFileSync(entry, without);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugins = require(path.join(copy, String(settings.plugins))) as Plugin[];
    const task = path.join(parent, 'no-engine');
    const outfile = path.join(task, module);
    await build({ ...esbuildOptionsFrom(settings), plugins, entryPoints: [entry], outfile, absWorkingDir: copy, logLevel: 'silent' });
    for (const dir of ['views', 'public', 'data']) fs.cpSync(path.join(copy, dir), path.join(task, dir), { recursive: true });
    // The 404 page: rendered by the whole-app function (the home page has a function of its own).
    const differences = await replay(task, outfile, fixtureRequests(copy).filter((r) => r.name === 'not found page'));
    expect(differences.join('\n')).toMatch(/status: expected 404, got 500/);
  });
});
