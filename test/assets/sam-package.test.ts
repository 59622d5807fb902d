/**
 * Views, static files and data files read by path, packaged by SAM as the generated
 * template.yaml says (issue 13, item 3, `--iac sam`): functions with `BuildMethod: makefile`,
 * whose Makefile targets run the generated build script (bundle with the module-paths plugin,
 * copy the files beside the bundle).
 *
 * SAM CLI is not installed here and AWS is unreachable, so `sam build` is emulated as
 * aws-lambda-builders' custom make workflow (CustomMakeWorkflow) runs it: for every function
 * resource of template.yaml, CodeUri (`.`) is copied to a scratch folder (without `.aws-sam` and
 * `.git`, timestamps kept as shutil's copy2 keeps them; node_modules' links are copied as
 * links), and the real `make` runs `make -f <CodeUri>/Makefile build-<LogicalId>` there with
 * `ARTIFACTS_DIR=.aws-sam/build/<LogicalId>`. Each handler is then loaded from its artifact
 * folder as Lambda would (working directory = that folder, the file named by template.yaml's
 * Handler) and the fixtures' requests are replayed against them (HTTP API v2 and REST v1
 * events) and against the original server over HTTP: identical answers, rendered pages, static
 * file, 404 and error pages included; and swagger-ui-express, whose swagger-ui-dist finds its
 * files by its own `__dirname` (the package's folder copied, its source maps left out). The
 * control bundles the same function as SAM's esbuild build method did before (no plugin, no
 * copies): it cannot load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { loadCheck } from '../../src/migrate/load-check';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, fixtureRequests, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { ensureRuntimeBuilt, linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';
import { listPackageFiles } from '../behaviour/harness/workspace';
import { PACKAGED_FILES } from './views-fixtures';

jest.setTimeout(300000);
afterAll(removeTempDirs);

const FIXTURES = path.join(__dirname, 'fixtures');

interface Template {
  Resources: Record<string, { Type: string; Properties: { CodeUri?: string; Handler?: string }; Metadata?: { BuildMethod?: string } }>;
}

/** A temp copy of the fixture `name` (timestamps kept) with the packages it and its generated modules need linked. */
function copyFixture(name: string, into: string): string {
  fs.cpSync(path.join(FIXTURES, name), into, { recursive: true, preserveTimestamps: true });
  const nm = (pkg: string): string => path.join(REPO_ROOT, 'node_modules', pkg);
  linkNodeModules(into, [], { express: nm('express'), ejs: nm('ejs'), esbuild: nm('esbuild'), lambdashift: REPO_ROOT });
  return into;
}

/**
 * `sam build` for the makefile-built functions of `root`'s template.yaml, as aws-lambda-builders'
 * custom make workflow runs it; the bundles, each with its artifact folder as working directory.
 */
function samBuild(root: string, result: RunResult): DeployedBundle[] {
  const template = parse(fs.readFileSync(path.join(root, 'template.yaml'), 'utf8')) as Template;
  const bundles: DeployedBundle[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    expect(resource.Metadata?.BuildMethod).toBe('makefile');
    const codeUri = path.join(root, resource.Properties.CodeUri ?? '.');
    const scratch = makeTempDir(`sam-scratch-${id}-`);
    fs.cpSync(codeUri, scratch, { recursive: true, preserveTimestamps: true, filter: (src) => !['.aws-sam', '.git'].includes(path.basename(src)) });
    const artifacts = path.join(root, '.aws-sam', 'build', id);
    fs.mkdirSync(artifacts, { recursive: true });
    const make = spawnSync('make', ['-f', path.join(codeUri, 'Makefile'), `build-${id}`], { cwd: scratch, env: { ...process.env, ARTIFACTS_DIR: artifacts }, encoding: 'utf8' });
    if (make.status !== 0) throw new Error(`make build-${id} failed (${make.status}):\n${make.stdout}${make.stderr}`);
    // Lambda's Node runtime: Handler `lambda/http/getRoot.handler` is lambda/http/getRoot.js, .mjs or .cjs in /var/task.
    const handler = resource.Properties.Handler!;
    const stem = handler.slice(0, handler.lastIndexOf('.'));
    const file = ['.js', '.mjs', '.cjs'].map((e) => path.join(artifacts, stem + e)).find((f) => fs.existsSync(f));
    if (!file) throw new Error(`${id}: no ${stem}.js|.mjs|.cjs in ${artifacts}`);
    const fn = result.functions.find((f) => `${f.module.replace(/\.[^.]+$/, '')}.handler` === handler);
    if (!fn) throw new Error(`${id}: Handler ${handler} is no generated function`);
    bundles.push({ name: fn.name, module: fn.module, file, cwd: artifacts });
  }
  return bundles;
}

const SHAPES: Record<string, { functions: string[]; bundle: (stem: string) => string }> = {
  'express-views-cjs': { functions: ['AppFallbackFunction', 'GetApiItemsFunction', 'GetBrokenFunction', 'GetRootFunction'], bundle: (stem) => `${stem}.js` },
  'express-views-ts': { functions: ['AppFallbackFunction', 'GetApiItemsFunction', 'GetBrokenFunction', 'GetRootFunction'], bundle: (stem) => `${stem}.js` },
  'express-views-esm': { functions: ['AppFallbackFunction', 'GetApiItemsFunction', 'GetBrokenFunction', 'GetRootFunction'], bundle: (stem) => `${stem}.mjs` },
};

