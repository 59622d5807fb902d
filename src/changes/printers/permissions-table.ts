/**
 * The Markdown report's permissions section: per function with inferred IAM statements, each
 * call's actions, resources and `file:line`. Functions without AWS calls are not listed (an
 * empty section is left out).
 */
import type { FunctionEntry } from '../../model/function-entry';
import { codeSpan } from './markdown-escape';
import { markdownTable, type MarkdownSection } from './markdown-sections';

export function permissionsSection(functions: readonly FunctionEntry[]): MarkdownSection {
  const byName = new Map<string, NonNullable<FunctionEntry['permissions']>>();
  for (const fn of functions) if (fn.permissions?.length && !byName.has(fn.name)) byName.set(fn.name, fn.permissions);
  const cell = (items: string[]): string => items.map((i) => codeSpan(i, { inTable: true })).join('<br>');
  const rows: string[][] = [];
  for (const [name, uses] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const u of uses) rows.push([cell([name]), cell(u.actions), cell(u.resources), cell([u.source])]);
  }
  return {
    title: `Permissions (${byName.size} of ${new Set(functions.map((f) => f.name)).size} functions)`,
    ...markdownTable([{ title: 'Function' }, { title: 'Actions' }, { title: 'Resources' }, { title: 'From' }], rows),
    summary: `${rows.length} SDK calls`,
  };
}
