/**
 * Jobs registered where real apps register them (issue 18), on a forum-shaped CommonJS app:
 * start functions called from the entry, a mixin applied to a module object, a job table,
 * an environment condition, a parenthesised callback, a sub-minute job in an init function and
 * a vendored node-cron declared in lambdashift.config. Each converted job's fire times (from
 * cron / node-cron itself) equal the EventBridge evaluator's; each handler runs its job once;
 * the rewritten app schedules nothing that was migrated; a second run changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import type { ScheduleFunctionEntry } from '../../src/model/function-entry';
import type { Diagnostic } from '../../src/model/diagnostic';
import { migrate } from '../../src/migrate/migrate';
import { compareFireTimes } from '../schedule/harness/equivalence';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/forum-cjs');

function copyFixture(): string {
  const base = path.join(REPO, '.tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'forum-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const scheduledEvent = (time: string) => ({ version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time, region: 'us-east-1', resources: [], detail: {} });

const where = (d: Diagnostic) => `${d.file}:${d.line}`;

describe('forum-shaped CommonJS app: jobs in start functions, mixins, tables, conditions', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof migrate>>;
  let jobs: ScheduleFunctionEntry[];

  beforeAll(async () => {
    dir = copyFixture();
    const before = await migrate({ root: dir });
    // The vendored node-cron is named, located, with the config key that declares it.
    const lookalike = before.diagnostics.find((d) => d.code === 'cron/lookalike');
    expect(lookalike && `${where(lookalike)} ${lookalike.message}`).toMatch(/^src\/reports\.js:12 .*looks like a node-cron job, but `cron` comes from `\.\.\/libs\/nodeCron`.*"schedulers": \{ "libs\/nodeCron": "node-cron" \}/);
    fs.writeFileSync(path.join(dir, 'lambdashift.config.json'), JSON.stringify({ schedulers: { 'libs/nodeCron': 'node-cron' } }));
    first = await migrate({ root: dir });
    expect(first.changes.counts().failed).toBe(0);
    jobs = first.functions.filter((f): f is ScheduleFunctionEntry => f.kind === 'schedule');
    await applyChangeSet(first.changes, { force: true });
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('converts every fixed schedule registered inside a function', () => {
    const bySource = Object.fromEntries(jobs.map((j) => [j.source.replace(/:\d+$/, ''), [j.schedule, j.expressions]]));
    // Where each registration is in the files as they are now (before the rewrite), like diagnostics.
    expect(Object.keys(bySource).sort()).toEqual(['src/errors.js:14', 'src/notifications.js:9', 'src/reports.js:12', 'src/user/jobs.js:10', 'src/user/jobs.js:12'].sort());
    expect(jobs.map((j) => j.expressions[0]).sort()).toEqual(['cron(* * * * ? *)', 'cron(0 0 * * ? *)', 'cron(0,30 * * * ? *)', 'cron(0/5 * * * ? *)', 'cron(30 0 * * ? *)'].sort());
  });

  it('refuses only the sub-minute job, for being sub-minute', () => {
    const warnings = first.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${where(d)} ${d.code}: ${d.message}`);
    expect(warnings).toEqual([expect.stringMatching(/^src\/errors\.js:\d+ schedule\/refused: cron job `\*\/10 \* \* \* \* \*` is not migrated: cron 4 fires 6 times a minute/)]);
  });

  it('carries the environment condition as the handler\'s enable flag, and says so', () => {
    const cond = first.diagnostics.find((d) => d.code === 'schedule/condition');
    expect(cond?.message).toMatch(/registered only when `process\.env\.TRACK_ONLINE`: the handler checks the same environment variable/);
  });

  it('has the same fire times as the original library (checked against the EventBridge evaluator)', () => {
    for (const j of jobs) {
      const dialect = j.source.startsWith('src/reports') ? 'node-cron' : 'cron';
      const comparisons = compareFireTimes({ id: j.name, input: { dialect, major: 4, expression: j.schedule, timezone: null, assumeTimezone: 'UTC' }, expected: j.expressions });
      for (const c of comparisons.slice(0, 2)) {
        expect(c.anomalies).toEqual([]);
        expect(c.converted).toEqual(c.original);
      }
    }
  });

  it('runs each job once per invocation, honouring the condition', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'lambdashift-test';
    try {
      const ledger = require(path.join(dir, 'src/ledger')) as { runsOf(n: string): number; reset(): void };
      const expected: Record<string, string> = {
        'src/errors.js': 'errors.writeData',
        'src/notifications.js': 'notifications.prune',
        'src/reports.js': 'reports.daily',
      };
      for (const j of jobs) {
        const mod = require(path.join(dir, j.module)) as { handler: (e: unknown) => Promise<void> };
        ledger.reset();
        const counted = expected[j.source.split(':')[0]!] ?? (j.schedule === '0 0 * * *' ? 'user.reset.clean' : 'user.updateLastOnline');
        delete process.env.TRACK_ONLINE;
        await mod.handler(scheduledEvent('2026-06-01T10:00:00Z'));
        expect([j.name, ledger.runsOf(counted)]).toEqual([j.name, counted === 'user.updateLastOnline' ? 0 : 1]);
        process.env.TRACK_ONLINE = '1';
        await mod.handler(scheduledEvent('2026-06-01T10:05:00Z'));
        expect([j.name, ledger.runsOf(counted)]).toEqual([j.name, counted === 'user.updateLastOnline' ? 1 : 2]);
      }
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      delete process.env.TRACK_ONLINE;
    }
  });

  it('leaves no migrated schedule in the app', () => {
    const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
    expect(read('src/notifications.js')).not.toMatch(/new cron\(/);
    expect(read('src/user/jobs.js')).not.toMatch(/new cronJob\(/);
    expect(read('src/user/jobs.js')).toMatch(/User\.stopJobs = function/);
    expect(read('src/reports.js')).not.toMatch(/cron\.schedule\(/);
    // The refused sub-minute job stays.
    expect(read('src/errors.js').match(/new cronJob\(/g)).toHaveLength(1);
  });

  it('changes nothing when migrated again', async () => {
    const again = await migrate({ root: dir });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
    expect(again.functions.filter((f) => f.kind === 'schedule').map((f) => f.name).sort()).toEqual(jobs.map((j) => j.name).sort());
  });

  it('with --keep-schedules guards just those registrations, once', async () => {
    const keep = copyFixture();
    try {
      fs.writeFileSync(path.join(keep, 'lambdashift.config.json'), JSON.stringify({ schedulers: { 'libs/nodeCron': 'node-cron' } }));
      const r = await migrate({ root: keep, keepSchedules: true });
      await applyChangeSet(r.changes, { force: true });
      const jobsFile = fs.readFileSync(path.join(keep, 'src/user/jobs.js'), 'utf8');
      expect(jobsFile).toContain("\t\tif (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n\t\t\tjobs['reset.clean'] = new cronJob('0 0 * * *', User.reset.clean, null, true);\n\t\t}");
      const again = await migrate({ root: keep, keepSchedules: true });
      expect(again.changes.pending().map((c) => c.path)).toEqual([]);
    } finally {
      fs.rmSync(keep, { recursive: true, force: true });
    }
  });
});
