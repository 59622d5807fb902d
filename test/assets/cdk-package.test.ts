/**
 * Views, templates, static files and data files read relative to `__dirname` (issue 13, item 3)
 * deployed by the CDK app lambdashift writes (`--iac cdk`). The views fixtures (see
 * views-fixtures.ts) are migrated with --write, the real `cdk synth` builds each function's code
 * asset with the generated bundle script (local bundling: no Docker), and each function is
 * found in cdk.out from the synthesized template (Code.S3Key `<hash>.zip` is `asset.<hash>`).
 * Every asset must hold its bundle at the handler's path and the files the code reads at their
 * original paths, nothing else; each handler is loaded from its own asset folder as Lambda loads
 * it from /var/task (working directory = that folder, the file the Handler names) and the
 * requests are replayed against them (HTTP API v2 and REST v1 events) and against the original
 * over HTTP: identical answers, rendered pages, static file, 404 and error pages included.
 * Also swagger-ui-express (fixture of swagger-package.test.ts), whose swagger-ui-dist finds its
 * files by its own `__dirname`: its folder (without source maps) is in each asset.
 * Control: the same app with the construct lambdashift wrote before (NodejsFunction, which
 * packages the esbuild bundle alone), synthesized in the same run, fails to load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { loadCheck } from '../../src/migrate/load-check';
import { renderCdkConstruct } from '../../src/emit/iac/cdk';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, fixtureRequests, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';
import { cdkSynth, installCdkApp, synthesizedFunctions, type SynthesizedFunction, type ToolRun } from '../e2e/cdk-app';
import { spec } from '../iac/fixtures';
import { keepOriginalTimes, listPackageFiles } from '../behaviour/harness/workspace';
import { copyViewsFixture, expectOriginalRendersEveryPage, PACKAGED_FILES, VIEWS_FIXTURES, VIEWS_SHAPES } from './views-fixtures';

jest.setTimeout(300000);

afterAll(removeTempDirs);

/** The stack of the control: the construct as lambdashift wrote it before (NodejsFunction), in the same app. */
const CONTROL_STACK = 'unpackaged-control';

/** Adds the control stack to the team's cdk/app.ts (an edit a team could make). */
function addControlStack(copy: string, result: RunResult): void {
  const fallback = result.functions.find((f) => f.name === 'appFallback')!;
  const construct = renderCdkConstruct(
    [spec({ name: fallback.name, module: fallback.module, description: 'the whole app', http: [{ method: 'ANY', path: '$default' }] })],
    { format: 'cdk', api: 'http', runtime: 'nodejs24.x' },
    { serviceName: 'control', outDir: 'lambda', moduleSystem: 'cjs' },
  );
  fs.writeFileSync(path.join(copy, 'cdk/control-functions.ts'), construct);
  fs.appendFileSync(
    path.join(copy, 'cdk/app.ts'),
    [
      "import { LambdashiftFunctions as Unpackaged } from './control-functions';",
      'class ControlStack extends cdk.Stack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    new Unpackaged(this, 'Functions');",
      '  }',
      '}',
      `new ControlStack(app, '${CONTROL_STACK}');`,
      '',
    ].join('\n'),
  );
}

/** The asset's files get the original's times: Last-Modified is the package's, not behaviour. */
function keepOriginalTimesIn(asset: string, original: string): void {
  for (const rel of listPackageFiles(asset)) keepOriginalTimes(path.join(asset, rel), original, rel);
}

/** The bundle a synthesized function's handler names in its asset (`lambda/http/x.handler` → `lambda/http/x.js|.mjs`), loaded with the asset as cwd. */
function bundleOf(fn: SynthesizedFunction, result: RunResult): DeployedBundle {
  const stem = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
  const rel = listPackageFiles(fn.assetDir).find((f) => f.replace(/\.m?js$/, '') === stem);
  if (!rel) throw new Error(`${fn.constructPath}: handler ${fn.handler} names no file of its asset`);
  const generated = result.functions.find((f) => f.module.replace(/\.[^./]+$/, '') === stem);
  if (!generated) throw new Error(`${fn.constructPath}: handler ${fn.handler} is no generated module's`);
  return { name: generated.name, module: generated.module, file: path.join(fn.assetDir, rel), cwd: fn.assetDir };
}

const FIXTURES = ['express-views-cjs', 'express-views-esm'] as const;

