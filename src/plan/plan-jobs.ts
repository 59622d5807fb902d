import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { JobFunctionPlan } from '../model/migration-plan';
import type { JobModel } from '../model/service-model';
import { renderGuard, toEventBridgeSchedule, type RecurrenceRuleSpec, type ScheduleInput } from '../schedule';
import { camelIdentifier } from './naming';
import { uniqueCappedName } from './plan-http';

export interface JobPlanOptions {
  outDir: string;
  extension: string;
  language: 'ts' | 'js';
  /** Timezone the service's host runs in, assumed for jobs without one. */
  assumeTimezone: string;
  takenNames: Set<string>;
  /** Longest function name (see `functionNameBudget`); longer ones are shortened and reported. */
  maxNameLength?: number;
}


/** Text of the original schedule for reports: the cron expression, or the rule as JSON. */
export function scheduleText(job: JobModel): string {
  if (job.spec.kind === 'cron') return job.spec.expression;
  if (job.spec.kind === 'date') return job.spec.iso;
  return JSON.stringify(job.spec.fields);
}

/** One scheduled function per job whose schedule converts exactly; the rest are reported. */
export function planJobFunctions(jobs: JobModel[], options: JobPlanOptions): { jobs: JobFunctionPlan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: JobFunctionPlan[] = [];
  for (const job of jobs) {
    const what = `${job.library} job \`${scheduleText(job)}\``;
    if (job.handler.source.kind === 'unsupported') {
      diagnostics.push(diagnostic('warning', job.handler.loc, `${what} is not migrated: its function cannot be imported (${job.handler.source.reason})`, 'plan/unsupported-job'));
      continue;
    }
    let expressions: string[];
    let timezone: string;
    let timezoneAssumed: boolean;
    let guards: Array<string | null> = [];
    const notes: string[] = [];
    if (job.spec.kind === 'date') {
      // A one-shot: EventBridge Scheduler's at() runs it once at that instant (UTC).
      expressions = [`at(${job.spec.iso.slice(0, 19)})`];
      timezone = 'UTC';
      timezoneAssumed = false;
      notes.push('one-time job: scheduled with EventBridge Scheduler at()');
    } else {
      const input: ScheduleInput = {
        dialect: job.library,
        major: job.libraryMajor,
        timezone: job.timezone,
        assumeTimezone: options.assumeTimezone,
        ...(job.spec.kind === 'cron' ? { expression: job.spec.expression } : { rule: job.spec.fields as RecurrenceRuleSpec }),
      };
      const conversion = toEventBridgeSchedule(input);
      if (!conversion.ok) {
        diagnostics.push(diagnostic('warning', job.loc, `${what} is not migrated: ${conversion.reason}`, 'schedule/refused'));
        continue;
      }
      expressions = conversion.expressions;
      timezone = conversion.timezone;
      timezoneAssumed = conversion.timezoneAssumed;
      notes.push(...conversion.notes);
      guards = conversion.schedules.map((s, i) =>
        s.guard ? renderGuard(s.guard, { timezone, functionName: `shouldRunOn${i + 1}`, language: options.language }) : null,
      );
      if (timezoneAssumed) {
        diagnostics.push(diagnostic('info', job.loc, `${what} has no timezone option, so it ran in the host's local time; assumed ${timezone} (set a timezone option to be explicit)`, 'schedule/timezone-assumed'));
      }
    }
    for (const note of notes) diagnostics.push(diagnostic('info', job.loc, `${what}: ${note}`, 'schedule/note'));
    diagnostics.push(...registrationDiagnostics(job, what));
    const opts = job.options;
    for (const key of Object.keys(opts)) {
      if (['timezone', 'name', 'noOverlap', 'scheduled', 'maxExecutions', 'cronTime', 'onTick', 'start', 'timeZone'].includes(key)) continue;
      diagnostics.push(diagnostic('info', job.loc, `${what}: option \`${key}\` has no Lambda equivalent and is not carried over`, 'schedule/option-dropped'));
    }
    if (opts.maxExecutions !== undefined) {
      diagnostics.push(diagnostic('warning', job.loc, `${what}: \`maxExecutions: ${String(opts.maxExecutions)}\` is not enforced by EventBridge; disable the schedule after that many runs`, 'schedule/max-executions'));
    }
    if (opts.scheduled === false || opts.start === false) {
      diagnostics.push(diagnostic('info', job.loc, `${what} is created stopped in the source; its EventBridge schedule is enabled`, 'schedule/created-stopped'));
    }
    const base = camelIdentifier(job.name ?? '') || (job.handler.source.kind === 'extract' ? job.handler.source.exportName : 'scheduledJob');
    const name = uniqueCappedName(base, options.takenNames, options.maxNameLength, job.loc, diagnostics);
    out.push({
      kind: 'schedule',
      name,
      module: `${options.outDir}/jobs/${name}${options.extension}`,
      exportName: 'handler',
      job,
      expressions,
      timezone,
      timezoneAssumed,
      guards,
      notes,
    });
  }
  return { jobs: out, diagnostics };
}

/**
 * What a reviewer must know about where a converted job was registered: a function that may not
 * run exactly once at start-up, conditions the handler checks (environment variables) or cannot
 * check (anything else), and a schedule taken from lambdashift.config.
 */
function registrationDiagnostics(job: JobModel, what: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const r = job.registration;
  if (r && r.runs !== 'once') {
    const how =
      r.runs === 'several'
        ? `may run several times from the entry ${r.entry}, registering the job again each time`
        : r.runs === 'maybe'
          ? `runs at most once from the entry ${r.entry}, but maybe not at all (it is called conditionally or from a callback)`
          : r.entry
            ? `is not called from the entry ${r.entry} as far as lambdashift can follow, so it may run several times or not at all`
            : 'may run several times or not at all: no entry was found (package.json main or a start script) to follow calls from';
    out.push(diagnostic('info', job.loc, `${what} is registered in ${r.within}, which ${how}; its EventBridge schedule runs the job on every fire regardless`, 'schedule/startup'));
  }
  for (const c of job.conditions ?? []) {
    if (c.env) {
      out.push(diagnostic('info', job.loc, `${what} is registered only when \`${c.text}\`: the handler checks the same environment variable (${c.env.name}) on every run, so set it on the Lambda function`, 'schedule/condition'));
    } else {
      out.push(diagnostic('warning', job.loc, `${what} is registered only when \`${c.text}\`, which the handler cannot check the same way; the schedule always runs: disable it where that condition is false`, 'schedule/condition'));
    }
  }
  if (job.scheduleFromConfig) out.push(diagnostic('info', job.loc, `${what}: the schedule comes from lambdashift.config jobs["${job.scheduleFromConfig}"], not from the source`, 'schedule/from-config'));
  return out;
}
