/**
 * The Markdown report's permissions table: per function with inferred IAM statements, each
 * call's actions, resources and `file:line`. Functions without AWS calls are not listed.
 */
import type { FunctionEntry } from '../../model/function-entry';
import { codeSpan } from './markdown-escape';

export function permissionsSection(functions: readonly FunctionEntry[]): string[] {
  const byName = new Map<string, NonNullable<FunctionEntry['permissions']>>();
  for (const fn of functions) if (fn.permissions?.length && !byName.has(fn.name)) byName.set(fn.name, fn.permissions);
  if (byName.size === 0) return [];
  const cell = (items: string[]): string => items.map((i) => codeSpan(i, { inTable: true })).join('<br>');
  const out = [`### Permissions (${byName.size} of ${new Set(functions.map((f) => f.name)).size} functions)`, '', '| Function | Actions | Resources | From |', '| --- | --- | --- | --- |'];
  for (const [name, uses] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const u of uses) out.push(`| ${codeSpan(name, { inTable: true })} | ${cell(u.actions)} | ${cell(u.resources)} | ${cell([u.source])} |`);
  }
  out.push('');
  return out;
}
