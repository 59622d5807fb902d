/**
 * Recognising in-process schedules at the top level of a module: node-cron
 * (`cron.schedule`, `cron.createTask`, a named `schedule` import), cron (`new CronJob`,
 * `CronJob.from`) and node-schedule (`schedule.scheduleJob`, a named `scheduleJob` import), and
 * `job.start()` on a job created at the top level.
 *
 * Shared by guard-schedules and remove-schedules, so both act on the same statements. Names
 * imported under another name are recognised (`import { schedule as every } from 'node-cron'`,
 * `const { CronJob: Job } = require('cron')`), and so are TypeScript's
 * `import cron = require('node-cron')` and `export const job = ...` /
 * `export default cron.schedule(...)` statements (seen so that they can be refused rather than
 * silently left running).
 */
import {
  type AnyNode, type Position, isBooleanLiteral, isCall, isIdentifier, memberName, positionOf, requireSpecifier,
  stringValue, unwrap, walk,
} from './ast';
import { type ScopeAnalysis } from './scope';

/** The scheduling libraries whose calls and imports the schedule transforms handle. */
export const SCHEDULE_PACKAGES: ReadonlySet<string> = new Set(['node-cron', 'cron', 'node-schedule']);

/** The package a module-level name comes from (import, `import x = require`, or require), or null. */
export function packageOf(name: string, scopes: ScopeAnalysis): string | null {
  const decl = scopes.module.bindings.get(name)?.declaration;
  if (!decl) return null;
  if (decl.type === 'ImportDeclaration') return stringValue(decl.source);
  if (decl.type === 'TSImportEqualsDeclaration') {
    return decl.moduleReference?.type === 'TSExternalModuleReference' ? stringValue(decl.moduleReference.expression) : null;
  }
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

/**
 * What a module-level name was imported as: the package and the exported name (`*` for the
 * module object itself, also for a default import or `require('p').default`), or null.
 */
export function importedAs(name: string, scopes: ScopeAnalysis): { pkg: string; name: string } | null {
  const decl = scopes.module.bindings.get(name)?.declaration;
  if (!decl) return null;
  if (decl.type === 'ImportDeclaration') {
    const pkg = stringValue(decl.source);
    const spec = (decl.specifiers ?? []).find((s: AnyNode) => s.local?.name === name);
    if (!pkg || !spec) return null;
    if (spec.type !== 'ImportSpecifier') return { pkg, name: '*' };
    return { pkg, name: spec.imported.name ?? stringValue(spec.imported) ?? '' };
  }
  if (decl.type === 'TSImportEqualsDeclaration') {
    const pkg = packageOf(name, scopes);
    return pkg ? { pkg, name: '*' } : null;
  }
  if (decl.type !== 'VariableDeclaration') return null;
  for (const d of decl.declarations) {
    const init = d.init ? unwrap(d.init) : null;
    if (!init) continue;
    if (isIdentifier(d.id, name)) {
      const direct = requireSpecifier(init);
      if (direct) return { pkg: direct, name: '*' };
      const member = memberName(init);
      const pkg = member ? requireSpecifier(unwrap(init.object)) : null;
      if (pkg && member) return { pkg, name: member === 'default' ? '*' : member };
    } else if (d.id.type === 'ObjectPattern') {
      const pkg = requireSpecifier(init);
      const prop = d.id.properties.find((p: AnyNode) => p.type !== 'RestElement' && isIdentifier(p.value, name) && !p.computed);
      if (pkg && prop) return { pkg, name: prop.key.name ?? stringValue(prop.key) ?? '' };
    }
  }
  return null;
}

/** A bare identifier imported as `exported` from `pkg`, under any local name. */
function isImported(node: AnyNode, scopes: ScopeAnalysis, pkg: string, exported: string): boolean {
  if (!isIdentifier(node)) return false;
  const from = importedAs(node.name, scopes);
  return from?.pkg === pkg && from.name === exported;
}

function fromPackage(node: AnyNode, scopes: ScopeAnalysis, pkg: string, fallbackNames: string[]): boolean {
  if (!isIdentifier(node)) return false;
  const from = packageOf(node.name, scopes);
  return from === pkg || (from === null && fallbackNames.includes(node.name));
}

/** `CronJob`, `cron.CronJob`, or cron's `CronJob` imported under another name. */
function isCronJobClass(node: AnyNode, scopes: ScopeAnalysis): boolean {
  return isIdentifier(node, 'CronJob') || memberName(node) === 'CronJob' || isImported(node, scopes, 'cron', 'CronJob');
}

/** `new CronJob(...)` / `new cron.CronJob(...)`. */
export function isCronJobNew(node: AnyNode, scopes: ScopeAnalysis): boolean {
  return node.type === 'NewExpression' && isCronJobClass(unwrap(node.callee), scopes);
}

/** `CronJob.from({...})`. */
export function isCronJobFrom(node: AnyNode, scopes: ScopeAnalysis): boolean {
  return isCall(node) && memberName(node.callee) === 'from' && isCronJobClass(unwrap(node.callee.object), scopes);
}

/** The value of property `name` in an object literal (`Property`/`ObjectProperty`/`ObjectMethod`), or null. */
function property(object: AnyNode | undefined, name: string): AnyNode | null {
  if (!object || object.type !== 'ObjectExpression') return null;
  for (const p of object.properties as AnyNode[]) {
    if (p.computed || (p.key?.name ?? stringValue(p.key)) !== name) continue;
    return p.type === 'ObjectMethod' ? p : p.value;
  }
  return null;
}

/** A node-cron call (`cron.schedule`, `cron.createTask`, or a named import of either). */
function nodeCronCall(node: AnyNode, scopes: ScopeAnalysis): 'schedule' | 'createTask' | null {
  if (!isCall(node)) return null;
  const callee = unwrap(node.callee);
  const name = memberName(callee);
  if ((name === 'schedule' || name === 'createTask') && fromPackage(unwrap(callee.object), scopes, 'node-cron', ['cron', 'nodeCron'])) return name;
  if (isImported(callee, scopes, 'node-cron', 'schedule')) return 'schedule';
  if (isImported(callee, scopes, 'node-cron', 'createTask')) return 'createTask';
  return null;
}

/** A node-schedule `scheduleJob(...)` call. */
function isScheduleJob(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (!isCall(node)) return false;
  const callee = unwrap(node.callee);
  if (memberName(callee) === 'scheduleJob') return fromPackage(unwrap(callee.object), scopes, 'node-schedule', ['schedule', 'nodeSchedule']);
  return isImported(callee, scopes, 'node-schedule', 'scheduleJob');
}

/** A call that starts a schedule by itself. */
export function isSchedulingCall(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (isCronJobNew(node, scopes)) return isBooleanLiteral(node.arguments[3], true);
  if (isCronJobFrom(node, scopes)) return isBooleanLiteral(property(node.arguments[0], 'start'), true);
  return nodeCronCall(node, scopes) === 'schedule' || isScheduleJob(node, scopes);
}

/** A call or `new` that creates a job or task (started or not). */
export function isJobFactory(node: AnyNode, scopes: ScopeAnalysis): boolean {
  return isCronJobNew(node, scopes) || isCronJobFrom(node, scopes) || nodeCronCall(node, scopes) !== null || isScheduleJob(node, scopes);
}

/**
 * The function a job factory runs, as written in the call: node-cron's second argument (a
 * function, or a file path in v4), cron's `onTick`, node-schedule's last argument. Null when
 * the call has none where expected; undefined when `node` is no job factory.
 */
export function jobFunctionOf(node: AnyNode, scopes: ScopeAnalysis): AnyNode | null | undefined {
  const args: AnyNode[] = node.arguments ?? [];
  if (isCronJobNew(node, scopes)) return args[0]?.type === 'ObjectExpression' ? property(args[0], 'onTick') : args[1] ?? null;
  if (isCronJobFrom(node, scopes)) return property(args[0], 'onTick');
  if (nodeCronCall(node, scopes)) return args[1] ?? null;
  if (isScheduleJob(node, scopes)) return args[args.length - 1] ?? null;
  return undefined;
}

/** The top-level statement that declares `name` with `const/let/var name = <job factory>` (possibly exported), or null. */
export function jobDeclaration(name: string, scopes: ScopeAnalysis): AnyNode | null {
  const raw = scopes.module.bindings.get(name)?.declaration;
  const decl = raw?.type === 'ExportNamedDeclaration' ? raw.declaration : raw;
  if (decl?.type !== 'VariableDeclaration') return null;
  const found = decl.declarations.some((d: AnyNode) => isIdentifier(d.id, name) && d.init && isJobFactory(unwrap(d.init), scopes));
  return found && raw ? raw : null;
}

/** `job.start()` where `job` is declared at the top level from a job factory. */
export function isJobStart(node: AnyNode, scopes: ScopeAnalysis): boolean {
  if (!isCall(node) || memberName(node.callee) !== 'start') return false;
  const object = unwrap(node.callee.object);
  return isIdentifier(object) && jobDeclaration(object.name, scopes) !== null;
}

/**
 * The calls a top-level statement consists of: its expression (or the init of its single
 * declarator, also when exported) and the callee chain below it.
 */
export function statementChain(statement: AnyNode): AnyNode[] {
  const s = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
  let e: AnyNode | null = null;
  if (s.type === 'ExpressionStatement') e = s.expression;
  else if (s.type === 'VariableDeclaration' && s.declarations.length === 1) e = s.declarations[0].init;
  else if (s.type === 'ExportDefaultDeclaration') e = s.declaration;
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

/** The call or `new` expression that starts at a 1-based position, or null. */
export function findCallAt(program: AnyNode, at: Position): AnyNode | null {
  let found: AnyNode | null = null;
  walk(program, (n) => {
    if (found) return false;
    if (isCall(n) || n.type === 'NewExpression') {
      const p = positionOf(n);
      if (p.line === at.line && p.column === at.column) {
        found = n;
        return false;
      }
    }
    return undefined;
  });
  return found;
}
