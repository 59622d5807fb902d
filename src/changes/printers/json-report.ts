import type { Diagnostic, Severity } from '../../model/diagnostic';
import type { FunctionEntry, RouteEntry } from '../../model/function-entry';
import { coverageCounts, type CoverageCounts } from './coverage';
import type { RunResult } from '../../model/run-result';
import type { FileStatus } from '../change-set';
import type { Printer } from '../printer';
import { countBySeverity, sortDiagnostics, sortFunctions } from './ordering';
import type { FunctionReadiness, ReadinessFinding } from '../../model/readiness-finding';
import { functionReadinessList } from '../../readiness/report';
import { sortFindings } from '../../readiness/function-readiness';

/** Version of the JSON report's shape; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/**
 * The `--format json` report, documented in the README. Files are sorted by path,
 * functions by module/export/name, diagnostics by location, and object keys always come in
 * the order declared here, so equal runs give byte-identical reports.
 */
export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  command: RunResult['command'];
  files: JsonReportFile[];
  functions: FunctionEntry[];
  /** migrate: every route and middleware-served mount the scan found, and what serves it. */
  routes?: RouteEntry[];
  /**
   * migrate with `--fallback proxy`: the catch-all is no function but an HTTP proxy integration
   * to the running service (`apiPath` is the route it takes: `$default`, REST `/{proxy+}`).
   */
  fallback?: { mode: 'proxy'; url: string; apiPath: string };
  diagnostics: JsonReportDiagnostic[];
  /** Readiness findings (`migrate`, `check`), by location; see docs/readiness.md. Absent for `run`. */
  readiness?: ReadinessFinding[];
  /** Per generated function: `clean`, `warnings` or `blockers`, with the counts. Absent for `run`. */
  functionReadiness?: Array<{ name: string; status: FunctionReadiness; errors: number; warnings: number }>;
  summary: JsonReportSummary;
}

export interface JsonReportFile {
  /** Relative to the target root, POSIX separators. */
  path: string;
  status: FileStatus;
  /** Present only for failed files. `line`/`column` are 1-based, null when unknown. */
  error?: { message: string; line: number | null; column: number | null };
}

export interface JsonReportDiagnostic {
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Present when the diagnostic has a stable code. */
  code?: string;
}

export interface JsonReportSummary {
  created: number;
  modified: number;
  deleted: number;
  unchanged: number;
  failed: number;
  functions: number;
  errors: number;
  warnings: number;
  info: number;
  /** migrate: how the routes are served (`routes` total, `ownFunctions`, `fallback`, `notServed`). */
  coverage?: CoverageCounts;
  /** Only with `timing` (`--timing`): wall-clock milliseconds, which differ between runs. */
  elapsedMs?: number;
}

export interface JsonReportOptions {
  /** Add `summary.elapsedMs`. Off by default, so that equal runs give byte-identical reports. */
  timing?: boolean;
}

/**
 * Builds the report object (serialise with {@link formatJsonReport}).
 *
 * @example
 * import { migrate, buildJsonReport } from 'lambdashift';
 * const report = buildJsonReport(await migrate({ root: './service' }));
 * report.files; // e.g. [… { path: 'lambda/http/getApiUsers.ts', status: 'created' }, … { path: 'src/app.ts', status: 'modified' }, …]
 * if (report.summary.errors > 0) process.exitCode = 1;
 */
