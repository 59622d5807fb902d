import { discoverFiles } from '../../src/discover';
import type { ServiceModel } from '../../src/model/service-model';
import { scanService } from '../../src/scan/scan-service';
import { writeProject } from '../helpers/tmp-project';

async function scan(files: Record<string, string>): Promise<ServiceModel> {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  return scanService({ root, files: found.map((f) => f.path) });
}

const PKG = JSON.stringify({ name: 'jobs', dependencies: { 'node-cron': '^4.0.0', cron: '^4.0.0', 'node-schedule': '^2.1.0' } });

describe('scheduled-job scanner', () => {
  it('finds node-cron jobs under any import name, with options, constants and imported expressions', async () => {
    const model = await scan({
      'package.json': PKG,
      'schedules.ts': `export const NIGHTLY = '0 3 * * *';\n`,
      'jobs.ts': `import nodeCron from 'node-cron';
import { schedule as every } from 'node-cron';
import { NIGHTLY } from './schedules';
const QUARTER = \`*/15 * * * *\`;
export async function cleanup() {}
function report() {}
nodeCron.schedule(QUARTER, cleanup, { timezone: 'Europe/Berlin', name: 'cleanup-sessions', noOverlap: true });
every(NIGHTLY, report);
nodeCron.createTask('0 0 1 * *', async () => { await cleanup(); });
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(model.jobs.map((j) => ({ lib: j.library, major: j.libraryMajor, spec: j.spec, tz: j.timezone, name: j.name, src: j.handler.source.kind }))).toEqual([
      { lib: 'node-cron', major: 4, spec: { kind: 'cron', expression: '*/15 * * * *' }, tz: 'Europe/Berlin', name: 'cleanup-sessions', src: 'import' },
      { lib: 'node-cron', major: 4, spec: { kind: 'cron', expression: '0 3 * * *' }, tz: null, name: 'report', src: 'export' },
      { lib: 'node-cron', major: 4, spec: { kind: 'cron', expression: '0 0 1 * *' }, tz: null, name: null, src: 'extract' },
    ]);
    expect(model.jobs[0]!.options).toEqual({ timezone: 'Europe/Berlin', name: 'cleanup-sessions', noOverlap: true });
    expect(model.jobs[2]!.handler.source).toMatchObject({ kind: 'extract', exportName: 'cleanupJob' });
  });

  it('reads the cron package (constructor and CronJob.from) and node-schedule (strings, rules, objects, dates) in CommonJS', async () => {
    const model = await scan({
      'package.json': PKG,
      'jobs.js': `const { CronJob } = require('cron');
const schedule = require('node-schedule');
function tick() {}
new CronJob('0 */5 * * * *', tick, null, true, 'America/New_York');
CronJob.from({ cronTime: '0 0 9 * * 1-5', onTick: tick, start: true, timeZone: 'UTC' });
schedule.scheduleJob('digest', '30 7 * * *', tick);
const rule = new schedule.RecurrenceRule();
rule.dayOfWeek = [0, new schedule.Range(4, 6)];
rule.hour = 17;
rule.minute = 0;
rule.tz = 'Etc/UTC';
schedule.scheduleJob(rule, tick);
schedule.scheduleJob({ hour: 14, minute: 30, dayOfWeek: 0 }, tick);
schedule.scheduleJob(new Date('2030-01-01T00:00:00Z'), tick);
module.exports = { tick };
`,
    });
    expect(model.diagnostics).toEqual([]);
    expect(model.jobs.map((j) => [j.library, j.spec, j.timezone, j.name])).toEqual([
      ['cron', { kind: 'cron', expression: '0 */5 * * * *' }, 'America/New_York', 'tick'],
      ['cron', { kind: 'cron', expression: '0 0 9 * * 1-5' }, 'UTC', 'tick'],
      ['node-schedule', { kind: 'cron', expression: '30 7 * * *' }, null, 'digest'],
      ['node-schedule', { kind: 'rule', fields: { dayOfWeek: [0, { start: 4, end: 6, step: 1 }], hour: 17, minute: 0 } }, 'Etc/UTC', 'tick'],
      ['node-schedule', { kind: 'rule', fields: { hour: 14, minute: 30, dayOfWeek: 0 } }, null, 'tick'],
      ['node-schedule', { kind: 'date', iso: '2030-01-01T00:00:00.000Z' }, null, 'tick'],
    ]);
    expect(model.jobs[0]!.handler.source).toEqual({ kind: 'import', ref: { from: 'jobs.js', isPackage: false, exportName: 'tick' } });
  });

  it('reports dynamic schedules and run-time control instead of dropping them', async () => {
    const model = await scan({
      'package.json': PKG,
      'jobs.js': `const cron = require('node-cron');
const specs = ['* * * * *', '0 * * * *'];
for (const s of specs) cron.schedule(s, () => {});
function later(expr) { return cron.schedule(expr, () => {}); }
cron.schedule(process.env.CRON, () => {});
const task = cron.schedule('0 0 * * *', () => {});
task.stop();
module.exports = { later };
`,
    });
    expect(model.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['3 cron/dynamic', '4 cron/dynamic-schedule', '5 cron/dynamic-schedule', '7 cron/runtime-control']);
    // The true reason: what the schedule depends on, not where the call is.
    expect(model.diagnostics[1]!.message).toMatch(/depends on the parameter `expr` of `later`, so each call can pass another schedule/);
    expect(model.diagnostics[2]!.message).toMatch(/depends on the environment variable CRON/);
    expect(model.jobs).toHaveLength(1);
  });
});

describe('one-shot Date jobs', () => {
  it('takes absolute instants and reports local-time, multi-part and invalid dates instead of guessing', async () => {
    const model = await scan({
      'package.json': PKG,
      'jobs.js': `const schedule = require('node-schedule');
function once() {}
schedule.scheduleJob(new Date('2030-01-15T09:30:00+01:00'), once);
schedule.scheduleJob(new Date(2030, 0, 15, 9, 30), once);
schedule.scheduleJob(new Date('2030-01-15T09:30'), once);
schedule.scheduleJob(new Date('tomorrow'), once);
module.exports = { once };
`,
    });
    expect(model.jobs.map((j) => j.spec)).toEqual([{ kind: 'date', iso: '2030-01-15T08:30:00.000Z' }]);
    expect(model.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual(['4 cron/date', '5 cron/date', '6 cron/date']);
  });
});
