/**
 * Which generated function API Gateway (or an ALB rule set built from the same paths) would
 * invoke for a request, given the `functions` of a migrate run.
 *
 * API Gateway REST semantics: the most specific resource wins, comparing segment by segment
 * (a static segment beats `{param}`, which beats `{greedy+}`); then the method on that resource
 * (an exact method beats `ANY`). A resource without the method does not fall back to a less
 * specific resource: the gateway answers itself (404/403), so no function runs, unless the
 * migration has a whole-app fallback (`$default`), which then takes the request.
 *
 * HEAD: Express answers HEAD with a GET route, and the request tables expect that, but API
 * Gateway does not: a HEAD request needs a HEAD (or ANY) route. `headViaGet` (default true)
 * lets HEAD fall back to the GET function, so the handler's HEAD behaviour can be compared
 * whatever the route table says; pass false to see what the gateway itself would do.
 */
import { DEFAULT_ROUTE } from '../../../src/serve/api-routes';
import { parse as parseYaml } from 'yaml';
import type { FunctionEntry, HttpFunctionEntry } from '../../../src/model/function-entry';

export interface RouteMatch {
  fn: HttpFunctionEntry;
  /** Decoded path parameters named as in `fn.apiPath`; a greedy one holds the rest of the path. */
  pathParameters: Record<string, string>;
}

type Segment = { kind: 'static'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

function parseApiPath(apiPath: string): Segment[] {
  return apiPath
    .split('/')
    .filter(Boolean)
    .map((s): Segment => {
      const greedy = /^\{(.+)\+\}$/.exec(s);
      if (greedy) return { kind: 'greedy', name: greedy[1]! };
      const param = /^\{(.+)\}$/.exec(s);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'static', text: s };
    });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const RANK = { static: 0, param: 1, greedy: 2 } as const;

/** Match of a request path (still encoded, no query) against one API path; null when it does not match. */
function matchPath(apiPath: string, requestPath: string): { params: Record<string, string>; ranks: number[] } | null {
  const segments = parseApiPath(apiPath);
  // API Gateway ignores one trailing slash.
  const parts = requestPath.replace(/\/$/, '').split('/').slice(1);
  if (requestPath === '/' || requestPath === '') parts.length = 0;
  const params: Record<string, string> = {};
  const ranks: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    ranks.push(RANK[seg.kind]);
    if (seg.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.some((p) => p === '')) return null;
      params[seg.name] = decode(rest.join('/'));
      return { params, ranks };
    }
    const part = parts[i];
    if (part === undefined || part === '') return null;
    if (seg.kind === 'static' && decode(part) !== seg.text) return null;
    if (seg.kind === 'param') params[seg.name] = decode(part);
  }
  return parts.length === segments.length ? { params, ranks } : null;
}

/** Negative when `a` is more specific than `b`. */
function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return b.length - a.length;
}

export function httpFunctions(functions: FunctionEntry[]): HttpFunctionEntry[] {
  return functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
}

/** The function the gateway invokes for `method` + `requestPath` (no query), or null. */
export function matchRoute(
  functions: HttpFunctionEntry[],
  method: string,
  requestPath: string,
  options: { headViaGet?: boolean } = {},
): RouteMatch | null {
  const found = matchSplit(functions, method, requestPath, options);
  if (found) return found;
  // The whole-app fallback: HTTP API's `$default` takes what no route takes; in a REST API its
  // `ANY /`, `ANY /{proxy+}` and an `ANY` beside each split path route the same requests.
  const fallback = functions.find((f) => f.apiPath === DEFAULT_ROUTE);
  if (!fallback) return null;
  const rest = requestPath.replace(/^\/+/, '');
  return { fn: fallback, pathParameters: rest ? { proxy: decode(rest) } : {} };
}

