/**
 * Which generated handlers a target has and what they serve, from the same scan and plan that
 * `migrate` makes (a dry run: nothing is written). Functions whose module is not on disk
 * (`migrate --write` not run yet, or run with other options) are listed as missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FunctionEntry } from '../model/function-entry';
import { withImpliedHead } from '../emit/iac/function-spec';
import { migrate } from '../migrate/migrate';
import { DEFAULT_ROUTE } from './api-routes';

export interface HttpFunctionRef {
  name: string;
  /** Absolute path of the generated module. */
  module: string;
  exportName: string;
  /** Upper-case method or `ANY`. */
  method: string;
  /** API Gateway path. */
  apiPath: string;
  /** The route as the app registered it, e.g. `/books/:id`. */
  path: string;
  /** A HEAD route added beside a GET route (see `withImpliedHead`), not one the app registered. */
  impliedHead?: boolean;
}

export interface ScheduleFunctionRef {
  name: string;
  module: string;
  exportName: string;
  expressions: string[];
  timezone: string;
}

export interface FunctionTable {
  root: string;
  http: HttpFunctionRef[];
  schedules: ScheduleFunctionRef[];
  /** Root-relative modules the plan has but the disk does not. */
  missing: string[];
  /** `--fallback proxy`: requests no function serves are forwarded to this URL (the running service). */
  proxyUrl?: string;
}

export interface FunctionTableOptions {
  outDir?: string;
  /** `--fallback proxy`: the running service's URL (default: the service's lambdashift.config). */
  proxyUrl?: string;
  include?: string[];
  exclude?: string[];
  /** The API flavour the events imitate: it decides the routes as `migrate --api` does (a REST catch-all takes root variables). */
  api?: 'http' | 'rest';
}

/** Builds the table from a list of report entries (the JSON report's `functions`). */
export function functionTableFrom(root: string, functions: FunctionEntry[]): FunctionTable {
  const table: FunctionTable = { root, http: [], schedules: [], missing: [] };
  for (const fn of functions) {
    const abs = path.join(root, fn.module);
    if (!fs.existsSync(abs)) {
      if (!table.missing.includes(fn.module)) table.missing.push(fn.module);
      continue;
    }
    if (fn.kind === 'http') {
      // The whole-app function is the stand-in's catch-all in either API (a REST report says `/{proxy+}`).
      const apiPath = fn.fallback ? DEFAULT_ROUTE : fn.apiPath;
      table.http.push({ name: fn.name, module: abs, exportName: fn.export, method: fn.method === 'ALL' ? 'ANY' : fn.method, apiPath, path: fn.path });
    } else {
      table.schedules.push({ name: fn.name, module: abs, exportName: fn.export, expressions: fn.expressions, timezone: fn.timezone });
    }
  }
  // The same HEAD routes the IaC declares for GET routes.
  const registered = new Set(table.http);
  table.http = withImpliedHead(table.http, (r) => r.apiPath).map((r) => (registered.has(r) ? r : { ...r, impliedHead: true }));
  return table;
}

/** Scans and plans the target (dry run) and lists its generated functions. */
export async function loadFunctionTable(root: string, options: FunctionTableOptions = {}): Promise<FunctionTable> {
  const abs = path.resolve(root);
  const result = await migrate({ root: abs, outDir: options.outDir, include: options.include, exclude: options.exclude, iac: 'none', ...(options.proxyUrl !== undefined ? { proxyUrl: options.proxyUrl } : {}), ...(options.api ? { api: options.api } : {}) });
  const table = functionTableFrom(abs, result.functions);
  if (result.proxyUrl !== undefined) table.proxyUrl = result.proxyUrl;
  return table;
}
