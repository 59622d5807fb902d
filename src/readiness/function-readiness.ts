/** Ordering and per-function status of readiness findings (no parser: printers import this). */
import type { FunctionReadiness, ReadinessFinding } from '../model/readiness-finding';

export function sortFindings(list: readonly ReadinessFinding[]): ReadinessFinding[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
}

/** `clean` / `warnings` / `blockers` for one function from the findings that name it. */
export function functionReadiness(name: string, findings: readonly ReadinessFinding[]): { status: FunctionReadiness; errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (!f.functions.includes(name)) continue;
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { status: errors > 0 ? 'blockers' : warnings > 0 ? 'warnings' : 'clean', errors, warnings };
}
