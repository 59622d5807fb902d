/**
 * Route selection for incremental migration (`--routes`, `routes` in lambdashift.config): only
 * routes matching a pattern get functions of their own, the rest stay with the fallback.
 *
 * A pattern is an optional method and a path glob over the route path as the app registers it
 * (mount prefixes included): `*` matches one segment, `**` any number of segments (none
 * included), anything else matches itself. `GET /api/users/*` selects `GET /api/users/:id`;
 * `/api/orders/**` selects every route under `/api/orders`, whatever its method.
 */

export interface RoutePattern {
  /** Upper-case method, or null for any. */
  method: string | null;
  segments: string[];
  text: string;
}

/** Parses one pattern; throws with a one-line message on a malformed one. */
export function parseRoutePattern(text: string): RoutePattern {
  const m = /^\s*(?:([A-Za-z-]+)\s+)?(\/\S*)\s*$/.exec(text);
  if (!m) throw new Error(`route pattern "${text}" must be "[METHOD] /path", e.g. "GET /api/users/*" or "/api/orders/**"`);
  const method = m[1] ? m[1].toUpperCase() : null;
  return { method: method === 'ANY' || method === 'ALL' ? null : method, segments: m[2]!.split('/').filter(Boolean), text };
}

function segmentsMatch(pattern: string[], path: string[]): boolean {
  if (!pattern.length) return !path.length;
  const [head, ...rest] = pattern;
  if (head === '**') return Array.from({ length: path.length + 1 }, (_v, i) => i).some((i) => segmentsMatch(rest, path.slice(i)));
  if (!path.length) return false;
  return (head === '*' || head === path[0]) && segmentsMatch(rest, path.slice(1));
}

/** Whether a route (lower-case method or `all`, app path) is selected by any pattern. */
export function routeSelected(patterns: RoutePattern[], method: string, path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  const upper = method.toUpperCase();
  // An `all` route is only selected by a pattern without a method: one function cannot serve half of it.
  return patterns.some((p) => (p.method === null || (p.method === upper) || (upper === 'HEAD' && p.method === 'GET')) && segmentsMatch(p.segments, segments));
}

/** A selection predicate for the planner, or undefined when there is no selection. */
export function routeSelector(patterns: string[] | undefined): ((method: string, path: string) => boolean) | undefined {
  if (!patterns?.length) return undefined;
  const parsed = patterns.map(parseRoutePattern);
  return (method, path) => routeSelected(parsed, method, path);
}
