/**
 * A `cron` package job that fires on the 1st of the month OR on Mondays (the `cron` package ORs
 * the day fields) becomes two EventBridge schedules. On a 1st that is a Monday both fire, so
 * the second carries a guard that skips days the first covers, and each schedule tells the
 * handler which one it is through its input. The job must run exactly once per such day.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';

const REPO = path.resolve(__dirname, '../..');

describe('split schedules with day guards', () => {
  let dir: string;

  beforeAll(() => {
    fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(REPO, '.tmp', 'split-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'split', dependencies: { cron: '^4.4.0' } }));
    fs.writeFileSync(
      path.join(dir, 'jobs.js'),
      `const { CronJob } = require('cron');
let runs = [];
function payroll(date) { runs.push(date.toISOString()); }
new CronJob('0 0 9 1 * 1', payroll, null, true, 'UTC');
module.exports = { payroll, runs: () => runs };
`,
    );
  });

  afterAll(() => { if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true }); });

  it('schedules both day rules, passes the schedule index, and runs once per day', async () => {
    const result = await migrate({ root: dir });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const [fn] = result.functions;
    expect(fn).toMatchObject({ kind: 'schedule', name: 'payroll', expressions: ['cron(0 9 1 * ? *)', 'cron(0 9 ? * MON *)'], timezone: 'UTC' });
    await applyChangeSet(result.changes, { force: true });

    const yml = YAML.parse(fs.readFileSync(path.join(dir, 'serverless.yml'), 'utf8')) as { functions: Record<string, { events: unknown[] }> };
    expect(yml.functions.payroll!.events).toEqual([
      { schedule: { method: 'scheduler', rate: ['cron(0 9 1 * ? *)'], timezone: 'UTC', input: { schedule: 0, time: '<aws.scheduler.scheduled-time>' } } },
      { schedule: { method: 'scheduler', rate: ['cron(0 9 ? * MON *)'], timezone: 'UTC', input: { schedule: 1, time: '<aws.scheduler.scheduled-time>' } } },
    ]);

    process.env.AWS_LAMBDA_FUNCTION_NAME = 'lambdashift-test';
    try {
      const { handler } = (await import(path.join(dir, 'lambda/jobs/payroll.js'))) as { handler: (e: unknown) => Promise<void> };
      const jobs = (await import(path.join(dir, 'jobs.js'))) as { runs: () => string[] };
      // What Scheduler delivers: the input with the scheduled time substituted.
      const fire = (schedule: number, time: string) => handler({ schedule, time });
      await fire(0, '2026-06-01T09:00:00Z'); // Monday the 1st: the day-of-month schedule runs it...
      await fire(1, '2026-06-01T09:00:00Z'); // ...and the Monday schedule skips it.
      await fire(1, '2026-06-08T09:00:00Z'); // an ordinary Monday
      await fire(0, '2026-07-01T09:00:00Z'); // a Wednesday the 1st
      expect(jobs.runs()).toEqual(['2026-06-01T09:00:00.000Z', '2026-06-08T09:00:00.000Z', '2026-07-01T09:00:00.000Z']);
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    }

    const again = await migrate({ root: dir });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
  });
});
