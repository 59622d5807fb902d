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
export const LAMBDA_ENV_GUARD = '!process.env.AWS_LAMBDA_FUNCTION_NAME';

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

/** Statement index ranges (inclusive) to wrap, or refusals. */
export function planGroups(
  program: AnyNode, scopes: ScopeAnalysis, targets: Array<{ index: number; call: AnyNode }>, what: string,
): { groups: Array<[number, number]>; refusals: Refusal[] } {
  const body = programBody(program);
  const ranges: Array<[number, number]> = [];
  const refusals: Refusal[] = [];
  for (const { index, call } of [...targets].sort((a, b) => a.index - b.index)) {
    if (ranges.some(([a, b]) => index >= a && index <= b)) continue;
    const statement = body[index];
    const decl = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    // An export statement cannot go inside a block, and without it importers would get undefined.
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      refusals.push({ ...positionOf(call), reason: `${what} is exported (line ${positionOf(statement).line}); modules importing it would get undefined` });
      continue;
    }
    if (decl?.type !== 'VariableDeclaration') {
      ranges.push([index, index]);
      continue;
    }
    const bindings: Binding[] = decl.declarations
      .flatMap((d: AnyNode) => patternNames(d.id))
      .map((id: AnyNode) => scopes.module.bindings.get(id.name))
      .filter((b: Binding | undefined): b is Binding => !!b && b.declaration === statement);
    const uses = scopes.references.filter((r) => r.binding && bindings.includes(r.binding) && !contains(statement, r.id));
    const useIndexes = [...new Set(uses.map((r) => body.findIndex((s) => contains(s, r.id))))].sort((a, b) => a - b);
    const name = bindings.map((b) => `\`${b.name}\``).join(', ');
    const exporting = useIndexes.find((i) => i >= 0 && isExporting(body[i]));
    if (exporting !== undefined) {
      refusals.push({ ...positionOf(call), reason: `${name} is exported (line ${positionOf(body[exporting]).line}); modules importing it would get undefined` });
      continue;
    }
    let end = index;
    while (useIndexes.includes(end + 1) && body[end + 1].type === 'ExpressionStatement') end++;
    const outside = uses.find((r) => {
      const i = body.findIndex((s) => contains(s, r.id));
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
export function wrapEdit(source: string, program: AnyNode, comments: AnyNode[], [from, to]: [number, number], condition: string): Edit {
  const body = programBody(program);
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
  const inner = reindent(source, first.start, end, '', unit, body.slice(from, to + 1));
  const open = `if (${condition}) {${nl}${indent}${unit}`;
  return { start: first.start, end, text: `${atLineStart ? '' : nl + indent}${open}${inner}${nl}${indent}}` };
}
