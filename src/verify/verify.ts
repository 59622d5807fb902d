/**
 * `lambdashift verify`: sends the same requests to the original app (started in-process from
 * its entry point, over loopback HTTP) and to the generated handlers (events built as API
 * Gateway builds them, invoked in-process), in order, and lists every difference.
 *
 * The original and the generated handlers each get their own module registry (worker
 * threads), so each side keeps its own in-memory state across the request sequence; the
 * generated handlers share theirs with one another, as functions share an external database.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import type { ApiKind } from '../emit/iac/iac-options';
import { findEntryPoint } from '../migrate/entry-point';
import { loadCheck } from '../migrate/load-check';
import type { HttpRequestData } from '../serve/events';
import { loadFunctionTable, type FunctionTable, type FunctionTableOptions } from '../serve/function-table';
import { Gateway } from '../serve/gateway';
import { HandlerHost } from '../serve/handler-host';
import { withForwardedHeaders } from '../serve/results';
import { startOriginalApp } from './app-host';
import { compareResponses, differingHeaders, type CapturedResponse, type Difference } from './compare';
import { loadRequestFile, requestsFromRoutes, type VerifyRequest } from './requests';

export interface VerifyOptions extends FunctionTableOptions {
  root: string;
  /** Entry module of the original app (root-relative or absolute); default from package.json. */
  entry?: string;
  /** HAR or JSON request list; default: one request per route. */
  requestsFile?: string;
  /** Load-check the generated modules first (default true; tests replaying one copy again skip it). */
  loadCheck?: boolean;
  api: ApiKind;
  timeoutMs?: number;
  /** Header names never compared (case-insensitive), on top of the built-in ones. */
  ignoreHeaders?: string[];
  /** Builds the function table (default: scan and plan the target); a seam for tests. */
  loadTable?: (root: string) => Promise<FunctionTable>;
}

export interface VerifyResult {
  request: VerifyRequest;
  original: CapturedResponse;
  migrated: CapturedResponse;
  /** Route the migrated side matched, or null (API Gateway answered itself). */
  routeKey: string | null;
  differences: Difference[];
  /** Why the migrated side failed, when it did (handler error, no route). */
  note?: string;
}

export interface VerifyReport {
  entry: string;
  results: VerifyResult[];
  mismatches: number;
  /** Generated modules the plan has but the disk does not. */
  missing: string[];
  /** Headers left out of the comparison: `--ignore-header` ones and those found volatile. */
  ignoredHeaders: string[];
  /** Generated modules that fail at load (cold start), `module: reason`; each is a failure. */
  loadFailures: string[];
  /** Set when the service has no HTTP function (jobs only): nothing was replayed. */
  nothingToVerify?: string;
  /**
   * `--fallback proxy`: requests no split function serves go to the running service, which is
   * the original itself, so only the split functions are compared; these requests were not.
   */
  forwarded?: { url: string; requests: VerifyRequest[] };
  /** What the original app and the handlers printed. */
  appOutput: string;
  handlerOutput: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name both sides see: servers that build absolute URLs from Host then agree. */
const HOST = 'localhost';

function send(url: string, req: HttpRequestData, timeoutMs: number): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const r = http.request(
      { host: u.hostname, port: u.port, method: req.method, path: req.url, headers: req.rawHeaders as unknown as http.OutgoingHttpHeaders, timeout: timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body.length ? req.body : undefined);
  });
}

/** The request as both sides receive it: Host, body length and API Gateway's forwarding headers. */
function wireRequest(request: VerifyRequest): HttpRequestData {
  const raw: string[] = ['Host', HOST];
  for (const [k, v] of request.headers) if (k.toLowerCase() !== 'host') raw.push(k, v);
  const body = request.body ?? Buffer.alloc(0);
  if (body.length) raw.push('Content-Length', String(body.length));
  return withForwardedHeaders({ method: request.method, url: request.path, rawHeaders: raw, body, sourceIp: '127.0.0.1' });
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const root = path.resolve(options.root);
  const table = await (options.loadTable ?? ((r: string) => loadFunctionTable(r, options)))(root);
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  // Every generated module (HTTP and jobs), bundled as deployed and loaded as on a cold start.
  const loadFailures = options.loadCheck === false ? [] : (await loadCheck(root, [...table.http, ...table.schedules].map((f) => ({ name: f.name, module: rel(f.module) }))))
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}: ${d.message}`);
  if (!table.http.length) {
    const what = table.schedules.length ? `only scheduled jobs (${table.schedules.length})` : 'no generated function';
    return { entry: '', results: [], mismatches: 0, missing: table.missing, ignoredHeaders: [], loadFailures, nothingToVerify: `the service has ${what}: nothing HTTP to verify`, appOutput: '', handlerOutput: '' };
  }
  const entryRel = options.entry ?? findEntryPoint(root);
  if (!entryRel) throw new Error(`cannot tell the app's entry point from ${path.join(root, 'package.json')} (no main or start script); pass --entry`);
  const entry = path.resolve(root, entryRel);
  const requests = options.requestsFile ? loadRequestFile(path.resolve(options.requestsFile)) : requestsFromRoutes(table.http);
  const timeoutMs = options.timeoutMs ?? 30000;

  const app = await startOriginalApp(entry);
  const host = new HandlerHost({ output: 'capture' });
  // Proxy mode: never forward (the URL is the real old service); requests no split function
  // takes are set aside instead, and the report says so.
  const gateway = new Gateway(table, host, { api: options.api, timeoutMs, forwardedHeaders: false, forward: false });
  const forwarded: VerifyRequest[] = [];
  const results: VerifyResult[] = [];
  // Headers that differ between two identical safe requests to the original (request ids,
  // timestamps) would differ between any two servers: they are left out of the comparison.
  const volatile = new Set((options.ignoreHeaders ?? []).map((h) => h.toLowerCase()));
  try {
    for (const request of requests) {
      if (table.proxyUrl !== undefined && !gateway.routes.match(request.method, request.path.split('?')[0]!)) {
        forwarded.push(request);
        continue;
      }
      const wire = wireRequest(request);
      const original = await send(app.url, wire, timeoutMs);
      if (SAFE_METHODS.has(request.method)) for (const name of differingHeaders(original, await send(app.url, wire, timeoutMs))) volatile.add(name);
      const response = await gateway.handle({ ...wire, rawHeaders: [...wire.rawHeaders] });
      const migrated: CapturedResponse = { status: response.status, headers: response.headers, body: request.method === 'HEAD' ? Buffer.alloc(0) : response.body };
      results.push({
        request,
        original,
        migrated,
        routeKey: response.routeKey,
        differences: [],
        ...(response.error ? { note: response.routeKey ? response.error : 'no API Gateway route matches this request' } : {}),
      });
    }
  } finally {
    await app.close();
    await host.close();
  }
  for (const r of results) r.differences = compareResponses(r.original, r.migrated, r.request.method, volatile);
  return {
    entry: path.relative(root, entry).split(path.sep).join('/'),
    results,
    mismatches: results.filter((r) => r.differences.length > 0).length,
    missing: table.missing,
    ignoredHeaders: [...volatile].sort(),
    loadFailures,
    ...(table.proxyUrl !== undefined ? { forwarded: { url: table.proxyUrl, requests: forwarded } } : {}),
    appOutput: app.output(),
    handlerOutput: host.output(),
  };
}