describe.each(Object.entries(SHAPES))('%s built by `sam build` (emulated) as template.yaml says', (name, shape) => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    ensureRuntimeBuilt();
    const parent = makeTempDir('lambdashift-sam-views-');
    original = copyFixture(name, path.join(parent, 'original'));
    copy = copyFixture(name, path.join(parent, 'migrated'));
    result = await migrate({ root: copy, iac: 'sam' });
    await applyChangeSet(result.changes, { force: true });
    bundles = samBuild(copy, result);
  });

  it('builds every function with its Makefile target, which puts the bundle at its Handler path and the files beside it', () => {
    const makefile = fs.readFileSync(path.join(copy, 'Makefile'), 'utf8');
    expect(bundles.map((b) => path.basename(b.cwd!)).sort()).toEqual(shape.functions);
    for (const b of bundles) {
      const stem = b.module.replace(/\.[^.]+$/, '');
      expect(makefile).toContain(`\tnode lambda/bundle-function.cjs ${b.module} "$(ARTIFACTS_DIR)"\n`);
      expect(listPackageFiles(b.cwd!).sort()).toEqual([shape.bundle(stem), ...PACKAGED_FILES].sort());
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code?.startsWith('iac/'))).toEqual([]);
  });

  it("the load check bundles with the build script's plugin and files, and loads every function", async () => {
    expect(await loadCheck(copy, result.functions.map((f) => ({ name: f.name, module: f.module })))).toEqual([]);
  });

  it('a second migrate run changes nothing', async () => {
    const again = await migrate({ root: copy, iac: 'sam' });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
  });

  it('the handlers, each in its artifact folder, answer like the original: page with a partial, JSON, static file, 404 page, error page', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

test("control: express-views-cjs bundled as SAM's esbuild build method did (no plugin, no copies) cannot load", async () => {
  const parent = makeTempDir('lambdashift-sam-control-');
  const copy = copyFixture('express-views-cjs', path.join(parent, 'migrated'));
  const result = await migrate({ root: copy, iac: 'sam' });
  await applyChangeSet(result.changes, { force: true });
  const module = 'lambda/http/appFallback.js';
  // Metadata BuildMethod esbuild, BuildProperties { Format: cjs, Target: node24, EntryPoints: [module] }: the bundle at the artifact's root.
  const artifacts = path.join(copy, '.aws-sam', 'build', 'AppFallbackFunction');
  const file = path.join(artifacts, 'appFallback.js');
  await build({ entryPoints: [path.join(copy, module)], absWorkingDir: copy, bundle: true, platform: 'node', format: 'cjs', target: 'node24', outfile: file, logLevel: 'silent' });
  const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
  const differences = await bundleDifferences(copy, copy, functions, [{ name: 'appFallback', module, file, cwd: artifacts }], fixtureRequests(copy), ['v2']);
  expect(differences[0]).toMatch(/^load lambda\/http\/appFallback\.js#handler: .*ENOENT.*catalog\.json/);
});

describe('express-swagger-docs (swagger-ui-dist finds its files by its own __dirname) built by `sam build` (emulated)', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];
  const fixture = path.join(FIXTURES, 'express-swagger-docs');
  // Copied, not linked, as swagger-package.test.ts explains: a package outside the service is not packaged.
  const COPIED = ['swagger-ui-express', 'swagger-ui-dist'];

  beforeAll(async () => {
    ensureRuntimeBuilt();
    const parent = makeTempDir('lambdashift-sam-swagger-');
    original = path.join(parent, 'original');
    copy = path.join(parent, 'migrated');
    fs.cpSync(fixture, original, { recursive: true });
    fs.cpSync(fixture, copy, { recursive: true });
    const nm = (pkg: string): string => path.join(REPO_ROOT, 'node_modules', pkg);
    linkNodeModules(original, [], Object.fromEntries(['express', ...COPIED].map((p) => [p, nm(p)])));
    linkNodeModules(copy, [], { express: nm('express'), esbuild: nm('esbuild'), lambdashift: REPO_ROOT });
    for (const name of COPIED) fs.cpSync(nm(name), path.join(copy, 'node_modules', name), { recursive: true, dereference: true, preserveTimestamps: true });
    result = await migrate({ root: copy, iac: 'sam' });
    await applyChangeSet(result.changes, { force: true });
    bundles = samBuild(copy, result);
  });

  it("puts swagger-ui-dist's folder (without source maps) beside each bundle, and nothing else of node_modules", () => {
    expect(bundles.map((b) => path.basename(b.cwd!)).sort()).toEqual(['AppFallbackFunction', 'GetApiDocsFunction', 'GetApiPetsFunction']);
    for (const b of bundles) {
      const files = listPackageFiles(b.cwd!);
      for (const f of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) expect(files).toContain(`node_modules/swagger-ui-dist/${f}`);
      expect(files.filter((f) => f.endsWith('.map') || (f.startsWith('node_modules/') && !f.startsWith('node_modules/swagger-ui-dist/')))).toEqual([]);
    }
    expect(result.diagnostics.filter((d) => d.code?.startsWith('iac/')).map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual(['app.js:19 info iac/package-assets', 'app.js:22 info iac/package-assets']);
  });

  it('the handlers, each in its artifact folder, answer like the original: docs page, assets, init script, bundle names, JSON route, 404', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});
