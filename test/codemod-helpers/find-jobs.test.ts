import jscodeshift from 'jscodeshift';
import type { API, FileInfo } from 'jscodeshift';
import { findJobs, type FoundJob } from '../../src/codemod-helpers';

type Parser = 'tsx' | 'ts' | 'babel';

/** The parts of each job a test compares, with the handler printed as written. */
function jobs(source: string, parser: Parser) {
  const j = jscodeshift.withParser(parser);
  return findJobs(j, j(source)).map((job: FoundJob) => ({
    library: job.library,
    expression: job.expression,
    handler: job.handler ? j(job.handler).toSource() : null,
    ...(job.name !== undefined ? { name: job.name } : {}),
    at: `${job.line}:${job.column}`,
  }));
}

describe.each<Parser>(['tsx', 'babel'])('findJobs (%s parser)', (parser) => {
  it('finds node-cron schedule and createTask under any import name, with options and task files', () => {
    const source = `import nodeCron from 'node-cron';
import { schedule as every, createTask } from 'node-cron';
import { NIGHTLY } from './schedules';

export async function cleanup() {}
nodeCron.schedule('*/15 * * * *', cleanup, { timezone: 'Europe/Berlin', name: 'cleanup-sessions' });
every(\`0 3 * * *\`, async () => {
  await report();
});
const monthly = createTask(NIGHTLY, report);
nodeCron.schedule('0 * * * *', './tasks/hourly.js');
nodeCron.validate('* * * * *');
nodeCron.getTasks();
monthly.start();
`;
    expect(jobs(source, parser)).toEqual([
      { library: 'node-cron', expression: '*/15 * * * *', handler: 'cleanup', name: 'cleanup-sessions', at: '6:1' },
      { library: 'node-cron', expression: '0 3 * * *', handler: 'async () => {\n  await report();\n}', at: '7:1' },
      { library: 'node-cron', expression: null, handler: 'report', at: '10:17' },
      { library: 'node-cron', expression: '0 * * * *', handler: "'./tasks/hourly.js'", at: '11:1' },
    ]);
  });

  it('finds the cron package: new CronJob, new cron.CronJob, CronJob.from and the legacy object form', () => {
    const source = `const { CronJob } = require('cron');
const cron = require('cron');
const Job = require('cron').CronJob;

function tick() {}
const every5 = new CronJob('0 */5 * * * *', tick, null, true, 'America/New_York');
CronJob.from({ cronTime: '0 0 9 * * 1-5', onTick: tick, start: true, timeZone: 'UTC', name: 'morning' });
new cron.CronJob('* * * * * *', () => console.log('tick'));
cron.CronJob.from({
  cronTime: new Date(Date.now() + 1000),
  onTick() { console.log('once'); },
});
new Job({ cronTime: '0 0 * * * *', onTick: hourly });
const time = new cron.CronTime('* * * * *');
every5.start();
module.exports = { tick };
`;
    expect(jobs(source, parser)).toEqual([
      { library: 'cron', expression: '0 */5 * * * *', handler: 'tick', at: '6:16' },
      { library: 'cron', expression: '0 0 9 * * 1-5', handler: 'tick', name: 'morning', at: '7:1' },
      { library: 'cron', expression: '* * * * * *', handler: "() => console.log('tick')", at: '8:1' },
      // An `onTick() {}` method is the handler itself.
      { library: 'cron', expression: null, handler: "onTick() { console.log('once'); }", at: '9:1' },
      { library: 'cron', expression: '0 0 * * * *', handler: 'hourly', at: '13:1' },
    ]);
  });

  it('finds node-schedule jobs: strings, names, rules, object specs, and a named scheduleJob import', () => {
    const source = `import schedule, { scheduleJob as at } from 'node-schedule';

const rule = new schedule.RecurrenceRule();
rule.hour = 17;
schedule.scheduleJob('digest', '30 7 * * *', sendDigest);
schedule.scheduleJob(rule, async () => { await close(); });
schedule.scheduleJob({ hour: 14, minute: 30, dayOfWeek: 0 }, weekly);
schedule.scheduleJob({ rule: '0 0 * * *', tz: 'Etc/UTC' }, nightly);
at(new Date('2030-01-01T00:00:00Z'), once);
at('*/10 * * * *', poll, onDone);
schedule.cancelJob('digest');
`;
    expect(jobs(source, parser)).toEqual([
      { library: 'node-schedule', expression: '30 7 * * *', handler: 'sendDigest', name: 'digest', at: '5:1' },
      { library: 'node-schedule', expression: null, handler: 'async () => { await close(); }', at: '6:1' },
      { library: 'node-schedule', expression: null, handler: 'weekly', at: '7:1' },
      { library: 'node-schedule', expression: '0 0 * * *', handler: 'nightly', at: '8:1' },
      { library: 'node-schedule', expression: null, handler: 'once', at: '9:1' },
      // node-schedule itself reads three arguments with a string first as (name, spec, fn).
      { library: 'node-schedule', expression: null, handler: 'onDone', name: '*/10 * * * *', at: '10:1' },
    ]);
  });

  it('lists jobs from all three libraries in source order, also inside functions', () => {
    const source = `const cron = require('node-cron');
const { CronJob } = require('cron');
const schedule = require('node-schedule');

function start() {
  schedule.scheduleJob('0 1 * * *', nightly);
  if (process.env.JOBS) {
    cron.schedule('* * * * *', () => {
      new CronJob('0 0 0 * * *', inner);
    });
  }
}
cron.createTask('0 2 * * *', later);
`;
    expect(jobs(source, parser).map((j) => `${j.library} ${j.expression} ${j.at}`)).toEqual([
      'node-schedule 0 1 * * * 6:3',
      'node-cron * * * * * 8:5',
      'cron 0 0 0 * * * 9:7',
      'node-cron 0 2 * * * 13:1',
    ]);
  });

  it('ignores look-alikes: shadowed names, other packages, globals, and unrelated schedule methods', () => {
    const source = `import cron from 'node-cron';
import { CronJob } from './my-cron';
import * as schedule from './schedule';

function plan(cron) {
  cron.schedule('* * * * *', tick);
}
{
  const cron = { schedule() {} };
  cron.schedule('0 * * * *', tick);
}
new CronJob('* * * * *', tick);
schedule.scheduleJob('* * * * *', tick);
calendar.schedule('* * * * *', tick);
new Cron('* * * * *', tick);
new cron.schedule('* * * * *', tick);
cron.schedule('0 0 * * *', real);
`;
    expect(jobs(source, parser).map((j) => `${j.expression} ${j.handler}`)).toEqual(['0 0 * * * real']);
  });

  it('skips shapes it does not understand instead of throwing, and finds nothing without the libraries', () => {
    const source = `const cron = require('node-cron');
const { CronJob } = require('cron');
cron.schedule(...args);
cron.schedule(EXPR, ...rest);
cron.schedule();
cron['schedule']('* * * * *', bracket);
CronJob.from(options);
CronJob.from();
new CronJob();
cron.schedule?.('1 * * * *', optional);
`;
    expect(() => jobs(source, parser)).not.toThrow();
    expect(jobs(source, parser).map((j) => `${j.library} ${j.expression} ${j.handler}`)).toEqual([
      'node-cron null null',
      'node-cron null null',
      'node-cron null null',
      'node-cron * * * * * bracket',
      'cron null null',
      'cron null null',
      'cron null null',
      'node-cron 1 * * * * optional',
    ]);
    expect(jobs(`setInterval(tick, 1000);\nqueue.schedule('* * * * *', tick);\n`, parser)).toEqual([]);
  });
});

