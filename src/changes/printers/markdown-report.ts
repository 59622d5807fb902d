import type { Diagnostic } from '../../model/diagnostic';
import type { FunctionEntry } from '../../model/function-entry';
import type { RunResult } from '../../model/run-result';
import type { FileChange } from '../change-set';
import type { Printer } from '../printer';
import { codeSpan, escapeMarkdownMessage, escapeMarkdownText } from './markdown-escape';
import { permissionsSection } from './permissions-table';
import { fitMarkdownReport, GITHUB_COMMENT_LIMIT, markdownTable, type FitOptions, type MarkdownSection } from './markdown-sections';
import { countBySeverity, reviewOrder, sortDiagnostics, sortFunctions } from './ordering';
import { readinessSections } from '../../readiness/report';

/** `maxSize` (default {@link GITHUB_COMMENT_LIMIT}) and the hint the truncation note ends with. */
export type MarkdownReportOptions = FitOptions;

/**
 * A report for a pull-request comment: a heading and a summary table, then the diagnostics
 * (errors and warnings first), the generated functions and the files that change or failed.
 * Long sections fold into `<details>`; the report fits `maxSize` characters (default: GitHub's
 * comment limit, {@link GITHUB_COMMENT_LIMIT}), cutting rows from the last sections with a
 * note. It holds no times, so equal runs give byte-identical reports (a bot-updated comment
 * changes only when the migration does).
 *
 * @example
 * import { migrate, formatMarkdownReport } from 'lambdashift';
 * const comment = formatMarkdownReport(await migrate({ root: './service' }));
 * // → '## lambdashift migrate\n\n| Created | Modified | Deleted | Unchanged | Failed | Functions | Errors | …'
 */
export function formatMarkdownReport(result: RunResult, options: MarkdownReportOptions = {}): string {
  return fitMarkdownReport(markdownHeader(result), markdownSections(result), { maxSize: GITHUB_COMMENT_LIMIT, ...options });
}

/** The `markdown` printer (GitHub's comment limit). */
export const markdownReportPrinter: Printer = { name: 'markdown', print: (result) => formatMarkdownReport(result) };

/** A `markdown` printer with its own size limit and truncation hint (`--max-size`, `--full-report`). */
export function createMarkdownReportPrinter(options: MarkdownReportOptions): Printer {
  return { name: 'markdown', print: (result) => formatMarkdownReport(result, options) };
}

/** The heading and the summary table: always shown in full. */
export function markdownHeader(result: RunResult): string[] {
  const counts = result.changes.counts();
  const severities = countBySeverity(result.diagnostics);
  const cells = [counts.created, counts.modified, counts.deleted, counts.unchanged, counts.failed, result.functions.length, severities.error, severities.warning, severities.info];
  return [
    `## lambdashift ${result.command}`,
    '',
    '| Created | Modified | Deleted | Unchanged | Failed | Functions | Errors | Warnings | Info |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${cells.join(' | ')} |`,
    '',
  ];
}

/** The report's sections in priority order (the first are the last to be cut). */
export function markdownSections(result: RunResult): MarkdownSection[] {
  return [diagnosticsSection(result.diagnostics), ...readinessSections(result), functionsSection(result.functions), permissionsSection(result.functions), filesSection(result)];
}

function diagnosticsSection(diagnostics: readonly Diagnostic[]): MarkdownSection {
  const severities = countBySeverity(diagnostics);
  const rank = { error: 0, warning: 1, info: 2 } as const;
  // Errors and warnings first, so a cut drops info lines before them; by location within each.
  const sorted = sortDiagnostics(diagnostics).sort((a, b) => rank[a.severity] - rank[b.severity]);
  const parts = [
    severities.error > 0 ? plural(severities.error, 'error') : '',
    severities.warning > 0 ? plural(severities.warning, 'warning') : '',
    severities.info > 0 ? `${severities.info} info` : '',
  ].filter(Boolean);
  return {
    title: `Diagnostics (${diagnostics.length})`,
    items: sorted.map((d) => {
      const code = d.code ? ` (${codeSpan(d.code)})` : '';
      return `- **${d.severity}** ${codeSpan(`${d.file}:${d.line}:${d.column}`)}: ${escapeMarkdownMessage(d.message)}${code}`;
    }),
    summary: parts.join(', '),
  };
}

function functionsSection(functions: readonly FunctionEntry[]): MarkdownSection {
  const rows = sortFunctions(functions).map((fn) => {
    const cell = (text: string): string => codeSpan(text, { inTable: true });
    const trigger =
      fn.kind === 'http'
        ? cell(`${fn.method} ${fn.path}`)
        : `${cell(fn.schedule)} → ${fn.expressions.map(cell).join(', ')} (${escapeMarkdownText(fn.timezone)})`;
    return [cell(fn.name), fn.kind, trigger, cell(`${fn.module}#${fn.export}`)];
  });
  return {
    title: `Functions (${functions.length})`,
    ...markdownTable([{ title: 'Function' }, { title: 'Kind' }, { title: 'Trigger' }, { title: 'Module' }], rows),
    summary: plural(functions.length, 'function'),
  };
}

function filesSection(result: RunResult): MarkdownSection {
  const counts = result.changes.counts();
  const listed = reviewOrder(result.changes, result.changes.entries().filter((change) => change.status !== 'unchanged'));
  return {
    title: 'Files',
    items: listed.map(fileItem),
    empty: counts.unchanged > 0 ? `No changes (${counts.unchanged} unchanged).` : 'No files.',
    summary: plural(listed.length, 'file'),
  };
}

function fileItem(change: FileChange): string {
  if (change.status !== 'failed') return `- ${codeSpan(change.path)}: ${change.status}`;
  const error = change.error;
  let location = change.path;
  if (error?.line !== undefined) location += `:${error.line}${error.column !== undefined ? `:${error.column}` : ''}`;
  return `- ${codeSpan(location)}: **failed**: ${escapeMarkdownMessage(error?.message ?? 'failed')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