function matchSplit(functions: HttpFunctionEntry[], method: string, requestPath: string, options: { headViaGet?: boolean }): RouteMatch | null {
  let best: { apiPath: string; params: Record<string, string>; ranks: number[] } | null = null;
  for (const apiPath of new Set(functions.filter((f) => f.apiPath !== DEFAULT_ROUTE).map((f) => f.apiPath))) {
    const m = matchPath(apiPath, requestPath);
    if (m && (best === null || compareRanks(m.ranks, best.ranks) < 0)) best = { apiPath, ...m };
  }
  if (best === null) return null;
  const onResource = functions.filter((f) => f.apiPath === best!.apiPath);
  const upper = method.toUpperCase();
  const fn =
    onResource.find((f) => f.method === upper) ??
    onResource.find((f) => f.method === 'ALL') ??
    (upper === 'HEAD' && options.headViaGet !== false ? onResource.find((f) => f.method === 'GET') : undefined);
  return fn ? { fn, pathParameters: best.params } : null;
}

/** The API Gateway route key / method of an entry: `ALL` is `ANY`. */
export function gatewayMethod(fn: HttpFunctionEntry): string {
  return fn.method === 'ALL' ? 'ANY' : fn.method;
}

/**
 * Problems that make the API paths impossible to deploy as one API Gateway REST API: two
 * sibling resources with variable path parts of different names (`/users/{id}` next to
 * `/users/{userId}/orders` is refused: "A sibling ({id}) of this resource already has a
 * variable path part -- only one is allowed"), a greedy variable next to another variable,
 * or one method declared twice on a resource by different functions.
 */
export function restApiProblems(functions: HttpFunctionEntry[]): string[] {
  const problems: string[] = [];
  const children = new Map<string, Map<string, string>>(); // parent resource → variable child text → first API path using it
  const methods = new Map<string, string>();
  for (const fn of functions) {
    const segments = fn.apiPath.split('/').filter(Boolean);
    let parent = '';
    for (const seg of segments) {
      if (seg.startsWith('{')) {
        const vars = children.get(parent) ?? children.set(parent, new Map()).get(parent)!;
        if (!vars.has(seg)) vars.set(seg, fn.apiPath);
      }
      parent = `${parent}/${seg}`;
    }
    const key = `${gatewayMethod(fn)} ${fn.apiPath}`;
    const owner = methods.get(key);
    if (owner !== undefined && owner !== fn.name) problems.push(`${key} is served by both ${owner} and ${fn.name}`);
    methods.set(key, fn.name);
  }
  for (const [parent, vars] of children) {
    if (vars.size > 1) {
      const list = [...vars].map(([seg, apiPath]) => `${seg} (${apiPath})`).join(', ');
      problems.push(`resource ${parent || '/'} has ${vars.size} sibling variable path parts: ${list}; API Gateway REST allows only one`);
    }
  }
  return problems;
}

/**
 * The HTTP routes a generated `serverless.yml` declares (`httpApi` or `http` events), as
 * entries the router understands: a route per event, `ANY`/`*` as `ALL`, the function's name
 * and handler module. This is what API Gateway would route after a deploy, HEAD routes included.
 */
export function serverlessRoutes(yamlText: string): HttpFunctionEntry[] {
  const doc = parseYaml(yamlText) as { functions?: Record<string, { handler?: string; events?: Array<Record<string, { method?: string; path?: string }>> }> };
  const out: HttpFunctionEntry[] = [];
  for (const [name, fn] of Object.entries(doc.functions ?? {})) {
    const handler = fn.handler ?? '';
    const dot = handler.lastIndexOf('.');
    for (const event of fn.events ?? []) {
      const http = event.httpApi ?? event.http;
      if ((http as unknown) === '*') {
        // `httpApi: '*'`: the HTTP API's `$default` route.
        out.push({ kind: 'http', name, method: 'ALL', path: '*', apiPath: DEFAULT_ROUTE, module: handler.slice(0, dot), export: handler.slice(dot + 1), source: 'serverless.yml' });
        continue;
      }
      if (!http || typeof http.path !== 'string') continue;
      const method = String(http.method ?? 'ANY').toUpperCase();
      out.push({
        kind: 'http',
        name,
        method: method === 'ANY' || method === '*' ? 'ALL' : method,
        path: http.path,
        apiPath: http.path.startsWith('/') ? http.path : `/${http.path}`,
        module: handler.slice(0, dot),
        export: handler.slice(dot + 1),
        source: 'serverless.yml',
      });
    }
  }
  return out;
}
