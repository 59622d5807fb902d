import type { Diagnostic } from '../../model/diagnostic';
import type { ChangeSet, FileChange } from '../change-set';
import type { FunctionEntry } from '../../model/function-entry';

/**
 * Stable orderings shared by every printer, so the same run always prints the same text
 * no matter in which order worker threads reported their results.
 */

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Diagnostics by file, line, column, then severity (errors first), code and message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareText(a.code ?? '', b.code ?? '') ||
      compareText(a.message, b.message),
  );
}

/** Functions by module, export and name, then by the route or schedule they serve. */
export function sortFunctions(functions: readonly FunctionEntry[]): FunctionEntry[] {
  return [...functions].sort(
    (a, b) =>
      compareText(a.module, b.module) ||
      compareText(a.export, b.export) ||
      compareText(a.name, b.name) ||
      compareText(triggerOf(a), triggerOf(b)) ||
      compareText(a.source, b.source),
  );
}

/** What invokes a function, as one line: `GET /users/:id` or the schedule expression. */
export function triggerOf(fn: FunctionEntry): string {
  return fn.kind === 'http' ? `${fn.method} ${fn.path}` : fn.schedule;
}

/** Counts of diagnostics per severity. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Diagnostic['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

const ROLE_RANK = { source: 0, config: 1, generated: 2 } as const;

/**
 * Files in the order a reviewer reads them: the source rewrites (what they must check) first,
 * then configuration and infrastructure (package.json, serverless.yml), then the generated
 * modules; by path within each group.
 */
export function reviewOrder(changes: ChangeSet, files: readonly FileChange[]): FileChange[] {
  return [...files].sort((a, b) => ROLE_RANK[changes.roleOf(a.path)] - ROLE_RANK[changes.roleOf(b.path)] || compareText(a.path, b.path));
}
