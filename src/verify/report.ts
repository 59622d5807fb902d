/** The text report of `lambdashift verify`: a table of mismatches and a summary line. */
import type { VerifyReport } from './verify';

/** One table cell: line breaks and indentation (pretty-printed JSON bodies) folded into single spaces, then cut to `n`. */
const clip = (text: string, n: number): string => {
  const s = text.replace(/\s*\r?\n\s*/g, ' ');
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function formatVerifyReport(report: VerifyReport): string {
  const lines: string[] = [];
  const failed = report.results.filter((r) => r.differences.length);
  if (failed.length) {
    const rows: string[][] = [['#', 'request', 'what', 'original', 'migrated']];
    for (const r of failed) {
      const n = String(report.results.indexOf(r) + 1);
      const req = clip(`${r.request.method} ${r.request.path}`, 48);
      r.differences.forEach((d, i) => {
        const what = d.what === 'header' ? `header ${d.name}` : d.what;
        rows.push([i === 0 ? n : '', i === 0 ? req : '', what, clip(d.original, 60), clip(d.migrated, 60)]);
      });
      if (r.note) rows.push(['', '', 'note', '', clip(r.note, 60)]);
    }
    lines.push(...table(rows), '');
  }
  if (report.ignoredHeaders.length) lines.push(`not compared (volatile or --ignore-header): ${report.ignoredHeaders.join(', ')}`);
  if (report.missing.length) lines.push(`not generated yet: ${report.missing.join(', ')} (run \`lambdashift migrate --write\`)`);
  for (const f of report.loadFailures) lines.push(`load failure: ${f}`);
  if (report.nothingToVerify) {
    lines.push(`verify: ${report.nothingToVerify}`);
    return `${lines.join('\n')}\n`;
  }
  if (report.forwarded) {
    const n = report.forwarded.requests.length;
    lines.push(`proxy mode: only the split functions are compared; ${n} request${n === 1 ? '' : 's'} no function serves ${n === 1 ? 'is' : 'are'} forwarded to ${report.forwarded.url} (the running service) and not compared`);
  }
  const ok = report.results.length - report.mismatches;
  lines.push(`verify: ${report.results.length} requests, ${ok} match, ${report.mismatches} mismatch (original app: ${report.entry})`);
  return `${lines.join('\n')}\n`;
}
