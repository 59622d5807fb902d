/**
 * Schedules registered inside a function (a start function, a mixin body, `init()`): the one
 * statement that makes the job, found from the position of its call, with the edit that removes
 * it (remove-schedules) or guards it (guard-schedules). Only that statement changes; the rest
 * of the function stays as it was.
 *
 * Handled statements: the call itself (`new CronJob(..., true);`, `cron.schedule(...);`), an
 * assignment of it to a property (`jobs['reset.clean'] = new CronJob(...)`) whose key no other
 * code in the file names, and a local `const job = ...` that nothing else uses. Anything else
 * is refused with the reason.
 */
import { type AnyNode, ancestorsOf, contains, isFunction, isIdentifier, positionOf, stringValue, unwrap } from './ast';
import { type Edit, eol, indentUnit, lineIndent } from './edits';
import { LAMBDA_ENV_GUARD } from './guard';
import { patternNames, type ScopeAnalysis } from './scope';
import { statementChain } from './schedules';

export interface NestedRegistration {
  statement: AnyNode;
  /** The `if` whose branch is the statement itself, without braces (`if (x) schedule(...);`). */
  bareIn: AnyNode | null;
  /** The enclosing `if`, when it is already a Lambda guard (a repeated `--keep-schedules` run). */
  guardedBy: AnyNode | null;
}

const BLOCK_PARENTS = new Set(['BlockStatement', 'StaticBlock', 'SwitchCase']);

/** The statement inside a function that consists of `call`, or the reason there is none. */
export function nestedRegistration(program: AnyNode, call: AnyNode, source: string): NestedRegistration | string {
  const path = ancestorsOf(program, call);
  if (!path) return 'no call starts here';
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i];
    if (isFunction(node)) return 'the call is part of an expression; remove it by hand';
    const parent = path[i - 1];
    if (parent.type === 'IfStatement' && node.type === 'ExpressionStatement' && (parent.consequent === node || parent.alternate === node)) {
      if (!statementChain(node).includes(call)) return 'the call is part of a larger statement; remove it by hand';
      if (!path.slice(0, i).some(isFunction)) return 'the call is not in a function';
      return { statement: node, bareIn: parent, guardedBy: null };
    }
    if (!BLOCK_PARENTS.has(parent.type) || !/Statement$|Declaration$/.test(node.type)) continue;
    if (!statementChain(node).includes(call)) return 'the call is part of a larger statement; remove it by hand';
    if (!path.slice(0, i).some(isFunction)) return 'the call is not in a function';
    // `if (!process.env.AWS_LAMBDA_FUNCTION_NAME) { <statement> }`
    const block = path[i - 1];
    const maybeIf = path[i - 2];
    const guardedBy =
      block.type === 'BlockStatement' && block.body.length === 1 && maybeIf?.type === 'IfStatement' && maybeIf.consequent === block && !maybeIf.alternate &&
      /process\.env\.AWS_LAMBDA_FUNCTION_NAME/.test(source.slice(maybeIf.test.start, maybeIf.test.end))
        ? maybeIf
        : null;
    return { statement: node, bareIn: null, guardedBy };
  }
  return 'the call is not a statement of its own; remove it by hand';
}

/** Why removing (or guarding) the statement would break other code, or null. */
export function nestedProblem(reg: NestedRegistration, scopes: ScopeAnalysis, source: string, guarding: boolean): string | null {
  const s = reg.statement;
  if (s.type === 'VariableDeclaration') {
    const ids: string[] = s.declarations.flatMap((d: AnyNode) => patternNames(d.id)).map((id: AnyNode) => id.name as string);
    const uses = scopes.references.filter((r) => r.binding?.declaration === s && !contains(s, r.id));
    if (uses.length) return `\`${ids.join('`, `')}\` is also used on line ${positionOf(uses[0]!.id).line}; remove it by hand`;
    if (guarding) return 'a declaration cannot move into a guard block without hiding it from the code after it; guard it by hand';
    return null;
  }
  if (s.type !== 'ExpressionStatement') return `a ${s.type} is not removed automatically; remove it by hand`;
  const e = unwrap(s.expression);
  if (e.type !== 'AssignmentExpression') return null;
  const left = unwrap(e.left);
  if (isIdentifier(left)) {
    const name = left.name;
    const others = scopes.references.filter((r) => r.id !== left && r.id.name === name && !contains(s, r.id));
    if (others.length) return `the job is stored in \`${name}\`, which line ${positionOf(others[0]!.id).line} reads; remove it by hand`;
    return null;
  }
  if (left.type !== 'MemberExpression') return 'the job is stored where other code may read it; remove it by hand';
  // `jobs['reset.clean'] = ...` / `this.job = ...`: fine when nothing else names that key.
  const key = left.computed ? stringValue(left.property) : left.property.name;
  if (key === null) return `the job is stored under a computed key \`${source.slice(left.start, left.end)}\`; remove it by hand`;
  const pattern = new RegExp(`(\\.\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b)|(['"\`]${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`])`, 'g');
  const rest = source.slice(0, s.start) + ' '.repeat(s.end - s.start) + source.slice(s.end);
  const m = pattern.exec(rest);
  if (m) {
    const line = source.slice(0, m.index).split('\n').length;
    return `the job is stored in \`${source.slice(left.start, left.end)}\`, which line ${line} reads; remove it by hand`;
  }
  return null;
}

/** The edit replacing the statement with the note comment. */
export function nestedRemovalEdit(reg: NestedRegistration, source: string, noteLine: string): Edit {
  const s = reg.statement;
  const lineEnd = source.indexOf('\n', s.end);
  const after = source.slice(s.end, lineEnd === -1 ? source.length : lineEnd).replace(/\r$/, '');
  // A trailing comment on the statement's line goes with it.
  const end = /^\s*(\/\/.*)?$/.test(after) ? s.end + after.length : s.end;
  if (reg.bareIn) {
    // `if (x) schedule(...);` → `if (x) {` + note + `}`: the branch keeps a statement.
    const indent = lineIndent(source, reg.bareIn.start);
    const nl = eol(source);
    return { start: s.start, end, text: `{${nl}${indent}${indentUnit(source)}${noteLine}${nl}${indent}}` };
  }
  return { start: s.start, end, text: noteLine };
}

/** The edit wrapping the statement in the Lambda guard. */
export function nestedGuardEdit(reg: NestedRegistration, source: string, indentUnit: string): Edit {
  const s = reg.statement;
  const nl = eol(source);
  if (reg.bareIn) {
    const outer = lineIndent(source, reg.bareIn.start);
    const inner = outer + indentUnit;
    const text = source.slice(s.start, s.end).split(/\r?\n/).join(`${nl}${inner}${indentUnit}`);
    return { start: s.start, end: s.end, text: `{${nl}${inner}if (${LAMBDA_ENV_GUARD}) {${nl}${inner}${indentUnit}${text}${nl}${inner}}${nl}${outer}}` };
  }
  const indent = lineIndent(source, s.start);
  const text = source.slice(s.start, s.end).split(/\r?\n/).join(`${nl}${indentUnit}`);
  return { start: s.start, end: s.end, text: `if (${LAMBDA_ENV_GUARD}) {${nl}${indent}${indentUnit}${text}${nl}${indent}}` };
}
