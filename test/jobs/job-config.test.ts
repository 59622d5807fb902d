/**
 * lambdashift.config `jobs` (schedules per job) and `schedulers` (vendored scheduler modules):
 * bad entries are warned about and ignored, a key matching no job is reported, and a
 * wrapper declared as node-schedule converts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseLambdaConfig } from '../../src/emit/iac/lambda-config';
import type { Diagnostic } from '../../src/model/diagnostic';
import { loadServiceModel } from '../../src/scan/scan-service';

describe('lambdashift.config jobs and schedulers', () => {
  it('validates entries, keeping the good ones', () => {
    const diagnostics: Diagnostic[] = [];
    const config = parseLambdaConfig(
      JSON.stringify({
        jobs: { digest: { schedule: '0 8 * * *', timezone: 'UTC' }, broken: { cron: '* * * * *' }, tz: { schedule: '0 1 * * *', timezone: 3 } },
        schedulers: { './libs/nodeCron.js': 'node-cron', 'libs/other': 'agenda' },
      }),
      diagnostics,
    );
    expect(config.jobs).toEqual({ digest: { schedule: '0 8 * * *', timezone: 'UTC' } });
    expect(config.schedulers).toEqual({ 'libs/nodeCron': 'node-cron' });
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/jobs\.broken must be an object with a schedule string/),
      expect.stringMatching(/jobs\.tz\.timezone must be a string/),
      expect.stringMatching(/schedulers\.libs\/other must be one of node-cron, cron, node-schedule/),
    ]);
  });

  it('reads a declared wrapper as the library and reports config keys that match no job', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-jobcfg-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'w', main: 'index.mjs', type: 'module', dependencies: { 'node-schedule': '^2.1.1' } }));
      fs.mkdirSync(path.join(root, 'lib'));
      fs.writeFileSync(path.join(root, 'lib/scheduler.mjs'), "export { scheduleJob } from 'node-schedule';\n");
      fs.writeFileSync(
        path.join(root, 'index.mjs'),
        "import { scheduleJob } from './lib/scheduler.mjs';\nimport { rotate } from './tasks.mjs';\n\nexport function init() {\n  scheduleJob('0 4 * * *', rotate);\n}\n\ninit();\n",
      );
      fs.writeFileSync(path.join(root, 'tasks.mjs'), 'export function rotate() {}\n');
      const model = await loadServiceModel(root, { jobs: { schedulers: { 'lib/scheduler': 'node-schedule' }, schedules: { 'nothing.js:1': { schedule: '* * * * *' } } } });
      expect(model.jobs.map((j) => [j.library, j.spec, j.handler.source.kind, j.registration?.runs])).toEqual([['node-schedule', { kind: 'cron', expression: '0 4 * * *' }, 'import', 'once']]);
      expect(model.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([expect.stringMatching(/^cron\/config-unused: jobs\.nothing\.js:1 matches no job registration/)]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('tells from the entry how often each start function runs', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-startup-'));
    try {
      fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 's', main: 'app.js', dependencies: { 'node-cron': '^4.2.0' } }));
      fs.writeFileSync(
        path.join(root, 'jobs.js'),
        [
          "const cron = require('node-cron');",
          'function purge() {}',
          "exports.once = function () { cron.schedule('0 1 * * *', purge); };",
          "exports.twice = function () { cron.schedule('0 2 * * *', purge); };",
          "exports.later = function () { cron.schedule('0 3 * * *', purge); };",
          "exports.never = function () { cron.schedule('0 4 * * *', purge); };",
          'exports.purge = purge;',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(
        path.join(root, 'app.js'),
        "const jobs = require('./jobs');\njobs.once();\nfor (const n of [1, 2]) jobs.twice();\nsetTimeout(() => jobs.later(), 10);\n",
      );
      const model = await loadServiceModel(root);
      expect(model.jobs.map((j) => [(j.spec as { expression: string }).expression, j.registration?.within, j.registration?.runs])).toEqual([
        ['0 1 * * *', '`exports.once`', 'once'],
        ['0 2 * * *', '`exports.twice`', 'several'],
        ['0 3 * * *', '`exports.later`', 'maybe'],
        ['0 4 * * *', '`exports.never`', 'never'],
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
