/**
 * Paths the code reads files from (`scan/asset-paths.ts`) and what `plan/assets.ts` packages:
 * every way real services build them from `__dirname` / `import.meta`, the working directory,
 * and the ones that cannot be packaged (computed, outside the service, all of node_modules), each
 * located.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadServiceModel } from '../../src/scan/scan-service';
import { planAssets } from '../../src/plan/assets';
import { writeProject } from '../helpers/tmp-project';

describe('asset paths', () => {
  let root: string;
  beforeAll(() => {
    root = writeProject({
      'package.json': JSON.stringify({ name: 'assets', main: 'src/app.js', dependencies: { express: '^5.1.0', ejs: '^7.0.2' } }),
      'src/app.js': [
        "const path = require('path');",
        "const fs = require('fs');",
        "const express = require('express');",
        "const { join } = require('node:path');",
        'const app = express();',
        "app.set('view engine', 'ejs');",
        "app.use(express.static(path.join(__dirname, '..', 'public')));",
        "app.use('/img', express.static(`${__dirname}/images`));",
        "const schema = fs.readFileSync(__dirname + '/schema.graphql', 'utf8');",
        "const locales = join(__dirname, 'locales');",
        "app.use('/files', express.static('uploads'));",
        "const secret = fs.readFileSync(path.resolve(__dirname, '../../elsewhere/key.pem'));",
        "const docs = path.join(__dirname, '../node_modules/swagger-ui-dist');",
        "const deps = path.join(__dirname, '../node_modules');",
        'const picked = path.join(__dirname, process.env.THEME);',
        "console.log('serving from', __dirname); // the module's own folder: bundled as code",
        "// path.join(__dirname, 'commented')",
        'module.exports = { app, schema, locales, secret, docs, deps, picked };',
      ].join('\n'),
      'src/config.mjs': [
        "import { readFileSync } from 'node:fs';",
        "import path from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
        'const here = path.dirname(fileURLToPath(import.meta.url));',
        "export const data = readFileSync(new URL('../data/seed.json', import.meta.url));",
        "export const templates = path.join(import.meta.dirname, 'templates');",
      ].join('\n'),
      'public/index.html': '<h1>hi</h1>',
      'src/images/logo.png': 'png',
      'src/schema.graphql': 'type Query { a: Int }',
      'src/locales/en.json': '{}',
      'data/seed.json': '[]',
      'src/templates/mail.ejs': '<p>hi</p>',
      'views/index.ejs': '<p>view</p>',
    });
    fs.mkdirSync(path.join(root, 'node_modules/swagger-ui-dist'), { recursive: true });
  });

  it('finds each path with its location, and packages what exists inside the service', async () => {
    const model = await loadServiceModel(root, { entries: ['src/app.js', 'src/config.mjs'] });
    const refs = (model.assets?.references ?? []).map((r) => [`${r.loc.file}:${r.loc.line}:${r.loc.column}`, r.expression, r.path ?? null, r.kind ?? null, r.problem ?? null]);
    expect(refs).toEqual([
      ['src/app.js:7:24', "path.join(__dirname, '..', 'public')", 'public', 'dir', null],
      ['src/app.js:8:32', '`${__dirname}/images`', 'src/images', 'dir', null],
      ['src/app.js:9:32', "__dirname + '/schema.graphql'", 'src/schema.graphql', 'file', null],
      ['src/app.js:10:17', "join(__dirname, 'locales')", 'src/locales', 'dir', null],
      ['src/app.js:11:34', "'uploads'", 'uploads', null, null],
      ['src/app.js:12:32', "path.resolve(__dirname, '../../elsewhere/key.pem')", null, null, `it names ${path.resolve(root, '../elsewhere/key.pem')}, outside the service`],
      ['src/app.js:13:14', "path.join(__dirname, '../node_modules/swagger-ui-dist')", 'node_modules/swagger-ui-dist', 'dir', null],
      ['src/app.js:14:14', "path.join(__dirname, '../node_modules')", null, null, 'it names node_modules as a whole (every dependency, packaged beside bundles that already hold the code they use)'],
      ['src/app.js:15:16', 'path.join(__dirname, process.env.THEME)', null, null, 'its path is computed at run time'],
      ['src/config.mjs:5:34', "new URL('../data/seed.json', import.meta.url)", 'data/seed.json', 'file', null],
      ['src/config.mjs:6:26', "path.join(import.meta.dirname, 'templates')", 'src/templates', 'dir', null],
    ]);
    expect(model.assets?.modulePathFiles).toEqual(['src/app.js', 'src/config.mjs']);

    const planned = planAssets(model);
    // A folder inside a package is packaged like any other (the plugin gives app.js its own __dirname back).
    expect(planned.assets?.patterns).toEqual(['data/seed.json', 'node_modules/swagger-ui-dist/**', 'public/**', 'src/images/**', 'src/locales/**', 'src/schema.graphql', 'src/templates/**', 'views/**']);
    expect(planned.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.code}`)).toEqual([
      'src/app.js:11 info iac/asset-missing',
      'src/app.js:12 warning iac/assets-not-packaged',
      'src/app.js:14 warning iac/assets-not-packaged',
      'src/app.js:15 warning iac/assets-not-packaged',
    ]);
  });

  it("packages swagger-jsdoc's `apis` globs, read from the working directory when the spec is built", async () => {
    const docs = writeProject({
      'package.json': JSON.stringify({ name: 'docs', main: 'src/routes/docs.route.js', dependencies: { express: '^5.1.0', 'swagger-jsdoc': '^6.2.8' } }),
      'src/routes/docs.route.js': [
        "const swaggerJsdoc = require('swagger-jsdoc');",
        "const apis = ['src/extra/*.yml'];",
        'const specs = swaggerJsdoc({',
        "  swaggerDefinition: { openapi: '3.0.0' },",
        "  apis: ['src/docs/*.yml', 'src/routes/*.js', 'src/missing/*.yml'],",
        '});',
        'const more = swaggerJsdoc({ apis });',
        'const computed = swaggerJsdoc({ apis: process.env.APIS });',
        'module.exports = { specs, more, computed };',
      ].join('\n'),
      'src/docs/components.yml': 'components: {}',
    });
    const model = await loadServiceModel(docs, { entries: ['src/routes/docs.route.js'] });
    const refs = (model.assets?.references ?? []).map((r) => [`${r.loc.file}:${r.loc.line}:${r.loc.column}`, r.path ?? null, r.kind ?? null, r.problem ?? null]);
    expect(refs).toEqual([
      ['src/routes/docs.route.js:5:10', 'src/docs/*.yml', 'glob', null],
      ['src/routes/docs.route.js:5:28', 'src/routes/*.js', 'glob', null],
      ['src/routes/docs.route.js:5:47', 'src/missing/*.yml', null, null],
      ['src/routes/docs.route.js:2:15', 'src/extra/*.yml', null, null],
      ['src/routes/docs.route.js:8:39', null, null, 'its path is computed at run time'],
    ]);
    expect(planAssets(model).assets?.patterns).toEqual(['src/docs/*.yml', 'src/routes/*.js']);
  });
});

// npm packages finding their own files by __dirname (scan/package-assets.ts): swagger-ui-dist.
describe('packages that find their files by __dirname', () => {
  const pkg = (name: string, version: string): string => JSON.stringify({ name, version });

  it('resolves swagger-ui-dist as Node does from the code using it (nested under swagger-ui-express, or hoisted), and packages each folder found', async () => {
    const root = writeProject({
      'package.json': JSON.stringify({ name: 'docs', main: 'src/app.js', dependencies: { express: '^5.1.0', 'swagger-ui-express': '^5.0.1', 'swagger-ui-dist': '^4.0.0' } }),
      'src/app.js': [
        "const express = require('express');",
        "const swaggerUi = require('swagger-ui-express');",
        "const { serveFiles, setup } = require('swagger-ui-express');",
        "const spec = require('./openapi.json');",
        'const app = express();',
        "app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec));",
        "app.use('/v2/docs', serveFiles(spec), setup(spec));",
        "app.use('/ui', express.static(require('swagger-ui-dist').absolutePath()));",
        'module.exports = app;',
      ].join('\n'),
      'src/openapi.json': '{}',
      'node_modules/swagger-ui-express/package.json': pkg('swagger-ui-express', '5.0.1'),
      'node_modules/swagger-ui-express/node_modules/swagger-ui-dist/package.json': pkg('swagger-ui-dist', '5.35.0'),
      'node_modules/swagger-ui-dist/package.json': pkg('swagger-ui-dist', '4.19.1'),
    });
    const model = await loadServiceModel(root, { entries: ['src/app.js'] });
    const refs = (model.assets?.references ?? []).map((r) => [`${r.loc.file}:${r.loc.line}:${r.loc.column}`, r.expression, r.path ?? null, r.package?.name ?? null, r.problem ?? null]);
    expect(refs).toEqual([
      ['src/app.js:6:18', 'swaggerUi.serve', 'node_modules/swagger-ui-express/node_modules/swagger-ui-dist', 'swagger-ui-dist', null],
      ['src/app.js:8:31', "require('swagger-ui-dist').absolutePath", 'node_modules/swagger-ui-dist', 'swagger-ui-dist', null],
    ]);
    const planned = planAssets(model);
    expect(planned.assets?.patterns).toEqual([
      'node_modules/swagger-ui-dist/**',
      'node_modules/swagger-ui-express/node_modules/swagger-ui-dist/**',
      '!node_modules/swagger-ui-dist/**/*.map',
      '!node_modules/swagger-ui-express/node_modules/swagger-ui-dist/**/*.map',
    ]);
    expect(planned.assets?.modulePathPackages).toEqual(['node_modules/swagger-ui-dist', 'node_modules/swagger-ui-express/node_modules/swagger-ui-dist']);
    expect(planned.diagnostics).toEqual([]);
  });

  it('says where swagger-ui-dist cannot be packaged: not installed, or outside the service (hoisted to a workspace root)', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'docs', main: 'app.mjs', type: 'module' }),
      'app.mjs': ["import express from 'express';", "import { serve, setup } from 'swagger-ui-express';", 'const app = express();', "app.use('/docs', serve, setup({}));", 'export default app;'].join('\n'),
    };
    const missing = writeProject(files);
    const workspace = writeProject({
      'package.json': JSON.stringify({ name: 'workspace', private: true, workspaces: ['packages/*'] }),
      'node_modules/swagger-ui-express/package.json': pkg('swagger-ui-express', '5.0.1'),
      'node_modules/swagger-ui-dist/package.json': pkg('swagger-ui-dist', '5.35.0'),
      ...Object.fromEntries(Object.entries(files).map(([f, text]) => [`packages/api/${f}`, text])),
    });
    const hoisted = path.join(workspace, 'packages/api');
    const problems = async (root: string): Promise<string[]> => {
      const model = await loadServiceModel(root, { entries: ['app.mjs'] });
      const planned = planAssets(model);
      expect(planned.assets?.modulePathPackages ?? []).toEqual([]);
      return planned.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
    };
    expect(await problems(missing)).toEqual(['app.mjs:4:18 warning iac/assets-not-packaged `serve` is not packaged with the functions: swagger-ui-dist is not installed (run npm install, then migrate again); deployed, the code will not find it there']);
    expect(await problems(hoisted)).toEqual([
      `app.mjs:4:18 warning iac/assets-not-packaged \`serve\` is not packaged with the functions: swagger-ui-dist is installed at ${fs.realpathSync(path.join(workspace, 'node_modules/swagger-ui-dist'))}, outside the service (a workspace's hoisted or linked node_modules), where the service's packaging cannot reach it; deployed, the code will not find it there`,
    ]);
  });
});
