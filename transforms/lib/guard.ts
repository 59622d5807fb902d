/**
 * Wrapping top-level statements in an `if (condition) { ... }` guard, shared by guard-listen
 * and guard-schedules.
 *
 * A guarded declaration (`const server = app.listen(3000)`) moves into the block, and so do
 * the statements right after it that use the binding (`server.on('error', ...)`), which only
 * make sense when it exists. A binding used anywhere else, or exported, cannot be guarded
 * without changing what that code sees (it would be undefined), so it is refused.
 */
import { type AnyNode, type Refusal, contains, isIdentifier, isModuleExports, positionOf, programBody } from './ast';
import { type Edit, indentUnit, lineIndent, lineStart, reindent } from './edits';
import { type Binding, type ScopeAnalysis, patternNames } from './scope';

/** Environment variable Lambda sets in every function's environment. */
export const LAMBDA_ENV = 'process.env.AWS_LAMBDA_FUNCTION_NAME';
export const LAMBDA_ENV_GUARD = `!${LAMBDA_ENV}`;

/** Whether an expression's text reads the Lambda variable (the test of an expression-level guard). */
export function isLambdaTest(test: string): boolean {
  return /^process\.env(\.AWS_LAMBDA_FUNCTION_NAME|\[(['"`])AWS_LAMBDA_FUNCTION_NAME\2\])$/.test(test.replace(/\s+/g, ''));
}

/** Whether a top-level `if` is one of the guards these transforms write (or an equivalent one). */
export function isGuard(statement: AnyNode, source: string): boolean {
  if (statement.type !== 'IfStatement') return false;
  const test = source.slice(statement.test.start, statement.test.end);
  return /require\.main\s*===?\s*module|module\s*===?\s*require\.main|import\.meta\.url\s*===|import\.meta\.main|process\.env\.AWS_LAMBDA_FUNCTION_NAME|process\.env\[['"]AWS_LAMBDA_FUNCTION_NAME['"]\]/.test(test);
}

/** Whether a statement exports something (ES export or an assignment to module.exports/exports). */
export function isExporting(statement: AnyNode): boolean {
  if (/^Export/.test(statement.type) || statement.type === 'TSExportAssignment') return true;
  let found = false;
  const visit = (n: AnyNode): void => {
    if (found) return;
    if (n.type === 'AssignmentExpression') {
      const left = n.left;
      if (isModuleExports(left) || (left.type === 'MemberExpression' && (isModuleExports(left.object) || isIdentifier(left.object, 'exports')))) found = true;
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && visit(c));
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(statement);
  return found;
}

/**
 * Statement index ranges (inclusive) of `body` (the program's, or a block's inside a function)
 * to wrap, or refusals. A group grows over the statements right after it that use a binding it
 * declares: expression statements (`server.on('error', f)`) and statements that are guarded
 * themselves (ws's `const interval = setInterval(() => wss.clients...)` after `const wss`),
 * whose own bindings then count too; with `returns`, also a `return` of it.
 */
export function planGroups(
  program: AnyNode, scopes: ScopeAnalysis, targets: Array<{ index: number; call: AnyNode }>, what: string,
  body: AnyNode[] = programBody(program), returns = false,
): { groups: Array<[number, number]>; refusals: Refusal[] } {
  const ranges: Array<[number, number]> = [];
  const refusals: Refusal[] = [];
  const targeted = new Set(targets.map((t) => t.index));
  const declared = (statement: AnyNode): Binding[] => {
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (decl?.type !== 'VariableDeclaration') return [];
    const ids = new Set(decl.declarations.flatMap((d: AnyNode) => patternNames(d.id)));
    return [...new Set(scopes.references.map((r) => r.binding).filter((b): b is Binding => !!b && ids.has(b.id)))];
  };
  const indexOf = (node: AnyNode): number => body.findIndex((s) => contains(s, node));
  for (const { index, call } of [...targets].sort((a, b) => a.index - b.index)) {
    if (ranges.some(([a, b]) => index >= a && index <= b)) continue;
    const statement = body[index];
    // An export statement cannot go inside a block, and without it importers would get undefined.
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      refusals.push({ ...positionOf(call), reason: `${what} is exported (line ${positionOf(statement).line}); modules importing it would get undefined` });
      continue;
    }
    const bindings = declared(statement);
    if (!bindings.length) {
      ranges.push([index, index]);
      continue;
    }
    const usesOf = (i: number): boolean => scopes.references.some((r) => r.binding && bindings.includes(r.binding) && contains(body[i], r.id));
    let end = index;
    // With `returns` (a function without a declared return type), a `return server` moves too:
    // in Lambda the function then returns undefined.
    const joins = (s: AnyNode, i: number): boolean =>
      s.type === 'ExpressionStatement' || (s.type === 'ReturnStatement' && returns) || (targeted.has(i) && !/^Export/.test(s.type));
    while (end + 1 < body.length && usesOf(end + 1) && joins(body[end + 1], end + 1)) {
      end++;
      bindings.push(...declared(body[end]).filter((b) => !bindings.includes(b)));
    }
    const uses = scopes.references.filter((r) => r.binding && bindings.includes(r.binding) && r.id !== r.binding.id);
    const name = bindings.filter((b) => b.declaration === statement || b.declaration === statement.declaration).map((b) => `\`${b.name}\``).join(', ');
    const exporting = uses.map((r) => indexOf(r.id)).find((i) => i >= 0 && isExporting(body[i]));
    if (exporting !== undefined) {
      refusals.push({ ...positionOf(call), reason: `${name} is exported (line ${positionOf(body[exporting]).line}); modules importing it would get undefined` });
      continue;
    }
    const outside = uses.find((r) => {
      const i = indexOf(r.id);
      return i < index || i > end;
    });
    if (outside) {
      refusals.push({
        ...positionOf(call),
        reason: `${name} is also used on line ${positionOf(outside.id).line}, where it would be undefined once guarded; guard that code by hand`,
      });
      continue;
    }
    ranges.push([index, end]);
  }
  // Adjacent ranges share one block.
  const groups: Array<[number, number]> = [];
  for (const r of ranges.sort((a, b) => a[0] - b[0])) {
    const last = groups[groups.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else groups.push([...r]);
  }
  return { groups, refusals };
}

/** The edit that wraps statements `from`..`to` in `if (condition) { ... }`. */
export function wrapEdit(
  source: string, program: AnyNode, comments: AnyNode[], [from, to]: [number, number], condition: string, body: AnyNode[] = programBody(program),
): Edit {
  const first = body[from];
  const last = body[to];
  const nl = source.includes('\r\n') ? '\r\n' : '\n';
  let end = last.end;
  // A comment on the same line as the last statement stays with it, inside the block.
  const trailing = comments.find((c) => c.start >= end && /^[ \t]*$/.test(source.slice(end, c.start)) && !source.slice(c.start, c.end).includes('\n'));
  if (trailing && !source.slice(last.end, trailing.start).includes('\n')) end = trailing.end;
  const indent = lineIndent(source, first.start);
  const unit = indentUnit(source);
  const atLineStart = source.slice(lineStart(source, first.start), first.start).trim() === '';
  // A one-line block (`function start() { return app.listen(port); }`) keeps to its line.
  if (!atLineStart && !source.slice(first.start, end).includes('\n')) return { start: first.start, end, text: `if (${condition}) { ${source.slice(first.start, end)} }` };
  const inner = reindent(source, first.start, end, '', unit, body.slice(from, to + 1));
  const open = `if (${condition}) {${nl}${indent}${unit}`;
  return { start: first.start, end, text: `${atLineStart ? '' : nl + indent}${open}${inner}${nl}${indent}}` };
}
