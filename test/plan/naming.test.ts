import { discoverFiles } from '../../src/discover';
import { migrate } from '../../src/migrate/migrate';
import { planMigration } from '../../src/plan/plan-migration';
import { appFunctionName, bindableName, isBindableName, jobIdentifier, middlewareIdentifier, routeIdentifier } from '../../src/plan/naming';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

describe('names a person would choose', () => {
  it('HTTP names: no stutter, a catch-all named for its prefix', () => {
    expect(routeIdentifier('get', '/get-report-email')).toBe('getReportEmail');
    expect(routeIdentifier('get', '/get')).toBe('getGet');
    expect(routeIdentifier('post', '/users/:id')).toBe('postUsersById');
    expect(routeIdentifier('get', '/docs/*')).toBe('getDocsCatchAll');
    expect(routeIdentifier('get', '*')).toBe('getCatchAll');
    expect(routeIdentifier('get', '/docs/*page')).toBe('getDocsByPage');
    expect(appFunctionName('app')).toBe('app');
    expect(appFunctionName('adminApp')).toBe('adminApp');
    expect(appFunctionName('admin')).toBe('adminApp');
  });

  it('jobs after the function they run; middleware after its factory and argument', () => {
    expect(jobIdentifier({ ref: 'purgeSessions' })).toBe('purgeSessions');
    expect(jobIdentifier({ call: 'sendDigest', args: [{ text: 'daily' }] })).toBe('sendDigestDaily');
    expect(jobIdentifier({ call: 'run', args: [{ text: 'rotate-keys' }, null] })).toBe('runRotateKeys');
    expect(jobIdentifier(null)).toBeNull();
    expect(middlewareIdentifier({ call: 'asyncHandler', args: [{ ref: 'createLink' }] })).toBe('createLinkHandler');
    expect(middlewareIdentifier({ call: 'catchAsync', args: [{ ref: 'getUser' }] })).toBe('getUserHandler');
    expect(middlewareIdentifier({ call: 'viewTemplate', args: [{ text: 'home' }] })).toBe('viewTemplateHome');
    expect(middlewareIdentifier({ call: 'validate', args: [{ ref: 'createUser' }] })).toBe('validateCreateUser');
    expect(middlewareIdentifier({ call: 'rateLimit', args: [null] })).toBe('rateLimitMiddleware');
  });

  it('never a reserved or strict-mode word as a binding', () => {
    for (const w of ['protected', 'eval', 'arguments', 'package', 'interface', 'delete', 'await', 'yield', 'let', 'static']) {
      expect(isBindableName(w)).toBe(false);
      expect(isBindableName(bindableName(w))).toBe(true);
    }
    expect(bindableName('createLink')).toBe('createLink');
  });

  it('scans and plans: jobs, wrapped controllers, numbering only on a real collision', async () => {
    const root = writeProject({
      'package.json': '{"name":"svc","scripts":{"start":"node app.js","start:cron":"node cron.js"},"dependencies":{"express":"^4.21.0","node-cron":"^4.0.0","node-schedule":"^2.1.0"}}',
      'jobs.js': `exports.purgeSessions = async () => {};
exports.sendDigest = async (kind) => kind;
exports.rotateKeys = async () => {};
`,
      'cron.js': `const cron = require('node-cron');
const schedule = require('node-schedule');
const jobs = require('./jobs');
cron.schedule('0 3 * * *', jobs.purgeSessions, { timezone: 'UTC' });
cron.schedule('0 8 * * *', () => jobs.sendDigest('daily'), { timezone: 'UTC' });
cron.schedule('0 8 * * 1', async () => { await jobs.sendDigest('weekly'); }, { timezone: 'UTC' });
schedule.scheduleJob('key rotation', { rule: '0 0 * * 0', tz: 'UTC' }, jobs.rotateKeys);
`,
      'app.js': `const express = require('express');
const asyncHandler = require('./async-handler');
const { createLink, listLinks } = require('./links');
const session = require('express-session');
const passport = require('passport');
const app = express();
app.use(session({ secret: 'x' }));
app.use(passport.session());
app.use(session({ name: 'other' }));
app.get('/links', asyncHandler(listLinks));
app.post('/links', asyncHandler(createLink));
app.get('/get-report-email', (req, res) => res.json({}));
app.get('/admin', (req, res, next) => next(), (req, res) => res.json({}));
const requireAdmin = (req, res, next) => next();
app.delete('/links/:id', requireAdmin, (req, res) => res.status(204).end());
module.exports = app;
`,
      'async-handler.js': `module.exports = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);\n`,
      'links.js': `exports.createLink = async (req, res) => res.status(201).end();\nexports.listLinks = async (req, res) => res.json([]);\n`,
    });
    const found = await discoverFiles(root, [], {});
    const model = await scanService({ root, files: found.map((f) => f.path) });
    const plan = planMigration(model, { outDir: 'lambda', granularity: 'route', vendorRuntime: false, keepSchedules: false, extension: '.js' });
    expect(plan.jobs.map((j) => j.name)).toEqual(['purgeSessions', 'sendDigestDaily', 'sendDigestWeekly', 'keyRotation']);
    expect(plan.functions.map((f) => f.name).sort()).toEqual(['appFallback', 'deleteLinksById', 'getAdmin', 'getLinks', 'getReportEmail', 'postLinks']);
    const extracted = model.apps[0]!.layers.flatMap((l) => (l.kind === 'route' ? l.handlers : [])).map((h) => (h.source.kind === 'extract' ? h.source.exportName : null));
    // Two inline handlers on one route: the second is numbered because the first took the name;
    // one beside a named guard is not numbered.
    expect(extracted).toEqual(['listLinksHandler', 'createLinkHandler', 'getReportEmailHandler', 'getAdminHandler', 'getAdminHandler2', null, 'deleteLinksByIdHandler']);
    // A factory name taken by another factory's middleware: its object tells them apart
    // (`passport.session()` beside `session({...})`); numbered only when nothing else does.
    const used = model.apps[0]!.layers.flatMap((l) => (l.kind === 'use' ? l.handlers : [])).map((h) => (h.source.kind === 'extract' ? h.source.exportName : null));
    expect(used).toEqual(['sessionMiddleware', 'passportSessionMiddleware', 'sessionMiddleware2']);

    // functions[].source is the registration in the files as they are now (before the rewrite).
    const result = await migrate({ root });
    const sources = Object.fromEntries(result.functions.map((f) => [f.name, f.source]));
    expect(sources).toMatchObject({ purgeSessions: 'cron.js:4:1', sendDigestDaily: 'cron.js:5:1', keyRotation: 'cron.js:7:1', getReportEmail: 'app.js:12:1' });
  });
});