export function buildJsonReport(result: RunResult, options: JsonReportOptions = {}): JsonReport {
  const files = result.changes.entries().map((change): JsonReportFile => {
    const file: JsonReportFile = { path: change.path, status: change.status };
    if (change.status === 'failed') {
      const error = change.error;
      file.error = { message: error?.message ?? 'failed', line: error?.line ?? null, column: error?.column ?? null };
    }
    return file;
  });
  const counts = result.changes.counts();
  const severities = countBySeverity(result.diagnostics);
  const coverage = coverageCounts(result);
  const summary: JsonReportSummary = {
    created: counts.created,
    modified: counts.modified,
    deleted: counts.deleted,
    unchanged: counts.unchanged,
    failed: counts.failed,
    functions: result.functions.length,
    errors: severities.error,
    warnings: severities.warning,
    info: severities.info,
    ...(coverage ? { coverage } : {}),
  };
  if (options.timing) summary.elapsedMs = Math.round(result.elapsedMs);
  return {
    version: JSON_REPORT_VERSION,
    command: result.command,
    files,
    functions: sortFunctions(result.functions).map(functionEntry),
    ...(result.routes ? { routes: result.routes.map(routeEntry) } : {}),
    ...(result.proxyUrl !== undefined ? { fallback: { mode: 'proxy' as const, url: result.proxyUrl, apiPath: result.proxyApiPath ?? '$default' } } : {}),
    diagnostics: sortDiagnostics(result.diagnostics).map(diagnosticEntry),
    ...(result.readiness
      ? {
          readiness: sortFindings(result.readiness).map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.line, column: f.column, message: f.message, functions: [...f.functions], why: f.why, instead: f.instead })),
          functionReadiness: functionReadinessList(result),
        }
      : {}),
    summary,
  };
}

/**
 * The report as pretty-printed JSON with a trailing newline.
 *
 * @example
 * import * as fs from 'node:fs';
 * import { migrate, formatJsonReport } from 'lambdashift';
 * fs.writeFileSync('report.json', formatJsonReport(await migrate({ root: './service' })));
 * // → '{\n  "version": 1,\n  "command": "migrate",\n  "files": [\n …'
 */
export function formatJsonReport(result: RunResult, options: JsonReportOptions = {}): string {
  return JSON.stringify(buildJsonReport(result, options), null, 2) + '\n';
}

/** The `json` printer (deterministic: no timing). */
export const jsonReportPrinter: Printer = { name: 'json', print: (result) => formatJsonReport(result) };

/** A `json` printer with options (`--timing`). */
export function createJsonReportPrinter(options: JsonReportOptions): Printer {
  return { name: 'json', print: (result) => formatJsonReport(result, options) };
}

/** Copies only the documented fields, in a fixed key order. */
function functionEntry(fn: FunctionEntry): FunctionEntry {
  const entry = functionFields(fn);
  if (fn.permissions?.length) {
    entry.permissions = fn.permissions.map((p) => ({ actions: [...p.actions], resources: [...p.resources], source: p.source, call: p.call }));
  }
  if (fn.importCycles?.length) entry.importCycles = fn.importCycles.map((c) => ({ loadsFirst: c.loadsFirst, modules: [...c.modules] }));
  return entry;
}

function functionFields(fn: FunctionEntry): FunctionEntry {
  const common = { name: fn.name };
  if (fn.kind === 'http') {
    return {
      ...common,
      kind: 'http',
      method: fn.method,
      path: fn.path,
      apiPath: fn.apiPath,
      module: fn.module,
      export: fn.export,
      source: fn.source,
      ...(fn.fallback ? { fallback: true as const, note: FALLBACK_NOTE } : {}),
    };
  }
  return {
    ...common,
    kind: 'schedule',
    schedule: fn.schedule,
    expressions: [...fn.expressions],
    timezone: fn.timezone,
    module: fn.module,
    export: fn.export,
    source: fn.source,
  };
}

/** What the report says about the whole-app function. */
export const FALLBACK_NOTE = "the whole app in one function: its cold start is the whole app's (every route and middleware loads)";

function routeEntry(r: RouteEntry): RouteEntry {
  return {
    method: r.method,
    path: r.path,
    source: r.source,
    servedBy: r.servedBy,
    ...(r.forwardedTo !== undefined ? { forwardedTo: r.forwardedTo } : {}),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
  };
}

function diagnosticEntry(d: Diagnostic): JsonReportDiagnostic {
  const entry: JsonReportDiagnostic = { severity: d.severity, message: d.message, file: d.file, line: d.line, column: d.column };
  if (d.code) entry.code = d.code;
  return entry;
}
