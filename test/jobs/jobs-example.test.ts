/**
 * The scheduled-jobs example end to end: migrate a copy with --write semantics, compile the
 * result under `tsc --strict`, invoke every generated handler with a real-shaped EventBridge
 * scheduled event (in-process, as Lambda would: AWS_LAMBDA_FUNCTION_NAME set) and check each
 * runs its original job function exactly once; a second migration changes nothing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangeSet } from '../../src/changes/change-set';
import { applyChangeSet } from '../../src/changes/writer';
import type { ScheduleFunctionEntry } from '../../src/model/function-entry';
import { migrate } from '../../src/migrate/migrate';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/jobs-ts-service');

/** A copy inside the repo so the generated modules resolve the repo's node-cron, cron, node-schedule. */
function copyExample(): string {
  const base = path.join(REPO, '.tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'jobs-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (s) => !s.split(path.sep).includes('node_modules') });
  return dir;
}

/** What EventBridge delivers for a scheduled rule (aws-lambda-go's testdata shape). */
function scheduledEvent(time: string) {
  return {
    version: '0',
    id: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time,
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:123456789012:rule/lambdashift-job'],
    detail: {},
  };
}

describe('jobs-ts-service migration', () => {
  let dir: string;
  let jobs: ScheduleFunctionEntry[];
  let firstCounts: ReturnType<ChangeSet['counts']>;

  beforeAll(async () => {
    dir = copyExample();
    const result = await migrate({ root: dir });
    expect(result.changes.counts().failed).toBe(0);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    jobs = result.functions.filter((f): f is ScheduleFunctionEntry => f.kind === 'schedule');
    firstCounts = result.changes.counts();
    await applyChangeSet(result.changes, { force: true });
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns every job into a scheduled function with exact EventBridge expressions', () => {
    const summary = Object.fromEntries(jobs.map((j) => [j.name, [j.schedule, j.expressions, j.timezone]]));
    expect(summary).toEqual({
      retryFailedPayments: ['*/15 * * * *', ['cron(0/15 * * * ? *)'], 'UTC'],
      sendRevenueDigest: ['30 8 * * mon', ['cron(30 8 ? * MON *)'], 'Europe/Berlin'],
      firstMondayReport: ['0 6 1-7 * 1', ['cron(0 6 ? * 2#1 *)'], 'America/New_York'],
      closeMonth: ['0 0 1 1 * *', ['cron(0 1 1 * ? *)'], 'UTC'],
      exportFxRates: ['0 0 7 * * 1-5', ['cron(0 7 ? * MON-FRI *)'], 'Asia/Singapore'],
      dueReminders: [expect.stringContaining('"hour":18'), ['cron(0 18 ? * MON-FRI *)'], 'Europe/London'],
      purgeExpiredQuotes: [expect.stringContaining('"hour":2'), ['cron(30 2 ? * SUN *)'], 'UTC'],
    });
    for (const j of jobs) expect(j.module).toBe(`lambda/jobs/${j.name}.ts`);
  });

  it('compiles under tsc --strict', () => {
    // The copy has no node_modules/lambdashift: map the runtime to this repo's build (what the
    // published package ships; `npm test` builds it first).
    const tsconfig = path.join(dir, 'tsconfig.check.json');
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, strict: true, baseUrl: '.', paths: { 'lambdashift/runtime': [path.join(REPO, 'dist/src/runtime/index.d.ts')] } } }),
    );
    try {
      execFileSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(String((err as { stdout?: Buffer }).stdout ?? err));
    } finally {
      fs.rmSync(tsconfig);
    }
  });

  it('runs each original job exactly once per scheduled invocation, and none at import inside Lambda', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'lambdashift-test';
    try {
      const ledger = (await import(path.join(dir, 'src/ledger'))) as typeof import('../../examples/jobs-ts-service/src/ledger');
      ledger.resetLedger();
      const counted: Record<string, string> = {
        retryFailedPayments: 'retryFailedPayments',
        sendRevenueDigest: 'sendRevenueDigest',
        firstMondayReport: 'firstMondayReport',
        closeMonth: 'closeMonth',
        exportFxRates: 'exportFxRates',
        dueReminders: 'sendDueReminders',
        purgeExpiredQuotes: 'purgeExpiredQuotes',
      };
      for (const job of jobs) {
        const mod = (await import(path.join(dir, job.module))) as { handler: (e: unknown) => Promise<void> };
        expect(ledger.runsOf(counted[job.name]!)).toBe(0);
        await mod.handler(scheduledEvent('2026-06-01T10:00:00Z'));
        expect(ledger.runsOf(counted[job.name]!)).toBe(1);
      }
    } finally {
      delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    }
  });

  it('changes nothing when migrated again', async () => {
    const again = await migrate({ root: dir });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
    // The summary adds up across runs: what the first run created, modified or left is what the
    // second one reports unchanged (the files whose schedules were removed included).
    expect(again.changes.counts().unchanged).toBe(firstCounts.created + firstCounts.modified + firstCounts.unchanged);
    expect(again.changes.get('src/jobs/invoices.ts')?.status).toBe('unchanged');
    expect(again.functions.filter((f) => f.kind === 'schedule').map((f) => f.name).sort()).toEqual(jobs.map((j) => j.name).sort());
  });
});
