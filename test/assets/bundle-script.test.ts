/**
 * The generated build script (`lambda/bundle-function.cjs`, SAM `BuildMethod: makefile` and
 * CDK bundling) run as the Makefile runs it, with the real esbuild, on a tiny TypeScript (CJS)
 * and ES module project that reads views, a data file and a package's asset by `__dirname` /
 * `import.meta.url`: the bundle lands at its handler's path, the selected files beside it
 * (negated ones left out, modification times kept), and the bundle run from the output folder
 * reads them there. Bad input exits 1 with one line naming what failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { bundleScriptPath, bundleScriptSource, type BundleScriptSettings } from '../../src/emit/iac/bundle-script';
import { modulePathsPluginPath, modulePathsPluginSource } from '../../src/emit/iac/module-paths-plugin';
import { linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';

jest.setTimeout(120000);
afterAll(removeTempDirs);

// As plan/assets.ts writes them: folders, a file, a package's folder, then exclusions (source maps, drafts).
const PATTERNS = ['data/catalog.json', 'node_modules/fake-ui/dist/**', 'views/**', '!node_modules/fake-ui/dist/**/*.map', '!views/drafts/**'];

const SHARED: Record<string, string> = {
  'views/index.html': '<h1>Shop</h1>\n',
  'views/partials/head.html': '<title>Shop</title>\n',
  'views/drafts/wip.html': 'not for production\n',
  'data/catalog.json': '{ "items": [1, 2, 3] }\n',
  'node_modules/fake-ui/dist/ui.css': 'body { margin: 0 }\n',
  'node_modules/fake-ui/dist/maps/ui.css.map': '{}\n',
  'node_modules/fake-ui/package.json': '{ "name": "fake-ui", "version": "1.0.0" }\n',
};

const CJS: Record<string, string> = {
  ...SHARED,
  'src/app.ts': [
    "import * as fs from 'node:fs';",
    "import * as path from 'node:path';",
    "const views = path.join(__dirname, '..', 'views');",
    "export const render = (name: string): string => fs.readFileSync(path.join(views, name), 'utf8');",
    "export const catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '../data/catalog.json'), 'utf8')) as { items: number[] };",
    "export const css = fs.readFileSync(path.join(__dirname, '../node_modules/fake-ui/dist/ui.css'), 'utf8');",
  ].join('\n'),
  'lambda/http/getUsers.ts': [
    "import { catalog, css, render } from '../../src/app';",
    "export const handler = async () => ({ page: render('index.html') + render('partials/head.html'), items: catalog.items.length, css });",
  ].join('\n'),
};

const ESM: Record<string, string> = {
  ...SHARED,
  'package.json': '{ "name": "shop", "type": "module" }\n',
  'src/app.js': [
    "import fs from 'node:fs';",
    "const read = (rel) => fs.readFileSync(new URL(rel, import.meta.url), 'utf8');",
    "export const render = (name) => read('../views/' + name);",
    "export const catalog = JSON.parse(read('../data/catalog.json'));",
    "export const css = read('../node_modules/fake-ui/dist/ui.css');",
  ].join('\n'),
  'lambda/http/getUsers.js': [
    "import { catalog, css, render } from '../../src/app.js';",
    "export const handler = async () => ({ page: render('index.html') + render('partials/head.html'), items: catalog.items.length, css });",
  ].join('\n'),
};

/** A project holding `files`, the generated plugin and build script in lambda/, esbuild linked from the repository. */
function project(files: Record<string, string>, settings: BundleScriptSettings): string {
  const root = makeTempDir('bundle-script-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  fs.writeFileSync(path.join(root, modulePathsPluginPath('lambda')), modulePathsPluginSource('lambda'));
  fs.writeFileSync(path.join(root, bundleScriptPath('lambda')), bundleScriptSource('lambda', settings));
  linkNodeModules(root, [], { esbuild: path.join(REPO_ROOT, 'node_modules/esbuild') });
  return root;
}

/** Runs the script as the Makefile does (`node lambda/bundle-function.cjs <entry> <out>`, cwd = the root). */
function runScript(root: string, entry: string, out: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [bundleScriptPath('lambda'), entry, out], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

/** Root-relative files under `dir`, following no links (node_modules here is real). */
function listFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, child) : [child];
  });
}

