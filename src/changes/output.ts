import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RunResult } from '../model/run-result';
import type { Printer } from './printer';
import { createJsonReportPrinter } from './printers/json-report';
import { createMarkdownReportPrinter, formatMarkdownReport } from './printers/markdown-report';
import { codeSpan } from './printers/markdown-escape';
import { GITHUB_COMMENT_LIMIT } from './printers/markdown-sections';
import { formatSummary } from './printers/summary';
import { createUnifiedDiffPrinter, formatUnifiedDiff } from './printers/unified-diff';

export type OutputFormat = 'diff' | 'json' | 'markdown' | 'sarif';
export type ColorMode = 'auto' | 'always' | 'never';

/** A stream that may be a terminal. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface OutputOptions {
  /** What goes to stdout. */
  format: OutputFormat;
  /** `--color`. Applies to the diff on stdout and, judged by stderr, to the summary. */
  color: ColorMode;
  /** `--patch FILE`: also write the plain patch to this file (relative to the cwd). */
  patchFile?: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment consulted for `NO_COLOR`; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Reports: see {@link ReportOptions}. */
  report?: ReportOptions;
  /** `sarif`: the service root relative to the repository root, prefixed to every path. */
  sarifUriPrefix?: string;
}

/** How the JSON and Markdown reports are printed (`--timing`, `--max-size`, `--full-report`). */
export interface ReportOptions {
  /** JSON: add `summary.elapsedMs` (not deterministic). */
  timing?: boolean;
  /** Markdown on stdout: at most this many characters (default: GitHub's comment limit; `Infinity` for none). */
  maxSize?: number;
  /** Also write the complete, never truncated Markdown report to this file. */
  fullReportFile?: string;
  /** How the truncation note names that file (default: its path). */
  fullReportName?: string;
}

/**
 * Whether to colour output written to `stream`: always with `always`, never with `never`;
 * with `auto` as `FORCE_COLOR` says when it is set, else only on a terminal and when `NO_COLOR`
 * is unset or empty (no-color.org).
 */
export function resolveColor(mode: ColorMode, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  // FORCE_COLOR (as in Node and chalk): set and not 0/false forces colour, 0/false turns it off.
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && !env.NO_COLOR;
}

/** The printer for stdout in the given format. */
export function printerFor(format: OutputFormat, color: boolean, report: ReportOptions = {}, sarif: { uriPrefix?: string } = {}): Printer {
  switch (format) {
    case 'diff':
      return createUnifiedDiffPrinter({ color });
    case 'json':
      return createJsonReportPrinter({ timing: report.timing });
    case 'markdown': {
      const name = report.fullReportName ?? report.fullReportFile;
      return createMarkdownReportPrinter({
        maxSize: report.maxSize ?? GITHUB_COMMENT_LIMIT,
        ...(name !== undefined ? { fullReportHint: `The full report is in ${codeSpan(name)}.` } : {}),
      });
    }
    case 'sarif': {
      // Loaded on demand: it pulls in the readiness rules (and their parser), which `run` never needs.
      const { formatSarif } = require('../readiness/sarif') as typeof import('../readiness/sarif');
      return { name: 'sarif', print: (result) => formatSarif(result, { uriPrefix: sarif.uriPrefix }) };
    }
  }
}

/**
 * Prints a run: the chosen format on stdout, the summary on stderr (always, so stdout stays
 * machine-readable with `--format json`), with `patchFile` the uncoloured patch to that
 * file and with `report.fullReportFile` the untruncated Markdown report. Resolves once
 * everything has been handed to the streams and the files are written.
 */
export async function writeOutput(result: RunResult, options: OutputOptions): Promise<void> {
  const env = options.env ?? process.env;
  const stdoutColor = options.format === 'diff' && resolveColor(options.color, options.stdout, env);

  await writeTo(options.stdout, printerFor(options.format, stdoutColor, options.report, { uriPrefix: options.sarifUriPrefix }).print(result));
  if (options.report?.fullReportFile !== undefined) {
    await fs.writeFile(path.resolve(options.report.fullReportFile), formatMarkdownReport(result, { maxSize: Infinity }));
  }
  if (options.patchFile !== undefined) {
    await fs.writeFile(path.resolve(options.patchFile), formatUnifiedDiff(result.changes, { color: false }));
  }
  await writeTo(options.stderr, formatSummary(result, { color: resolveColor(options.color, options.stderr, env) }));
}

/**
 * Writes and waits until the stream has taken the data. A reader that went away (EPIPE,
 * e.g. `| head`) is not an error: there is simply nobody left to read the rest.
 */
export function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error | null): void => {
      if (settled) return;
      settled = true;
      // After a failed write the stream still emits 'error'; the listener stays to absorb
      // it, since the failure is already reported through the promise.
      if (!error) stream.removeListener('error', settle);
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    };
    // Some streams report failures only as 'error' events, without calling back.
    stream.on('error', settle);
    stream.write(text, settle);
  });
}
