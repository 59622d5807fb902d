/**
 * App state built from code, carried into split functions as code (`scan/carried-code.ts`):
 * `app.engine(...)` with an imported engine function or a package's engine factory, a mounted
 * sub-app's computed settings and locals, an ES module's own `__dirname`; and what stays with
 * the whole-app function, with its reason.
 */
import { migrate } from '../../src/migrate/migrate';
import { writeProject } from '../helpers/tmp-project';

describe('migrate: app state carried into split functions', () => {
  it('registers the same engines: an imported render function, a package factory with carried options', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0","ejs":"^3.1.10","express-handlebars":"^7.1.3"}}',
      'app.js': `const path = require('path');
const express = require('express');
const { engine } = require('express-handlebars');
const app = express();
app.engine('html', require('ejs').renderFile);
app.engine('.hbs', engine({ extname: '.hbs', layoutsDir: path.join(__dirname, 'views/layouts') }));
app.set('view engine', 'hbs');
app.get('/', (req, res) => res.render('home'));
module.exports = app;
`,
    });
    const result = await migrate({ root });
    expect(result.functions.map((f) => f.name)).toEqual(['getRoot', 'appFallback']);
    const text = result.changes.get('lambda/http/getRoot.js')!.after!;
    expect(text).toContain("const ejs = require('ejs');");
    expect(text).toContain("const { engine } = require('express-handlebars');");
    expect(text).toContain("app.engine('html', ejs.renderFile);\napp.engine('.hbs', engine({ extname: '.hbs', layoutsDir: join(__dirname, '../../views/layouts') }));");
  });

  it("carries a mounted sub-app's computed settings and locals, and an ES module's own __dirname", async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","type":"module","dependencies":{"express":"^5.1.0"}}',
      'src/admin.js': `import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { config } from './config.js';
const __dirname = path.dirname(fileURLToPath(import.meta.url));
export const admin = express();
admin.set('views', path.join(__dirname, 'admin-views'));
admin.locals.section = config.adminTitle;
admin.get('/', (req, res) => res.json({ section: req.app.locals.section }));
`,
      'src/config.js': "export const config = { adminTitle: process.env.ADMIN_TITLE ?? 'Admin' };\n",
      'src/app.js': `import express from 'express';
import { admin } from './admin.js';
export const app = express();
app.use('/admin', admin);
app.listen(3000);
`,
    });
    const result = await migrate({ root });
    expect(result.functions.map((f) => f.name)).toEqual(['getAdmin', 'appFallback']);
    const text = result.changes.get('lambda/http/getAdmin.js')!.after!;
    expect(text).toContain('const router1 = express();');
    expect(text).toContain("router1.set('views', join(fileURLToPath(new URL('../../src', import.meta.url)), 'admin-views'));");
    expect(text).toContain('router1.locals.section = config.adminTitle;');
  });

  it('leaves the routes to the whole-app function when an engine, a setting or a locals value cannot be proven, naming each', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
      'app.js': `const express = require('express');
const app = express();
function makeEngine() { return (file, options, done) => done(null, file); }
app.engine('txt', makeEngine());
app.set('json replacer', (key, value) => value);
app.locals.started = Date.now();
app.get('/', (req, res) => res.json({}));
module.exports = app;
`,
    });
    const result = await migrate({ root });
    expect(result.functions.map((f) => f.name)).toEqual(['appFallback']);
    const [reason] = result.diagnostics.filter((d) => d.code === 'plan/setting-not-carried').map((d) => d.message);
    expect(reason).toBe(
      "GET / has no function of its own (the app's `app.engine(...)` (it calls `makeEngine()`, which may have effects or answer differently at another load) at app.js:4:1, " +
        'setting `json replacer` (not a literal value: it defines a function) at app.js:5:1, ' +
        '`app.locals` write (it calls `Date.now()`, which may have effects or answer differently at another load) at app.js:6:1 cannot be carried into a generated function); the whole-app function serves it',
    );
  });
});