describe('findJobs (TypeScript-only syntax)', () => {
  it.each<Parser>(['ts', 'tsx'])('reads import = require, namespace imports and typed handlers (%s)', (parser) => {
    const source = `import cron = require('node-cron');
import * as croner from 'cron';
import type { ScheduledTask } from 'node-cron';

const task: ScheduledTask = cron.schedule('0 12 * * *', async (): Promise<void> => {
  await sync();
}, { name: 'sync' } as const);
const job = croner.CronJob.from({ cronTime: '0 0 * * * *' as string, onTick: (() => refresh()) as () => void });
`;
    expect(jobs(source, parser)).toEqual([
      { library: 'node-cron', expression: '0 12 * * *', handler: 'async (): Promise<void> => {\n  await sync();\n}', at: '5:29' },
      { library: 'cron', expression: '0 0 * * * *', handler: '(() => refresh()) as () => void', at: '8:13' },
    ]);
  });

  it('reports columns in the text as written in tab-indented files', () => {
    const source = "import cron from 'node-cron';\nif (on) {\n\tcron.schedule('* * * * *', tick);\n}\n";
    const j = jscodeshift.withParser('ts');
    expect(findJobs(j, j(source)).map((job) => [job.line, job.column])).toEqual([[3, 2]]);
  });
});

describe('findJobs inside a transform', () => {
  /** Wraps each job's handler in `guarded(...)`, proving the paths are editable. */
  function guardHandlers(file: FileInfo, api: API): string {
    const j = api.jscodeshift;
    const root = j(file.source);
    for (const job of findJobs(j, root)) {
      if (job.handler) j(job.handler).replaceWith((p) => j.callExpression(j.identifier('guarded'), [p.node]));
    }
    return root.toSource();
  }

  it('edits handlers in place, including the onTick property of CronJob.from', () => {
    const source = `import cron from 'node-cron';
import { CronJob } from 'cron';

cron.schedule('* * * * *', tick);
CronJob.from({ cronTime: '0 0 * * * *', onTick: hourly, start: true });
`;
    const j = jscodeshift.withParser('tsx');
    const out = guardHandlers({ path: 'jobs.ts', source }, { j, jscodeshift: j, stats: () => undefined, report: () => undefined });
    expect(out).toBe(`import cron from 'node-cron';
import { CronJob } from 'cron';

cron.schedule('* * * * *', guarded(tick));
CronJob.from({ cronTime: '0 0 * * * *', onTick: guarded(hourly), start: true });
`);
  });
});
