/**
 * guard-schedules: keeps top-level schedules from starting inside Lambda, where the jobs run
 * from EventBridge instead (`migrate --keep-schedules`), while the service still runs them
 * everywhere else.
 *
 * Before:
 *
 *     const cron = require('node-cron');
 *     const { CronJob } = require('cron');
 *     cron.schedule('0 * * * *', sendDigest);
 *     const cleanup = new CronJob('0 0 * * *', purge, null, true, 'UTC');
 *     cleanup.addCallback(report);
 *     module.exports = { sendDigest, purge };
 *
 * After:
 *
 *     const cron = require('node-cron');
 *     const { CronJob } = require('cron');
 *     if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
 *       cron.schedule('0 * * * *', sendDigest);
 *       const cleanup = new CronJob('0 0 * * *', purge, null, true, 'UTC');
 *       cleanup.addCallback(report);
 *     }
 *     module.exports = { sendDigest, purge };
 *
 * The environment check (Lambda sets `AWS_LAMBDA_FUNCTION_NAME` in every function) rather
 * than a "run directly" check, because schedules often live in modules the entry point
 * imports, and those must keep starting them outside Lambda.
 *
 * Handled statements, at the top level only: node-cron `cron.schedule(...)` (and a named
 * `schedule(...)` import), cron's `new CronJob(..., onComplete, true)` and
 * `CronJob.from({ ..., start: true })`, node-schedule `schedule.scheduleJob(...)` /
 * `scheduleJob(...)`, and `job.start()` on a job or task created at the top level
 * (`new CronJob(...)`, `CronJob.from(...)`, `cron.schedule(...)`, `cron.createTask(...)`), also
 * when imported under another name (lib/schedules, the recognition remove-schedules uses too).
 * Declarations move into the block with the statements right after them that use the job; a
 * job used elsewhere or exported is refused (that code would see undefined). Adjacent guarded
 * statements share one block, and a comment at the end of the last one's line goes in with it;
 * already guarded calls are left alone.
 *
 * Inside a function, only with `calls`: just that statement is wrapped in the same check
 * (lib/nested-schedules); a declaration whose name later code uses is refused.
 *
 * Options:
 * - `calls?: Array<{ line, column }>`: 1-based start of each schedule call (or `new CronJob`)
 *   to guard; without it every schedule call described above is guarded.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { type AnyNode, type Position, type Refusal, programBody, topLevelIndex } from './lib/ast';
import { type Edit, applyEdits, indentUnit } from './lib/edits';
import { nestedGuardEdit, nestedProblem, nestedRegistration } from './lib/nested-schedules';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { findCallAt, isJobStart, isSchedulingCall, statementChain } from './lib/schedules';
import { analyzeScopes } from './lib/scope';

export interface GuardSchedulesOptions {
  calls?: Position[];
}

export default function guardSchedules(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as GuardSchedulesOptions;
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const body = programBody(program);
  const scopes = analyzeScopes(program);
  const refusals: Refusal[] = [];
  const targets: Array<{ index: number; call: AnyNode }> = [];
  const nested: Edit[] = [];

  if (Array.isArray(opts.calls)) {
    for (const at of opts.calls) {
      const call = findCallAt(program, at);
      const index = call ? topLevelIndex(program, call) : -1;
      if (!call || index < 0) refusals.push({ ...at, reason: 'no call starts here' });
      else if (statementChain(body[index]).includes(call)) targets.push({ index, call });
      else if (!isGuard(body[index], file.source)) {
        // Inside a function (a start function, a mixin): guard just that statement.
        const reg = nestedRegistration(program, call, file.source);
        const problem = typeof reg === 'string' ? reg.replace('remove it', 'guard it') : reg.guardedBy ? null : nestedProblem(reg, scopes, file.source, true);
        if (problem) refusals.push({ ...at, reason: problem });
        else if (typeof reg !== 'string' && !reg.guardedBy) nested.push(nestedGuardEdit(reg, file.source, indentUnit(file.source)));
      }
    }
  } else {
    body.forEach((s, index) => {
      const call = statementChain(s).find((c) => isSchedulingCall(c, scopes) || isJobStart(c, scopes));
      if (call) targets.push({ index, call });
    });
  }

  const { groups, refusals: groupRefusals } = planGroups(program, scopes, targets, 'the job');
  refusals.push(...groupRefusals);
  for (const r of refusals) api.report?.(`${r.line}:${r.column}: cannot guard schedule: ${r.reason}`);
  if (!groups.length && !nested.length) return undefined;
  return applyEdits(file.source, [...groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD)), ...nested]);
}
