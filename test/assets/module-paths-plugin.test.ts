/**
 * The generated esbuild plugin (serverless.yml `custom.esbuild.plugins`) gives each bundled
 * project module its own location back, as Node gives it to the unbundled module: checked by
 * bundling with the real esbuild and running the bundle from where the package would put it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { build, type Plugin } from 'esbuild';
import { modulePathsPluginPath, modulePathsPluginSource } from '../../src/emit/iac/module-paths-plugin';
import { makeTempDir, removeTempDirs } from '../behaviour/harness';

afterAll(removeTempDirs);

const FILES: Record<string, string> = {
  // CommonJS: shorthand property, template literal holding `//`, a parameter of the same name, strict mode kept.
  'src/app.js': [
    "'use strict';",
    "const path = require('path');",
    'const where = { __dirname, file: __filename };',
    'const url = `file://${__dirname}//x`;',
    'function shadow(__dirname) { return __dirname; }',
    "const strict = (function () { return this === undefined; })();",
    "module.exports = { where, url, shadowed: shadow('param'), views: path.join(__dirname, 'views'), strict, esm: require('./lib/esm.mjs') };",
  ].join('\n'),
  // ES module: its own __dirname from import.meta.url, and import.meta.dirname.
  'src/lib/esm.mjs': [
    "import { fileURLToPath } from 'node:url';",
    "import path from 'node:path';",
    'const __dirname = path.dirname(fileURLToPath(import.meta.url));',
    "export const data = path.join(__dirname, 'data.json');",
    'export const dirname = import.meta.dirname;',
    "export const text = 'import.meta.url stays text';",
  ].join('\n'),
  'lambda/http/getRoot.js': "module.exports = require('../../src/app.js');\n",
};

test('bundled modules see their original __dirname, __filename and import.meta inside the package', async () => {
  const root = makeTempDir('module-paths-');
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const pluginFile = path.join(root, modulePathsPluginPath('lambda'));
  fs.writeFileSync(pluginFile, modulePathsPluginSource('lambda'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugins = require(pluginFile) as Plugin[];
  // The package: the bundle at its handler's path, somewhere else than the sources.
  const pkg = makeTempDir('module-paths-pkg-');
  await build({ entryPoints: [path.join(root, 'lambda/http/getRoot.js')], absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', outfile: path.join(pkg, 'lambda/http/getRoot.js'), plugins, logLevel: 'silent' });
  const out = execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(path.join(pkg, 'lambda/http/getRoot.js'))})))`], { encoding: 'utf8' });
  const src = path.join(pkg, 'src');
  expect(JSON.parse(out)).toEqual({
    where: { __dirname: src, file: path.join(src, 'app.js') },
    url: `file://${src}//x`,
    shadowed: 'param',
    views: path.join(src, 'views'),
    strict: true,
    esm: { data: path.join(src, 'lib', 'data.json'), dirname: path.join(src, 'lib'), text: 'import.meta.url stays text' },
  });
});

test.each(['cjs', 'esm'] as const)('modules of the packages it is told about (swagger-ui-dist) see their installed folder; other dependencies stay as bundled (%s bundle)', async (format) => {
  const root = makeTempDir('module-paths-packages-');
  const files: Record<string, string> = {
    // swagger-ui-dist's absolute-path.js, nested where npm puts a second version.
    'node_modules/swagger-ui-express/node_modules/swagger-ui-dist/absolute-path.js': 'module.exports = function () { return require("path").resolve(__dirname); };\n',
    'node_modules/swagger-ui-express/index.js': "module.exports = require('swagger-ui-dist/absolute-path')();\n",
    'node_modules/other/index.js': 'module.exports = __dirname;\n',
    'lambda/http/appFallback.js': "module.exports = { docs: require('swagger-ui-express'), other: require('other') };\n",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const pluginFile = path.join(root, modulePathsPluginPath('lambda'));
  fs.writeFileSync(pluginFile, modulePathsPluginSource('lambda', ['node_modules/swagger-ui-express/node_modules/swagger-ui-dist']));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugins = require(pluginFile) as Plugin[];
  const pkg = makeTempDir('module-paths-packages-pkg-');
  const bundle = path.join(pkg, `lambda/http/appFallback.${format === 'esm' ? 'mjs' : 'js'}`);
  // ES module output with serverless.yml's banner (bundled CommonJS calls require()).
  const esm = { banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } };
  await build({ entryPoints: [path.join(root, 'lambda/http/appFallback.js')], absWorkingDir: root, bundle: true, platform: 'node', format, outfile: bundle, plugins, logLevel: 'silent', ...(format === 'esm' ? esm : {}) });
  const load = format === 'esm' ? `import(${JSON.stringify(bundle)}).then((m) => console.log(JSON.stringify(m.default)))` : `console.log(JSON.stringify(require(${JSON.stringify(bundle)})))`;
  const out = execFileSync(process.execPath, ['-e', load], { encoding: 'utf8' });
  const { docs, other } = JSON.parse(out) as { docs: string; other?: string };
  expect(docs).toBe(path.join(pkg, 'node_modules/swagger-ui-express/node_modules/swagger-ui-dist'));
  // Untouched: in a CommonJS bundle the bundle's folder; an ES module bundle has no __dirname of its own.
  if (format === 'cjs') expect(other).toBe(path.dirname(bundle));
});
