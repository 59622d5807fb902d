import pc from 'picocolors';
import type { Colors } from 'picocolors/types';
import type { RunResult } from '../../model/run-result';
import type { FileChange } from '../change-set';
import type { Printer } from '../printer';
import { terminalText } from '../../safety/escape';
import { countBySeverity, sortDiagnostics } from './ordering';
import { coverageCounts, coverageLine } from './coverage';
import { SEVERITY_COLOR } from './severity-color';
import { readinessCountPart, readinessLines } from '../../readiness/report';

export interface SummaryOptions {
  color: boolean;
}

/**
 * The stderr summary: one `path:line:col: message` line per failed file, one
 * `file:line:col: severity: message` line per diagnostic, then a single line with the file
 * counts, the function count (when any), diagnostic counts and elapsed time.
 */
export function formatSummary(result: RunResult, options: SummaryOptions): string {
  const colors = pc.createColors(options.color);
  const lines: string[] = [];

  for (const change of result.changes.entries()) {
    if (change.status === 'failed') lines.push(formatFailure(change, colors));
  }
  for (const d of sortDiagnostics(result.diagnostics)) {
    const severity = SEVERITY_COLOR[d.severity](colors)(d.severity);
    const code = d.code ? ` [${d.code}]` : '';
    lines.push(`${colors.bold(terminalText(`${d.file}:${d.line}:${d.column}`))}: ${severity}: ${indentContinuation(d.message)}${terminalText(code)}`);
  }

  if (result.readiness) lines.push(...readinessLines(result.readiness, colors));

  const counts = result.changes.counts();
  const parts = [
    `${counts.created} created, ${counts.modified} modified, ${counts.deleted} deleted, ${counts.unchanged} unchanged, ` +
      (counts.failed > 0 ? colors.red(`${counts.failed} failed`) : `${counts.failed} failed`),
  ];
  if (result.functions.length > 0) parts.push(plural(result.functions.length, 'function'));
  const severities = countBySeverity(result.diagnostics);
  const diagnosticParts = [
    severities.error > 0 ? colors.red(plural(severities.error, 'error')) : '',
    severities.warning > 0 ? colors.yellow(plural(severities.warning, 'warning')) : '',
    severities.info > 0 ? `${severities.info} info` : '',
  ].filter(Boolean);
  if (diagnosticParts.length > 0) parts.push(diagnosticParts.join(', '));
  const readiness = readinessCountPart(result, colors);
  if (readiness !== null) parts.push(readiness);
  parts.push(`done in ${formatElapsed(result.elapsedMs)}`);
  const coverage = coverageLine(result);
  if (coverage) {
    const notServed = coverageCounts(result)!.notServed;
    lines.push(notServed > 0 ? coverage.replace(/\d+ not served$/, (m) => colors.red(m)) : coverage);
  }
  lines.push(`lambdashift ${result.command}: ${parts.join('; ')}`);

  return lines.join('\n') + '\n';
}

/** The `summary` printer, for stderr. */
export function createSummaryPrinter(options: SummaryOptions): Printer {
  return { name: 'summary', print: (result) => formatSummary(result, options) };
}

/** `1.23s`, `450ms`, `2m 05s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

function formatFailure(change: FileChange, colors: Colors): string {
  const error = change.error;
  let location = change.path;
  if (error?.line !== undefined) {
    location += `:${error.line}`;
    if (error.column !== undefined) location += `:${error.column}`;
  }
  return `${colors.bold(terminalText(location))}: ${indentContinuation(error?.message ?? 'failed')}`;
}

/**
 * Keeps one record per line for readers: continuation lines of a message are indented, and
 * user text in it (route paths, names) can neither start a line of its own (CR, U+2028) nor
 * drive the terminal.
 */
function indentContinuation(message: string): string {
  return terminalText(message.trimEnd().replace(/\r\n/g, '\n'), { multiline: true }).replace(/\n/g, '\n  ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
