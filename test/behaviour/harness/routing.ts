/**
 * Which generated function API Gateway (or an ALB rule set built from the same paths) would
 * invoke for a request, given the `functions` of a migrate run: the project's own stand-in
 * (`src/serve/api-routes.ts`, which `serve` and `verify` use), so the behaviour replays and
 * `verify` route alike.
 *
 * `api: 'http'` (HTTP API, the v2 events): a full match of path and method before a greedy one,
 * `$default` last. `api: 'rest'` (default; REST v1 events and ALB): the most specific resource
 * (a static segment over `{param}` over `{greedy+}`), then the method on it (exact over `ANY`);
 * with a whole-app fallback, its `ANY` beside each split path takes a method the resource lacks,
 * and `ANY /` / `ANY /{proxy+}` every other path. Without a fallback, a request no route takes
 * gets `null`: the gateway answers itself (404/403) and no function runs.
 *
 * HEAD: Express answers HEAD with a GET route, and the request tables expect that, but API
 * Gateway does not: a HEAD request needs a HEAD (or ANY) route. `headViaGet` (default true)
 * lets HEAD fall back to the GET function, so the handler's HEAD behaviour can be compared
 * whatever the route table says; pass false to see what the gateway itself would do.
 */
import { DEFAULT_ROUTE, RouteTable, type RouteApi } from '../../../src/serve/api-routes';
import { parse as parseYaml } from 'yaml';
import type { FunctionEntry, HttpFunctionEntry } from '../../../src/model/function-entry';

export interface RouteMatch {
  fn: HttpFunctionEntry;
  /** Decoded path parameters named as in `fn.apiPath`; a greedy one holds the rest of the path. */
  pathParameters: Record<string, string>;
  /** REST: the split path whose `ANY` took the request for the fallback (its resource in the event). */
  besidePath?: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function httpFunctions(functions: FunctionEntry[]): HttpFunctionEntry[] {
  return functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
}

/** The function the gateway invokes for `method` + `requestPath` (no query), or null. */
export function matchRoute(
  functions: HttpFunctionEntry[],
  method: string,
  requestPath: string,
  options: { headViaGet?: boolean; api?: RouteApi } = {},
): RouteMatch | null {
  const table = new RouteTable(
    functions.map((fn) => ({ method: gatewayMethod(fn), path: fn.apiPath, target: fn })),
    { api: options.api ?? 'rest', restCatchAllBesidePaths: functions.some((f) => f.apiPath === DEFAULT_ROUTE) },
  );
  const upper = method.toUpperCase();
  let m = table.match(upper, requestPath);
  if (upper === 'HEAD' && options.headViaGet !== false && (m === null || m.route.path === DEFAULT_ROUTE)) {
    const viaGet = table.match('GET', requestPath);
    if (viaGet && viaGet.route.path !== DEFAULT_ROUTE) m = viaGet;
  }
  if (m === null) return null;
  if (m.route.path !== DEFAULT_ROUTE) return { fn: m.route.target, pathParameters: m.pathParameters };
  // The whole-app fallback: beside a split path, as that resource; else `ANY /{proxy+}` (or `ANY /`).
  if (m.besidePath !== undefined) return { fn: m.route.target, pathParameters: m.pathParameters, besidePath: m.besidePath };
  const rest = requestPath.replace(/^\/+/, '');
  return { fn: m.route.target, pathParameters: rest ? { proxy: decode(rest) } : {} };
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

/** The API a generated `serverless.yml` deploys: `http` when its events are `httpApi`, else `rest`. */
export function serverlessApi(yamlText: string): RouteApi {
  const doc = parseYaml(yamlText) as { functions?: Record<string, { events?: Array<Record<string, unknown>> }> };
  const events = Object.values(doc.functions ?? {}).flatMap((fn) => fn.events ?? []);
  return events.some((e) => e.httpApi !== undefined) ? 'http' : 'rest';
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
