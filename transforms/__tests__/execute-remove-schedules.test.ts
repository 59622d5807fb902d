/**
 * remove-schedules, executed: job modules using node-cron, cron and node-schedule are rewritten,
 * then loaded by real Node processes. Before the rewrite, loading them schedules jobs (and the
 * timers keep the process alive); afterwards nothing is scheduled, the process exits by itself,
 * and the job functions are still exported and run when called.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import removeSchedules from '../remove-schedules';
import { runTransform } from './fixture-harness';

const REPO = path.resolve(__dirname, '..', '..');
let dir: string;

/** Runs Node in the scratch directory; throws when it fails or is still running after `timeout` ms. */
function node(args: string[], timeout = 20000): string {
  return execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\s+/g, ' ').trim();
}

/** Whether the process is still running (kept alive by a timer) after `ms`. */
function staysAlive(args: string[], ms = 1500): boolean {
  try {
    node(args, ms);
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'ETIMEDOUT') return true;
    throw err;
  }
}

/** Writes `<name>` rewritten and `before-<name>` as it was; returns the rewritten text. */
function writeBoth(name: string, source: string): string {
  const { output, reports } = runTransform(removeSchedules as Transform, path.join(dir, name), source, {});
  expect(reports).toEqual([]);
  fs.writeFileSync(path.join(dir, `before-${name}`), source);
  fs.writeFileSync(path.join(dir, name), output);
  return output;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-remove-schedules-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('CommonJS module with node-cron and cron', () => {
  let output: string;
  beforeAll(() => {
    output = writeBoth('jobs.js', [
      "const cron = require('node-cron');",
      "const { CronJob } = require('cron');",
      "function tick() { console.log('tick ran'); }",
      "cron.schedule('0 * * * *', tick);",
      "const nightly = cron.createTask('0 0 * * *', tick);",
      'nightly.start();',
      "new CronJob('0 12 * * *', tick, null, true);",
      'module.exports = { tick };',
      '',
    ].join('\n'));
  });

  const countTasks = (file: string, exit: boolean): string[] => [
    '-e', `const cron = require('node-cron'); require('./${file}'); console.log(cron.getTasks().size);${exit ? ' process.exit(0);' : ''}`,
  ];

  it('scheduled the jobs before the rewrite', () => {
    expect(node(countTasks('before-jobs.js', true))).toBe('2');
    expect(staysAlive(countTasks('before-jobs.js', false))).toBe(true);
  });

  it('schedules nothing after it, and nothing keeps the process alive', () => {
    expect(output).toContain('// lambdashift: this job now runs on an EventBridge schedule.');
    expect(node(countTasks('jobs.js', false))).toBe('0');
  });

  it('still exports a callable job function', () => {
    expect(node(['-e', "const { tick } = require('./jobs.js'); console.log(typeof tick); tick();"])).toBe('function tick ran');
  });
});

describe('ES module with node-schedule and CronJob.from', () => {
  beforeAll(() => {
    writeBoth('jobs.mjs', [
      "import { scheduleJob } from 'node-schedule';",
      "import { CronJob } from 'cron';",
      "export function report() { console.log('report ran'); }",
      "scheduleJob('0 18 * * *', report);",
      "const weekly = CronJob.from({ cronTime: '0 6 * * 1', onTick: report });",
      'weekly.start();',
      '',
    ].join('\n'));
  });

  const load = (file: string, exit: boolean): string[] => [
    '--input-type=module', '-e',
    `import schedule from 'node-schedule'; const m = await import('./${file}'); console.log(Object.keys(schedule.scheduledJobs).length); m.report();${exit ? ' process.exit(0);' : ''}`,
  ];

  it('scheduled the jobs before the rewrite', () => {
    expect(node(load('before-jobs.mjs', true))).toBe('1 report ran');
    expect(staysAlive(load('before-jobs.mjs', false))).toBe(true);
  });

  it('schedules nothing after it, exits by itself, and the job still runs when called', () => {
    expect(node(load('jobs.mjs', false))).toBe('0 report ran');
  });
});
