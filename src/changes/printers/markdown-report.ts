import { permissionsSection } from './permissions-table';
import type { RunResult } from '../../model/run-result';
import type { FileChange } from '../change-set';
import type { Printer } from '../printer';
import { codeSpan, escapeMarkdownText } from './markdown-escape';
import { countBySeverity, sortDiagnostics, sortFunctions } from './ordering';
import { formatElapsed } from './summary';

/** Above this many entries the file list is folded into a `<details>` block. */
const FOLD_FILES_ABOVE = 20;

/**
 * A report for a pull-request comment: a heading, a summary table, the generated functions,
 * the files that change or failed, and the diagnostics with their locations.
 *
 * @example
 * import { migrate, formatMarkdownReport } from 'lambdashift';
 * const comment = formatMarkdownReport(await migrate({ root: './service' }));
 * // → '## lambdashift migrate\n\n| Created | Modified | Deleted | Unchanged | Failed | Functions | …'
 */
export function formatMarkdownReport(result: RunResult): string {
  const counts = result.changes.counts();
  const severities = countBySeverity(result.diagnostics);
  const out: string[] = [`## lambdashift ${result.command}`, ''];

  out.push(
    '| Created | Modified | Deleted | Unchanged | Failed | Functions | Errors | Warnings | Time |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.created} | ${counts.modified} | ${counts.deleted} | ${counts.unchanged} | ${counts.failed} | ` +
      `${result.functions.length} | ${severities.error} | ${severities.warning} | ${formatElapsed(result.elapsedMs)} |`,
    '',
  );

  if (result.functions.length > 0) {
    out.push(`### Functions (${result.functions.length})`, '', '| Function | Kind | Trigger | Module |', '| --- | --- | --- | --- |');
    for (const fn of sortFunctions(result.functions)) {
      const trigger =
        fn.kind === 'http'
          ? codeSpan(`${fn.method} ${fn.path}`, { inTable: true })
          : `${codeSpan(fn.schedule, { inTable: true })} → ${fn.expressions.map((e) => codeSpan(e, { inTable: true })).join(', ')} (${escapeMarkdownText(fn.timezone)})`;
      const module = codeSpan(`${fn.module}#${fn.export}`, { inTable: true });
      out.push(`| ${codeSpan(fn.name, { inTable: true })} | ${fn.kind} | ${trigger} | ${module} |`);
    }
    out.push('');
  }
  out.push(...permissionsSection(result.functions));

  const listed = result.changes.entries().filter((change) => change.status !== 'unchanged');
  out.push('### Files', '');
  if (listed.length === 0) {
    out.push(counts.unchanged > 0 ? `No changes (${counts.unchanged} unchanged).` : 'No files.', '');
  } else {
    const items = listed.map(fileItem);
    if (listed.length > FOLD_FILES_ABOVE) {
      // GitHub only renders Markdown inside <details> when blank lines surround it.
      out.push(`<details><summary>${listed.length} files</summary>`, '', ...items, '', '</details>', '');
    } else {
      out.push(...items, '');
    }
  }

  if (result.diagnostics.length > 0) {
    out.push(`### Diagnostics (${result.diagnostics.length})`, '');
    for (const d of sortDiagnostics(result.diagnostics)) {
      const code = d.code ? ` (${codeSpan(d.code)})` : '';
      out.push(`- **${d.severity}** ${codeSpan(`${d.file}:${d.line}:${d.column}`)}: ${escapeMarkdownText(d.message)}${code}`);
    }
    out.push('');
  }

  return out.join('\n');
}

/** The `markdown` printer. */
export const markdownReportPrinter: Printer = { name: 'markdown', print: formatMarkdownReport };

function fileItem(change: FileChange): string {
  if (change.status !== 'failed') return `- ${codeSpan(change.path)}: ${change.status}`;
  const error = change.error;
  let location = change.path;
  if (error?.line !== undefined) location += `:${error.line}${error.column !== undefined ? `:${error.column}` : ''}`;
  return `- ${codeSpan(location)}: **failed**: ${escapeMarkdownText(error?.message ?? 'failed')}`;
}
