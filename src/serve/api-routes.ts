/**
 * Route selection the way API Gateway does it: the most specific path wins (a literal segment
 * over a `{param}`, a `{param}` over a greedy `{proxy+}`), then a route's own method over `ANY`.
 * Matching is case-sensitive and ignores one trailing slash; parameters never span segments,
 * and a greedy parameter takes one or more remaining segments. The HTTP API's `$default` route
 * takes whatever no other route matches (path or method); the REST form of the catch-all,
 * `ANY /{proxy+}` with `ANY /` and an `ANY` beside each split path, routes the same requests.
 */

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

/** Compares two matching routes: negative when `a` is the more specific one. */
function specificity<T>(a: Compiled<T>, b: Compiled<T>, method: string): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    if (RANK[x.kind] !== RANK[y.kind]) return RANK[x.kind] - RANK[y.kind];
  }
  const am = a.route.method === method ? 0 : 1;
  const bm = b.route.method === method ? 0 : 1;
  return am - bm;
}

export class RouteTable<T> {
  private readonly routes: Compiled<T>[];

  constructor(routes: ApiRoute<T>[]) {
    this.routes = routes.map((route) => ({ route, segments: compile(route.path) }));
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
    let best: { compiled: Compiled<T>; params: Record<string, string> } | null = null;
    for (const compiled of this.routes) {
      if (compiled.route.path === DEFAULT_ROUTE) continue;
      if (compiled.route.method !== method && compiled.route.method !== 'ANY') continue;
      const params = this.bind(compiled.segments, parts);
      if (!params) continue;
      if (!best || specificity(compiled, best.compiled, method) < 0) best = { compiled, params };
    }
    if (!best) {
      const fallback = this.routes.find((r) => r.route.path === DEFAULT_ROUTE);
      return fallback ? { route: fallback.route, routeKey: DEFAULT_ROUTE, pathParameters: {} } : null;
    }
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
