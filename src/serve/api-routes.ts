/**
 * Route selection the way API Gateway does it (the project's API Gateway stand-in, used by
 * `serve` and `verify`). Matching is case-sensitive and ignores one trailing slash; parameters
 * never span segments, and a greedy parameter takes one or more remaining segments.
 *
 * - HTTP API (`api: 'http'`), as its developer guide documents route selection: a full match of
 *   route and method first, then a match with a greedy path variable (`{proxy+}`), then
 *   `$default`, which takes whatever no other route matches (path or method). Among full (or
 *   among greedy) matches the most specific path wins, comparing segment by segment (a literal
 *   over a `{param}` over a greedy variable), then the route's own method over `ANY`.
 * - REST API (`api: 'rest'`): resources compared segment by segment the same way, on the
 *   resource and method pair (a resource without the method does not keep the request). The
 *   REST form of the catch-all is `ANY /` and `ANY /{proxy+}` plus an `ANY` beside each split
 *   path (`restCatchAllBesidePaths`, what lambdashift's IaC writes): then the most specific
 *   resource keeps every method, and one it has no route for goes to the catch-all (`$default`
 *   here), not to a less specific resource such as a `{param}` sibling.
 */

export type RouteApi = 'http' | 'rest';

export interface RouteTableOptions {
  /** Default `http`. */
  api?: RouteApi;
  /**
   * REST only: the catch-all (the whole-app fallback, or `--fallback proxy`'s integration) has
   * an `ANY` beside every path of the table. Without a `$default` route, such requests match
   * nothing (`serve`/`verify` then forward them in proxy mode).
   */
  restCatchAllBesidePaths?: boolean;
}

export interface ApiRoute<T> {
  /** Upper-case method or `ANY`. */
  method: string;
  /** API Gateway path, e.g. `/books/{id}` or `/files/{proxy+}`. */
  path: string;
  target: T;
}

export interface RouteMatch<T> {
  route: ApiRoute<T>;
  /** `GET /books/{id}`, as in the event's `routeKey`. */
  routeKey: string;
  /** Decoded path parameters; empty when the route has none. */
  pathParameters: Record<string, string>;
  /**
   * REST: the split path whose `ANY` took the request for the catch-all (`route` is then the
   * `$default` route), e.g. `/users/me` for `GET /users/me` when only `POST /users/me` is split.
   */
  besidePath?: string;
}

/** The HTTP API's catch-all route key. */
export const DEFAULT_ROUTE = '$default';

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface Compiled<T> {
  route: ApiRoute<T>;
  segments: Segment[];
}

function compile(path: string): Segment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s): Segment => {
      const greedy = /^\{([^{}]+)\+\}$/.exec(s);
      if (greedy) return { kind: 'greedy', name: greedy[1]! };
      const param = /^\{([^{}]+)\}$/.exec(s);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'literal', text: s };
    });
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function hasGreedy<T>(c: Compiled<T>): boolean {
  return c.segments.some((s) => s.kind === 'greedy');
}

/** Compares two matching paths segment by segment: negative when `a` is the more specific one. */
function pathSpecificity<T>(a: Compiled<T>, b: Compiled<T>): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    if (RANK[x.kind] !== RANK[y.kind]) return RANK[x.kind] - RANK[y.kind];
  }
  return 0;
}

/** Compares two matching routes: negative when `a` wins. */
function precedence<T>(a: Compiled<T>, b: Compiled<T>, method: string, api: RouteApi): number {
  // HTTP API: any full match beats any match through a greedy variable.
  if (api === 'http' && hasGreedy(a) !== hasGreedy(b)) return hasGreedy(a) ? 1 : -1;
  const byPath = pathSpecificity(a, b);
  if (byPath !== 0) return byPath;
  const am = a.route.method === method ? 0 : 1;
  const bm = b.route.method === method ? 0 : 1;
  return am - bm;
}

export class RouteTable<T> {
  private readonly routes: Compiled<T>[];
  private readonly api: RouteApi;
  private readonly catchAllBeside: boolean;

  constructor(routes: ApiRoute<T>[], options: RouteTableOptions = {}) {
    this.routes = routes.map((route) => ({ route, segments: compile(route.path) }));
    this.api = options.api ?? 'http';
    this.catchAllBeside = this.api === 'rest' && options.restCatchAllBesidePaths === true;
  }

  get size(): number {
    return this.routes.length;
  }

  all(): ApiRoute<T>[] {
    return this.routes.map((r) => r.route);
  }

  /** The route API Gateway would pick for `method` and the raw (still encoded) request path. */
  match(method: string, rawPath: string): RouteMatch<T> | null {
    const parts = rawPath.split('/').filter((s, i, all) => i > 0 && !(s === '' && i === all.length - 1));
    if (parts.some((p) => p === '')) return null; // `//` never matches a route
    const fallback = this.routes.find((r) => r.route.path === DEFAULT_ROUTE);
    let best: { compiled: Compiled<T>; params: Record<string, string> } | null = null;
    for (const compiled of this.routes) {
      if (compiled.route.path === DEFAULT_ROUTE) continue;
      // With the catch-all's ANY beside every path, every resource takes every method.
      if (!this.catchAllBeside && compiled.route.method !== method && compiled.route.method !== 'ANY') continue;
      const params = this.bind(compiled.segments, parts);
      if (!params) continue;
      if (!best || precedence(compiled, best.compiled, method, this.api) < 0) best = { compiled, params };
    }
    if (best && this.catchAllBeside) {
      // The resource is chosen; now its method, else the catch-all's ANY beside it.
      const path = best.compiled.route.path;
      const onResource = this.routes.filter((r) => r.route.path === path);
      const own = onResource.find((r) => r.route.method === method) ?? onResource.find((r) => r.route.method === 'ANY');
      if (own) best = { compiled: own, params: best.params };
      else return fallback ? { route: fallback.route, routeKey: DEFAULT_ROUTE, pathParameters: best.params, besidePath: path } : null;
    }
    if (!best) return fallback ? { route: fallback.route, routeKey: DEFAULT_ROUTE, pathParameters: {} } : null;
    const route = best.compiled.route;
    return { route, routeKey: `${route.method} ${route.path}`, pathParameters: best.params };
  }

  private bind(segments: Segment[], parts: string[]): Record<string, string> | null {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (seg.kind === 'greedy') {
        if (i >= parts.length) return null;
        params[seg.name] = decode(parts.slice(i).join('/'));
        return params;
      }
      const part = parts[i];
      if (part === undefined) return null;
      if (seg.kind === 'literal') {
        if (decode(part) !== seg.text) return null;
      } else params[seg.name] = decode(part);
    }
    return segments.length === parts.length ? params : null;
  }
}
