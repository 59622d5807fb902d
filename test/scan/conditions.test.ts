/**
 * Conditions around registrations (src/scan/conditions.ts): which tests a generated module can
 * evaluate as the original does (carried as code), and which it cannot (a located reason).
 */
import { discoverFiles } from '../../src/discover';
import type { ConditionCode, RegistrationCondition, ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject({ 'package.json': '{"name":"svc","dependencies":{"express":"^5"}}', ...files });
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

const render = (code: ConditionCode): string =>
  code.map((p) => (typeof p === 'string' ? p : 'modulePath' in p ? `<${p.modulePath} of ${p.file}>` : `<${p.ref.from}#${p.ref.exportName}${p.ref.member ? `.${p.ref.member.join('.')}` : ''}>`)).join('');
const describeCondition = (c: RegistrationCondition): string => (c.code ? render(c.code) : `refused ${c.loc.line}:${c.loc.column} ${c.text}: ${c.reason}`);

/** Each layer of the first app as `kind path: conditions`, conditions joined by ` & `. */
function layers(model: ServiceModel): string[] {
  return model.apps[0]!.layers.map((l) => `${l.kind === 'route' ? l.method.toUpperCase() : l.kind} ${'path' in l ? (l.path ?? '') : ''}: ${(l.conditions ?? []).map(describeCondition).join(' & ')}`);
}

describe('registration conditions', () => {
  it('carries process.env (aliased, destructured), module constants, imports and pure built-ins; refuses the rest with a reason', async () => {
    const model = await scan({
      'config.js': `module.exports = { features: { admin: process.env.ADMIN === 'on' } };\n`,
      'app.js': `const express = require('express');
const config = require('./config');
const flags = require('flag-client');
const { env } = process;
const { NODE_ENV = 'dev' } = process.env;
const isProd = env.NODE_ENV === 'production';
let hits = 0;
const app = express();
if (env.TRUST_PROXY) app.set('trust proxy', true);
if (isProd) app.use(a); else app.use(b);
process.env.NODE_ENV !== 'test' && app.use(c);
isProd || app.use(d);
if (config.features.admin) app.get('/admin', e);
if (Boolean(process.env.X) && process.env.LIST.split(',').includes('y')) app.get('/list', e);
if (process.argv.includes('--dev')) app.get('/argv', e);
if (flags.isOn('beta')) app.get('/beta', e);
if (hits > 0) app.get('/hits', e);
if (NODE_ENV) app.get('/default', e);
function a(req, res, next) { next(); }
function b(req, res, next) { next(); }
function c(req, res, next) { next(); }
function d(req, res, next) { next(); }
function e(req, res) { res.end(); hits++; }
module.exports = app;
`,
    });
    expect(model.apps[0]!.conditionalSettings?.map((s) => `${s.name}=${String(s.value)} if ${s.conditions.map(describeCondition).join(' & ')}`)).toEqual(['trust proxy=true if process.env.TRUST_PROXY']);
    expect(layers(model)).toEqual([
      "use : (process.env.NODE_ENV === 'production')",
      "use : !(process.env.NODE_ENV === 'production')",
      "use : process.env.NODE_ENV !== 'test'",
      "use : !(process.env.NODE_ENV === 'production')",
      'GET /admin: <config.js#default>.features.admin',
      "GET /list: Boolean(process.env.X) && process.env.LIST.split(',').includes('y')",
      'GET /argv: refused 15:5 process.argv.includes(\'--dev\'): it reads `process.argv`, which differs between the server and Lambda',
      "GET /beta: refused 16:5 flags.isOn('beta'): it calls `flags.isOn()`, which may have effects or answer differently at another load",
      'GET /hits: refused 17:5 hits > 0: it reads `hits`, a variable the code changes after it is declared',
      'GET /default: refused 18:5 NODE_ENV: it reads `NODE_ENV`, destructured in a way the scan does not follow',
    ]);
  });

  it("reads an Express app's `env` setting as Express's default (NODE_ENV or 'development') unless the app sets `env` itself", async () => {
    const model = await scan({
      'app.js': `const express = require('express');
const app = express();
const isDev = app.get('env') === 'development';
if (app.get('env') === 'development') app.use(a);
app.get('env') !== 'test' && app.use(b);
if (isDev) app.set('json spaces', 2);
app.use('/other', require('./other'));
module.exports = app;
function a(req, res, next) { next(); }
function b(req, res, next) { next(); }
`,
      'other.js': `const express = require('express');
const other = express();
other.set('env', process.env.APP_ENV || 'production');
if (other.get('env') === 'development') other.use(a);
if (other.get('env') === 'development') other.set('json spaces', 2);
module.exports = other;
function a(req, res, next) { next(); }
`,
    });
    const app = model.apps.find((a) => a.file === 'app.js')!;
    expect(app.layers.map((l) => (l.conditions ?? []).map(describeCondition).join(' & '))).toEqual([
      "(process.env.NODE_ENV || 'development') === 'development'",
      "(process.env.NODE_ENV || 'development') !== 'test'",
      '',
    ]);
    expect(app.conditionalSettings?.map((s) => s.conditions.map(describeCondition).join())).toEqual(["((process.env.NODE_ENV || 'development') === 'development')"]);
    // `other` sets env (to a value that is not a literal): Express's default is not its value.
    const other = model.apps.find((a) => a.file === 'other.js')!;
    expect(other.layers.map((l) => (l.conditions ?? []).map(describeCondition).join())).toEqual([
      "refused 4:5 other.get('env') === 'development': it reads the app's `env` setting, which the app sets itself (`other.set('env', process.env.APP_ENV || 'production')` at other.js:3:1)",
    ]);
    expect(other.conditionalSettings ?? []).toEqual([]);
    expect(other.uncarried?.map((u) => u.what)).toContainEqual(expect.stringContaining("setting `json spaces` under the condition `other.get('env') === 'development'`"));
  });

  it('sees the condition around the call of the class method that registers, and refuses instance state', async () => {
    const model = await scan({
      'app.js': `const express = require('express');
class App {
  constructor() {
    this.app = express();
    this.env = process.env.NODE_ENV || 'development';
    if (process.env.DOCS === 'on') this.initializeSwagger();
    if (this.env === 'production') this.app.use(hardening);
  }
  initializeSwagger() {
    this.app.get('/docs', docs);
  }
}
function hardening(req, res, next) { next(); }
function docs(req, res) { res.end(); }
module.exports = new App().app;
`,
    });
    expect(layers(model)).toEqual([
      "GET /docs: process.env.DOCS === 'on'",
      "use : refused 7:9 this.env === 'production': it reads `this`, state of an instance",
    ]);
  });

  it('re-creates a middleware instance made under a condition in the generated module instead of hoisting it', async () => {
    const model = await scan({
      'app.js': `const express = require('express');
const logger = require('morgan');
const app = express();
if (process.env.NODE_ENV !== 'test') app.use(logger('dev'));
module.exports = app;
`,
    });
    const layer = model.apps[0]!.layers[0]!;
    expect(layer.kind === 'use' && layer.handlers[0]!.source).toEqual({ kind: 'call', ref: { from: 'morgan', isPackage: true, exportName: 'default' }, args: [{ literal: 'dev' }] });
  });
});
