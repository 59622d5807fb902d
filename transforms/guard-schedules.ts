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
 * (`new CronJob(...)`, `CronJob.from(...)`, `cron.schedule(...)`, `cron.createTask(...)`).
 * Declarations move into the block with the statements right after them that use the job; a
 * job used elsewhere or exported is refused (that code would see undefined). Adjacent guarded
 * statements share one block; already guarded calls are left alone.
 *
 * Options:
 * - `calls?: Array<{ line, column }>`: 1-based start of each schedule call (or `new CronJob`)
 *   to guard; without it every schedule call described above is guarded.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, isBooleanLiteral, isCall, isIdentifier, memberName, positionOf,
  programBody, requireSpecifier, stringValue, unwrap,
  ensureLocations,
} from './lib/ast';
import { applyEdits } from './lib/edits';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { type ScopeAnalysis, analyzeScopes } from './lib/scope';

export interface GuardSchedulesOptions {
  calls?: Position[];
}

/** The package a module-level name comes from (import or require), or null. */
function packageOf(name: string, scopes: ScopeAnalysis): string | null {
  const decl = scopes.module.bindings.get(name)?.declaration;
  if (!decl) return null;
  if (decl.type === 'ImportDeclaration') return stringValue(decl.source);
  if (decl.type === 'VariableDeclaration') {
    for (const d of decl.declarations) {
      let init = d.init ? unwrap(d.init) : null;
      while (init && init.type === 'MemberExpression') init = unwrap(init.object);
      const spec = init ? requireSpecifier(init) : null;
      if (spec) return spec;
    }
  }
  return null;
}

function fromPackage(node: AnyNode, scopes: ScopeAnalysis, pkg: string, fallbackNames: string[]): boolean {
  if (!isIdentifier(node)) return false;
  const from = packageOf(node.name, scopes);
  return from === pkg || (from === null && fallbackNames.includes(node.name));
}

/** `new CronJob(...)` / `new cron.CronJob(...)`. */
function isCronJobNew(node: AnyNode): boolean {
  if (node.type !== 'NewExpression') return false;
  const callee = unwrap(node.callee);
  return isIdentifier(callee, 'CronJob') || memberName(callee) === 'CronJob';
}

/** `CronJob.from({...})`. */
function isCronJobFrom(node: AnyNode): boolean {
  return isCall(node) && memberName(node.callee) === 'from' && (isIdentifier(unwrap(node.callee.object), 'CronJob') || memberName(unwrap(node.callee.object)) === 'CronJob');
}

/** An object literal with `start: true`. */
function startsItself(options: AnyNode | undefined): boolean {
  if (!options || options.type !== 'ObjectExpression') return false;
  return options.properties.some((p: AnyNode) => (p.key?.name ?? stringValue(p.key)) === 'start' && isBooleanLiteral(p.value, true));
}

/** A call that starts a schedule by itself. */
function isSchedulingCall(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (isCronJobNew(node)) return isBooleanLiteral(node.arguments[3], true);
  if (isCronJobFrom(node)) return startsItself(node.arguments[0]);
  if (!isCall(node)) return false;
  const callee = unwrap(node.callee);
  const name = memberName(callee);
  if (name === 'schedule') return fromPackage(unwrap(callee.object), scopes, 'node-cron', ['cron', 'nodeCron']);
  if (name === 'scheduleJob') return fromPackage(unwrap(callee.object), scopes, 'node-schedule', ['schedule', 'nodeSchedule']);
  if (isIdentifier(callee, 'schedule')) return packageOf('schedule', scopes) === 'node-cron';
  if (isIdentifier(callee, 'scheduleJob')) return packageOf('scheduleJob', scopes) === 'node-schedule';
  return false;
}

/** A call or `new` that creates a job or task (started or not). */
function isJobFactory(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (isCronJobNew(node) || isCronJobFrom(node) || isSchedulingCall(node, scopes)) return true;
  return isCall(node) && memberName(node.callee) === 'createTask' && fromPackage(unwrap(node.callee.object), scopes, 'node-cron', ['cron', 'nodeCron']);
}

/** `job.start()` where `job` is declared at the top level from a job factory. */
function isJobStart(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (!isCall(node) || memberName(node.callee) !== 'start') return false;
  const object = unwrap(node.callee.object);
  if (!isIdentifier(object)) return false;
  const decl = scopes.module.bindings.get(object.name)?.declaration;
  if (decl?.type !== 'VariableDeclaration') return false;
  return decl.declarations.some((d: AnyNode) => isIdentifier(d.id, object.name) && d.init && isJobFactory(unwrap(d.init), scopes));
}

/** The calls a top-level statement consists of: its expression (or declaration init) and the callee chain below it. */
function statementChain(statement: AnyNode): AnyNode[] {
  let e: AnyNode | null = null;
  if (statement.type === 'ExpressionStatement') e = statement.expression;
  else if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) e = statement.declarations[0].init;
  const chain: AnyNode[] = [];
  while (e) {
    e = unwrap(e);
    if (e.type === 'AwaitExpression') e = unwrap(e.argument);
    if (e.type === 'AssignmentExpression' && e.operator === '=') e = unwrap(e.right);
    if (!isCall(e) && e.type !== 'NewExpression') break;
    chain.push(e);
    const callee = unwrap(e.callee);
    e = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? callee.object : null;
  }
  return chain;
}

function findCallAt(program: AnyNode, at: Position): AnyNode | null {
  let found: AnyNode | null = null;
  const visit = (n: AnyNode): void => {
    if (found) return;
    if (isCall(n) || n.type === 'NewExpression') {
      const p = positionOf(n);
      if (p.line === at.line && p.column === at.column) {
        found = n;
        return;
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && visit(c));
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(program);
  return found;
}

export default function guardSchedules(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  const opts = options as GuardSchedulesOptions;
  const root = j(file.source);
  const program = root.get().node.program as AnyNode;
  ensureLocations(program, file.source);
  const body = programBody(program);
  const scopes = analyzeScopes(program);
  const refusals: Refusal[] = [];
  const targets: Array<{ index: number; call: AnyNode }> = [];

  if (Array.isArray(opts.calls)) {
    for (const at of opts.calls) {
      const call = findCallAt(program, at);
      const index = call ? body.findIndex((s) => s.start <= call.start && call.end <= s.end) : -1;
      if (!call || index < 0) refusals.push({ ...at, reason: 'no call starts here' });
      else if (statementChain(body[index]).includes(call)) targets.push({ index, call });
      else if (!isGuard(body[index], file.source)) {
        refusals.push({ ...at, reason: 'the call is not a statement at the top level of the module; guard it by hand' });
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
  if (!groups.length) return undefined;
  const comments: AnyNode[] = root.get().node.comments ?? [];
  return applyEdits(file.source, groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD)));
}
