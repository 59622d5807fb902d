/**
 * How readiness findings are shown: the stderr lines and count of every run, the text of
 * `lambdashift check`, the Markdown section of the report, and the per-function summary
 * (clean / warnings / blockers) they all share. The printers in src/changes/ call these.
 */
import type { Colors } from 'picocolors/types';
import type { FunctionReadiness, ReadinessFinding } from '../model/readiness-finding';
import type { RunResult } from '../model/run-result';
import { codeSpan, escapeMarkdownMessage, escapeMarkdownText } from '../changes/printers/markdown-escape';
import { markdownTable, type MarkdownSection } from '../changes/printers/markdown-sections';
import { SEVERITY_COLOR } from '../changes/printers/severity-color';
import { terminalText } from '../safety/escape';
import { functionReadiness } from './function-readiness';

/** Above this many names, a finding lists the first ones and how many more. */
const NAMES_SHOWN = 5;

export interface FunctionReadinessEntry {
  name: string;
  status: FunctionReadiness;
  errors: number;
  warnings: number;
}

/** One entry per generated function (by name, sorted), with its readiness. */
export function functionReadinessList(result: RunResult): FunctionReadinessEntry[] {
  const findings = result.readiness ?? [];
  const names = [...new Set(result.functions.map((f) => f.name))].sort();
  return names.map((name) => ({ name, ...functionReadiness(name, findings) }));
}

/** `a, b, c, d, e and 12 more`, or `no generated function` when empty. */
export function functionNames(names: readonly string[]): string {
  if (names.length === 0) return 'no generated function';
  if (names.length <= NAMES_SHOWN) return names.join(', ');
  return `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more`;
}

export function countFindings(findings: readonly ReadinessFinding[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `3 blocked, 2 with warnings, 10 clean` over the run's functions. */
export function functionCounts(result: RunResult): string {
  const list = functionReadinessList(result);
  const n = (s: FunctionReadiness) => list.filter((f) => f.status === s).length;
  return `${n('blockers')} blocked, ${n('warnings')} with warnings, ${n('clean')} clean`;
}

/** One `file:line:col: severity: message [rule] (functions)` line per finding, for stderr. */
export function readinessLines(findings: readonly ReadinessFinding[], colors: Colors): string[] {
  return findings.map(
    // Messages quote the user's code: escaped like diagnostics, so they cannot forge lines.
    (f) => `${colors.bold(terminalText(`${f.file}:${f.line}:${f.column}`))}: ${SEVERITY_COLOR[f.severity](colors)(f.severity)}: ${terminalText(f.message)} [readiness/${f.rule}] (affects ${functionNames(f.functions)})`,
  );
}

/** The summary-line part: `readiness: 2 errors, 1 warning (functions: 1 blocked, ...)`. */
export function readinessCountPart(result: RunResult, colors: Colors): string | null {
  if (result.readiness === undefined) return null;
  const c = countFindings(result.readiness);
  const parts = [
    c.error > 0 ? colors.red(plural(c.error, 'blocker')) : '',
    c.warning > 0 ? colors.yellow(plural(c.warning, 'warning')) : '',
    c.info > 0 ? `${c.info} info` : '',
  ].filter(Boolean);
  const fns = result.functions.length > 0 ? ` (functions: ${functionCounts(result)})` : '';
  return `readiness: ${parts.length > 0 ? parts.join(', ') : 'no findings'}${fns}`;
}

/** `lambdashift check`'s text: each finding with why and what to do, then the functions. */
export function formatReadinessText(result: RunResult, colors: Colors): string {
  if ((result.readiness ?? []).length === 0) return 'No findings: nothing found that behaves differently on Lambda.\n';
  const out: string[] = [];
  for (const f of result.readiness ?? []) {
    out.push(
      `${colors.bold(terminalText(`${f.file}:${f.line}:${f.column}`))}: ${SEVERITY_COLOR[f.severity](colors)(f.severity)} ${colors.dim(f.rule)}: ${terminalText(f.message)}`,
      `  affects: ${functionNames(f.functions)}`,
      `  why: ${f.why}`,
      `  instead: ${f.instead}`,
      '',
    );
  }
  const list = functionReadinessList(result);
  const notClean = list.filter((f) => f.status !== 'clean');
  if (notClean.length > 0) {
    out.push('functions:');
    for (const f of notClean) out.push(`  ${f.name}: ${f.status === 'blockers' ? colors.red('blockers') : colors.yellow('warnings')} (${plural(f.errors, 'error')}, ${plural(f.warnings, 'warning')})`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * The report's Markdown sections: the findings (blockers first), then the functions that are
 * not clean. None when the run has no readiness (`run`).
 */
export function readinessSections(result: RunResult): MarkdownSection[] {
  const findings = result.readiness;
  if (findings === undefined) return [];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
  const c = countFindings(findings);
  const notClean = functionReadinessList(result).filter((f) => f.status !== 'clean');
  return [
    {
      title: `Lambda readiness (${findings.length})`,
      items: sorted.map(
        (f) =>
          `- **${f.severity}** ${codeSpan(`${f.file}:${f.line}:${f.column}`)} (${codeSpan(f.rule)}): ${escapeMarkdownMessage(f.message)}. ` +
          `Affects ${escapeMarkdownText(functionNames(f.functions))}. ${escapeMarkdownMessage(f.why)} Instead: ${escapeMarkdownMessage(f.instead)}`,
      ),
      empty: 'Nothing found that behaves differently on Lambda.',
      summary: [c.error > 0 ? plural(c.error, 'blocker') : '', c.warning > 0 ? plural(c.warning, 'warning') : '', c.info > 0 ? `${c.info} info` : ''].filter(Boolean).join(', '),
    },
    {
      title: `Function readiness (${functionCounts(result)})`,
      ...markdownTable(
        [{ title: 'Function' }, { title: 'Readiness' }, { title: 'Errors', align: 'right' }, { title: 'Warnings', align: 'right' }],
        notClean.map((f) => [codeSpan(f.name, { inTable: true }), f.status, String(f.errors), String(f.warnings)]),
      ),
      summary: plural(notClean.length, 'function'),
    },
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