const COPIED = ['data/catalog.json', 'node_modules/fake-ui/dist/ui.css', 'views/index.html', 'views/partials/head.html'];
const ANSWER = { page: '<h1>Shop</h1>\n<title>Shop</title>\n', items: 3, css: 'body { margin: 0 }\n' };

/** The original's files moved away: the bundle can only read what was copied. */
function moveSources(root: string): void {
  for (const dir of ['views', 'data']) fs.renameSync(path.join(root, dir), path.join(root, `${dir}-moved`));
  fs.renameSync(path.join(root, 'node_modules/fake-ui'), path.join(root, 'node_modules/fake-ui-moved'));
}

test('CommonJS: the bundle at its handler path, the selected files beside it, read from there', () => {
  const root = project(CJS, { patterns: PATTERNS, moduleSystem: 'cjs', target: 'node20' });
  const out = path.join(makeTempDir('bundle-script-out-'), 'artifacts');
  expect(runScript(root, 'lambda/http/getUsers.ts', out)).toEqual({ status: 0, stderr: '' });
  expect(listFiles(out).sort()).toEqual(['lambda/http/getUsers.js', ...COPIED].sort());
  // What express.static's Last-Modified is made of (utimes keeps microseconds).
  for (const file of COPIED) expect(Math.abs(fs.statSync(path.join(out, file)).mtimeMs - fs.statSync(path.join(root, file)).mtimeMs)).toBeLessThan(1);
  moveSources(root);
  const bundle = path.join(out, 'lambda/http/getUsers.js');
  const answer = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(bundle)}).handler().then((r) => console.log(JSON.stringify(r)))`], { encoding: 'utf8' });
  expect(JSON.parse(answer)).toEqual(ANSWER);
});

test('ES modules: an .mjs bundle (with require available) reading by import.meta.url from the output folder', () => {
  const root = project(ESM, { patterns: PATTERNS, moduleSystem: 'esm', target: 'node20' });
  const out = path.join(makeTempDir('bundle-script-out-'), 'artifacts');
  expect(runScript(root, 'lambda/http/getUsers.js', out)).toEqual({ status: 0, stderr: '' });
  expect(listFiles(out).sort()).toEqual(['lambda/http/getUsers.mjs', ...COPIED].sort());
  const bundle = path.join(out, 'lambda/http/getUsers.mjs');
  expect(fs.readFileSync(bundle, 'utf8')).toContain('const require = createRequire(import.meta.url);');
  moveSources(root);
  const answer = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle)}); console.log(JSON.stringify(await m.handler()));`], { encoding: 'utf8' });
  expect(JSON.parse(answer)).toEqual(ANSWER);
});

test('failures exit 1 with one line naming what failed: a missing entry, a syntax error, a pattern matching nothing', () => {
  const root = project({ ...CJS, 'lambda/http/broken.ts': 'export const handler = (;\n' }, { patterns: ['views/**', 'templates/**'], moduleSystem: 'cjs', target: 'node20' });
  const out = path.join(root, '.aws-sam/build/Fn');
  const missing = runScript(root, 'lambda/http/nope.ts', out);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toBe(`bundle-function: no entry lambda/http/nope.ts in ${fs.realpathSync(root)}\n`);
  const broken = runScript(root, 'lambda/http/broken.ts', out);
  expect(broken.status).toBe(1);
  expect(broken.stderr).toMatch(/^bundle-function: cannot bundle lambda\/http\/broken\.ts: lambda\/http\/broken\.ts:1:\d+: .+\n$/);
  const unmatched = runScript(root, 'lambda/http/getUsers.ts', out);
  expect(unmatched.status).toBe(1);
  expect(unmatched.stderr).toMatch(/^bundle-function: templates\/\*\* matches no file in .+ \(moved\? re-run lambdashift migrate\)\n$/);
});
