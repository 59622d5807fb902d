/**
 * Jobs registered where real apps register them (issue 18), on a media-server-shaped
 * TypeScript (ES module syntax) app: an exported `init()` and a class's `start()` called from
 * the entry, a start function called from the `listen` callback (converted, with a note that it
 * may not run), arrow callbacks calling an imported function with literal arguments, a named
 * function expression, a bound method, an environment condition without braces, node-schedule
 * 1.x, a schedule from settings given in lambdashift.config `jobs`, and the refusals whose
 * reasons must be the true ones (sub-minute; a method of `this`). Jobs are keyed by schedule:
 * their names are src/plan/naming.ts's business.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import type { Diagnostic } from '../../src/model/diagnostic';
import type { ScheduleFunctionEntry } from '../../src/model/function-entry';
import { migrate } from '../../src/migrate/migrate';
import { compareFireTimes } from '../schedule/harness/equivalence';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fixtures/media-ts');
const scheduledEvent = (time: string) => ({ version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time, region: 'us-east-1', resources: [], detail: {} });
const line = (d: Diagnostic) => `${d.file}:${d.line} ${d.code}: ${d.message}`;

describe('media-server-shaped TypeScript app: init(), start(), listen callback, node-schedule 1', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof migrate>>;
  let jobs: ScheduleFunctionEntry[];

  beforeAll(async () => {
    fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(REPO, '.tmp', 'media-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    // The app declares node-schedule ^1.3.2: install the real 1.x (this repo's aliased devDependency).
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(REPO, 'node_modules/node-schedule1'), path.join(dir, 'node_modules/node-schedule'), 'dir');
    const before = await migrate({ root: dir });
    const dynamic = before.diagnostics.find((d) => d.code === 'cron/dynamic-schedule');
    expect(dynamic && line(dynamic)).toMatch(/^src\/jobs\.ts:18 .*depends on `settings\.digestCron`, read at run time.*lambdashift\.config `jobs` under "src\/jobs\.ts:18"/);
    fs.writeFileSync(path.join(dir, 'lambdashift.config.json'), JSON.stringify({ jobs: { 'src/jobs.ts:18': { schedule: '0 8 * * *', timezone: 'Europe/London' } } }));
    first = await migrate({ root: dir });
    expect(first.changes.counts().failed).toBe(0);
    jobs = first.functions.filter((f): f is ScheduleFunctionEntry => f.kind === 'schedule');
    await applyChangeSet(first.changes, { force: true });
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('converts each fixed (or configured) schedule', () => {
    expect(Object.fromEntries(jobs.map((j) => [j.schedule, [j.expressions, j.timezone]]))).toEqual({
      '0 * * * *': [['cron(0 * * * ? *)'], 'UTC'],
      '0 3 * * *': [['cron(0 3 * * ? *)'], 'Europe/Berlin'],
      '*/15 * * * *': [['cron(0/15 * * * ? *)'], 'UTC'],
      '0 8 * * *': [['cron(0 8 * * ? *)'], 'Europe/London'],
      '15 4 * * *': [['cron(15 4 * * ? *)'], 'UTC'],
      '0 6 * * 1': [['cron(0 6 ? * MON *)'], 'UTC'],
      '45 23 * * *': [['cron(45 23 * * ? *)'], 'UTC'],
    });
  });

  it('gives the true reason for each job it does not convert, and says what it assumed', () => {
    const warnings = first.diagnostics.filter((d) => d.severity !== 'info').map(line);
    expect(warnings).toEqual([
      expect.stringMatching(/^src\/jobs\.ts:16 schedule\/refused: node-cron job `\*\/20 \* \* \* \* \*` is not migrated: node-cron 4 fires 3 times a minute/),
      expect.stringMatching(/^src\/jobs\.ts:\d+ plan\/unsupported-job: .*`this\.tick` belongs to the instance the registration runs in/),
    ]);
    const infos = first.diagnostics.filter((d) => /schedule\/(startup|condition|from-config)/.test(d.code ?? '')).map((d) => d.message);
    expect(infos).toEqual([
      expect.stringMatching(/schedule comes from lambdashift\.config jobs\["src\/jobs\.ts:18"\]/),
      expect.stringMatching(/registered only when `process\.env\.ENABLE_WEEKLY === 'yes'`: the handler checks the same environment variable/),
      expect.stringMatching(/registered in `startBackground`, which runs at most once from the entry src\/main\.ts, but maybe not at all/),
    ]);
  });

  it('has the same fire times as the original library (checked against the EventBridge evaluator)', () => {
    const dialects: Record<string, ['node-cron' | 'cron' | 'node-schedule', number]> = {
      '0 * * * *': ['cron', 4], '0 3 * * *': ['node-cron', 4], '*/15 * * * *': ['node-cron', 4], '0 8 * * *': ['node-cron', 4],
      '15 4 * * *': ['node-schedule', 1], '0 6 * * 1': ['node-schedule', 1], '45 23 * * *': ['node-schedule', 1],
    };
    for (const j of jobs) {
      const [dialect, major] = dialects[j.schedule]!;
      const timezone = j.timezone === 'UTC' ? null : j.timezone;
      const [c] = compareFireTimes({ id: j.name, input: { dialect, major, expression: j.schedule, timezone, assumeTimezone: 'UTC' }, expected: j.expressions });
      expect(c!.anomalies).toEqual([]);
      expect(c!.converted).toEqual(c!.original);
      expect(c!.original.length).toBeGreaterThan(0);
    }
  });

  it('compiles under tsc --strict', () => {
    const tsconfig = path.join(dir, 'tsconfig.check.json');
    fs.writeFileSync(tsconfig, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, strict: true, baseUrl: '.', typeRoots: [path.join(REPO, 'node_modules/@types')], paths: { 'lambdashift/runtime': [path.join(REPO, 'dist/src/runtime/index.d.ts')], '*': [path.join(REPO, 'node_modules/*'), path.join(REPO, 'node_modules/@types/*')] } } }));
    try {
      execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(String((err as { stdout?: Buffer }).stdout ?? err));
    } finally {
      fs.rmSync(tsconfig);
    }
  });

  it('runs each job once per invocation, honouring the condition', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'lambdashift-test';
    try {
      const ledger = (await import(path.join(dir, 'src/ledger'))) as { runsOf(n: string): number; resetLedger(): void };
      const counted: Record<string, string> = {
        '0 * * * *': 'cache.flush', '0 3 * * *': 'purgeSessions', '*/15 * * * *': 'refreshFeeds', '0 8 * * *': 'sendDigest',
        '15 4 * * *': 'report:daily', '0 6 * * 1': 'report:weekly', '45 23 * * *': 'report:nightly',
      };
      for (const j of jobs) {
        const mod = (await import(path.join(dir, j.module))) as { handler: (e: unknown) => Promise<void> };
        ledger.resetLedger();
        delete process.env.ENABLE_WEEKLY;
        await mod.handler(scheduledEvent('2026-06-01T10:00:00Z'));
        const weekly = j.schedule === '0 6 * * 1';
        expect([j.schedule, ledger.runsOf(counted[j.schedule]!)]).toEqual([j.schedule, weekly ? 0 : 1]);
        process.env.ENABLE_WEEKLY = 'yes';
        await mod.handler(scheduledEvent('2026-06-01T10:00:00Z'));
        expect([j.schedule, ledger.runsOf(counted[j.schedule]!)]).toEqual([j.schedule, weekly ? 1 : 2]);
      }
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      delete process.env.ENABLE_WEEKLY;
    }
  });

  it('leaves only the refused schedules in the app, and changes nothing when migrated again', async () => {
    const source = fs.readFileSync(path.join(dir, 'src/jobs.ts'), 'utf8');
    expect(source.match(/cron\.schedule\(|scheduleJob\(|new CronJob\(/g)).toEqual(['cron.schedule(', 'cron.schedule(']);
    expect(source).toMatch(/if \(process\.env\.ENABLE_WEEKLY === 'yes'\) \{\n {6}\/\/ lambdashift: this job now runs as the Lambda function lambda\/jobs\/\w+\.ts \(cron\(0 6 \? \* MON \*\)\)\.\n {4}\}/);
    const again = await migrate({ root: dir });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
  });
});