describe.each(FIXTURES)('%s deployed by the generated CDK app (cdk synth, local bundling)', (name) => {
  const shape = VIEWS_SHAPES[name]!;
  const stack = `${name}-dev`;
  let original: string;
  let copy: string;
  let result: RunResult;
  let second: RunResult;
  let synth: ToolRun;
  let functions: SynthesizedFunction[] = [];
  let control: SynthesizedFunction[] = [];

  beforeAll(async () => {
    ({ original, copy } = copyViewsFixture(name, makeTempDir('lambdashift-cdk-views-')));
    result = await migrate({ root: copy, iac: 'cdk' });
    await applyChangeSet(result.changes, { force: true });
    second = await migrate({ root: copy, iac: 'cdk' });
    if (name === 'express-views-cjs') addControlStack(copy, result);
    installCdkApp(copy);
    synth = cdkSynth(copy);
    if (synth.status !== 0) return;
    functions = synthesizedFunctions(copy, stack);
    for (const fn of functions) keepOriginalTimesIn(fn.assetDir, original);
    if (name === 'express-views-cjs') control = synthesizedFunctions(copy, CONTROL_STACK);
  }, 600000);

  it('synthesizes without Docker, and reports nothing unpackaged', () => {
    expect({ status: synth.status, output: synth.status === 0 ? '' : synth.output }).toEqual({ status: 0, output: '' });
    expect(synth.output).not.toMatch(/docker/i);
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code?.startsWith('iac/'))).toEqual([]);
    const written = result.changes.entries().map((c) => c.path);
    expect(written).toEqual(expect.arrayContaining(['cdk/lambdashift-functions.ts', 'lambda/bundle-function.cjs', 'lambda/esbuild-plugins.cjs']));
    // The construct, the script and the plugin read __dirname themselves: a second run must not take them for the app's.
    expect(second.changes.pending().map((c) => `${c.status} ${c.path}`)).toEqual([]);
  });

  it('gives each function a code asset holding its bundle at the handler path and the files the code reads at theirs', () => {
    expect(functions.map((f) => f.handler).sort()).toEqual(shape.bundles.map((b) => `${b.replace(/\.m?js$/, '')}.handler`).sort());
    for (const fn of functions) {
      const bundle = shape.bundles.find((b) => fn.handler.startsWith(`${b.replace(/\.m?js$/, '')}.`))!;
      expect({ handler: fn.handler, files: listPackageFiles(fn.assetDir).sort() }).toEqual({ handler: fn.handler, files: [...PACKAGED_FILES, bundle].sort() });
      expect(fn.runtime).toBe('nodejs24.x');
    }
  });

  it('the original renders every page (so that equal answers mean rendered pages)', async () => {
    await expectOriginalRendersEveryPage(original);
  });

  it('the handlers, loaded from their code assets, answer like the original: page with a partial, JSON, static file, 404 page, error page', async () => {
    const http = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    const bundles = functions.map((fn) => bundleOf(fn, result));
    expect(await bundleDifferences(original, copy, http, bundles, fixtureRequests(original))).toEqual([]);
  });

  it('the load check of migrate --write bundles as the construct does (the script\'s plugin and files) and loads every function', async () => {
    expect(await loadCheck(copy, result.functions.map((f) => ({ name: f.name, module: f.module })))).toEqual([]);
  });

  if (name === 'express-views-cjs') {
    it('control: with NodejsFunction (the esbuild bundle alone) the same function fails to load', async () => {
      expect(control).toHaveLength(1);
      const [fn] = control;
      expect(fn!.handler).toBe('index.handler');
      expect(listPackageFiles(fn!.assetDir)).toEqual(['index.js']);
      const http = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
      const bundle = { name: 'appFallback', module: http.find((f) => f.name === 'appFallback')!.module, file: path.join(fn!.assetDir, 'index.js'), cwd: fn!.assetDir };
      // A request the whole-app function serves (the home page has a function of its own).
      const differences = await bundleDifferences(original, copy, http, [bundle], fixtureRequests(original).filter((r) => r.name === 'not found page'), ['v2']);
      expect(differences[0]).toMatch(/^load lambda\/http\/appFallback\.js#handler: .*ENOENT.*catalog\.json/);
    });
  }
});

describe('express-swagger-docs deployed by the generated CDK app: swagger-ui-dist finds its files by its own __dirname', () => {
  const COPIED = ['swagger-ui-express', 'swagger-ui-dist'];
  let original: string;
  let copy: string;
  let result: RunResult;
  let synth: ToolRun;
  let functions: SynthesizedFunction[] = [];

  beforeAll(async () => {
    const parent = makeTempDir('lambdashift-cdk-swagger-');
    original = path.join(parent, 'original');
    copy = path.join(parent, 'migrated');
    const fixture = path.join(VIEWS_FIXTURES, 'express-swagger-docs');
    fs.cpSync(fixture, original, { recursive: true });
    fs.cpSync(fixture, copy, { recursive: true });
    linkNodeModules(original, [], Object.fromEntries(['express', ...COPIED].map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)])));
    installCdkApp(copy);
    // Installed inside the service (a link out of it would be a package outside the service).
    for (const name of COPIED) {
      fs.rmSync(path.join(copy, 'node_modules', name));
      fs.cpSync(path.join(REPO_ROOT, 'node_modules', name), path.join(copy, 'node_modules', name), { recursive: true, dereference: true, preserveTimestamps: true });
    }
    result = await migrate({ root: copy, iac: 'cdk' });
    await applyChangeSet(result.changes, { force: true });
    synth = cdkSynth(copy);
    if (synth.status !== 0) return;
    functions = synthesizedFunctions(copy, 'express-swagger-docs-dev');
    for (const fn of functions) keepOriginalTimesIn(fn.assetDir, original);
  }, 600000);

  it("puts swagger-ui-dist's folder (without source maps) beside each bundle, and nothing else of node_modules", () => {
    expect({ status: synth.status, output: synth.status === 0 ? '' : synth.output }).toEqual({ status: 0, output: '' });
    expect(functions.map((f) => f.handler).sort()).toEqual(['lambda/http/appFallback.handler', 'lambda/http/getApiDocs.handler', 'lambda/http/getApiPets.handler']);
    for (const fn of functions) {
      const files = listPackageFiles(fn.assetDir);
      for (const f of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) expect(files).toContain(`node_modules/swagger-ui-dist/${f}`);
      expect(files.filter((f) => f.endsWith('.map') || (f.startsWith('node_modules/') && !f.startsWith('node_modules/swagger-ui-dist/')))).toEqual([]);
    }
    expect(result.diagnostics.filter((d) => d.code?.startsWith('iac/')).map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual(['app.js:19 info iac/package-assets', 'app.js:22 info iac/package-assets']);
  });

  it('the handlers, loaded from their code assets, answer like the original: docs page, assets, init script, JSON route, 404', async () => {
    const http = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    const bundles = functions.map((fn) => bundleOf(fn, result));
    expect(await bundleDifferences(original, copy, http, bundles, fixtureRequests(original))).toEqual([]);
  });
});
