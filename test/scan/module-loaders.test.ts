/**
 * Folder listings and module loaders (`scan/asset-paths.ts`, `plan/assets.ts`): a module that
 * lists a folder and `require`s what it finds (sequelize-cli's models/index.js, a routes
 * folder mounted by file name) or imports a name computed at run time cannot work bundled (no
 * bundler follows the require): each gets a located `iac/dynamic-require` warning saying why and
 * what to do. A listing that only reads data files is packaged like any asset folder; a
 * literal-prefixed require (which esbuild bundles as a glob) is not reported.
 */
import { loadServiceModel } from '../../src/scan/scan-service';
import { planAssets } from '../../src/plan/assets';
import { writeProject } from '../helpers/tmp-project';

/** sequelize-cli's `models/index.js`, as `sequelize init` writes it. */
const SEQUELIZE_INDEX = `'use strict';

const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const process = require('process');
const basename = path.basename(__filename);
const env = process.env.NODE_ENV || 'development';
const config = require(__dirname + '/../config/config.json')[env];
const db = {};

let sequelize;
if (config.use_env_variable) {
  sequelize = new Sequelize(process.env[config.use_env_variable], config);
} else {
  sequelize = new Sequelize(config.database, config.username, config.password, config);
}

fs
  .readdirSync(__dirname)
  .filter(file => {
    return (
      file.indexOf('.') !== 0 &&
      file !== basename &&
      file.slice(-3) === '.js' &&
      file.indexOf('.test.js') === -1
    );
  })
  .forEach(file => {
    const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
    db[model.name] = model;
  });

Object.keys(db).forEach(modelName => {
  if (db[modelName].associate) {
    db[modelName].associate(db);
  }
});

db.sequelize = sequelize;
db.Sequelize = Sequelize;

module.exports = db;
`;

describe('module loaders and folder listings', () => {
  it('reports each loader located, with the require it feeds; packages data listings; leaves glob-able requires alone', async () => {
    const root = writeProject({
      'package.json': JSON.stringify({ name: 'loaders', main: 'app.js', dependencies: { express: '^5.1.0', sequelize: '^6.37.0' } }),
      'app.js': [
        "const fs = require('fs');",
        "const path = require('path');",
        "const express = require('express');",
        "const db = require('./models');",
        "const queries = require('./sql');",
        "const messages = require('./locales');",
        'const app = express();',
        '// Every file in routes/ is mounted at its name.',
        "fs.readdirSync(path.join(__dirname, 'routes'))",
        "  .filter((file) => file.endsWith('.js'))",
        "  .forEach((file) => app.use(`/${path.basename(file, '.js')}`, require(path.join(__dirname, 'routes', file))));",
        "app.get('/health', (req, res) => res.json({ ok: true, models: Object.keys(db), queries: Object.keys(queries), messages }));",
        'app.listen(3000);',
      ].join('\n'),
      'models/index.js': SEQUELIZE_INDEX,
      'models/user.js': "module.exports = (sequelize, DataTypes) => sequelize.define('User', { name: DataTypes.STRING });",
      'config/config.json': JSON.stringify({ development: { dialect: 'sqlite', storage: ':memory:' } }),
      'routes/users.js': "const { Router } = require('express');\nmodule.exports = Router().get('/', (req, res) => res.json([]));",
      // Data files only: the listing reads them, requires nothing.
      'sql/index.js': [
        "const fs = require('fs');",
        "const path = require('path');",
        "const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.sql'));",
        "module.exports = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(__dirname, f), 'utf8')]));",
      ].join('\n'),
      'sql/users.sql': 'select * from users;',
      // esbuild bundles a literal-prefixed require as a glob of the folder: nothing to report.
      'locales/index.js': "const lang = process.env.LANG_CODE || 'en';\nmodule.exports = require(`./${lang}.json`);",
      'locales/en.json': '{"hello":"Hello"}',
      // ES modules: a plugin folder imported by computed path.
      'plugins/load.mjs': [
        "import { readdir } from 'node:fs/promises';",
        "import path from 'node:path';",
        "import { fileURLToPath, pathToFileURL } from 'node:url';",
        'const dir = path.dirname(fileURLToPath(import.meta.url));',
        "for (const file of await readdir(dir)) if (file !== 'load.mjs') await import(pathToFileURL(path.join(dir, file)).href);",
      ].join('\n'),
    });
    const model = await loadServiceModel(root, { entries: ['app.js', 'plugins/load.mjs'] });
    const planned = planAssets(model);
    const loaders = planned.diagnostics.filter((d) => d.code === 'iac/dynamic-require');
    expect(loaders.map((d) => [`${d.file}:${d.line}:${d.column}`, d.severity])).toEqual([
      ['app.js:9:1', 'warning'],
      ['models/index.js:19:1', 'warning'],
      ['plugins/load.mjs:5:71', 'warning'],
    ]);
    expect(loaders[0]!.message).toBe(
      "`fs.readdirSync(path.join(__dirname, 'routes'))` lists a folder whose modules `require(path.join(__dirname, 'routes', file))` (app.js:11:64) loads by a name computed at run time: no bundler follows such a require, so deployed the function's bundle does not hold those modules (Cannot find module); import each module with a literal name (`require('./user')`), or name them with a literal prefix (`require('./models/' + name)`), which esbuild bundles as a glob",
    );
    expect(loaders[1]!.message).toMatch(/^`fs\.readdirSync\(__dirname\)` lists a folder whose modules `require\(path\.join\(__dirname, file\)\)` \(models\/index\.js:30:19\) loads/);
    expect(loaders[2]!.message).toMatch(/^`import\(pathToFileURL\(path\.join\(dir, file\)\)\.href\)` loads a module by a name computed at run time: /);
    // The loaders' folders are not packaged (their modules could not run from there); the
    // config a computable path requires and the listed data folder are.
    expect(planned.assets?.patterns).toEqual(['config/config.json', 'sql/**']);
    expect(planned.diagnostics.filter((d) => d.code !== 'iac/dynamic-require')).toEqual([]);
  });
});
