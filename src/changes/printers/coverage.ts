import type { RouteEntry } from '../../model/function-entry';
import type { RunResult } from '../../model/run-result';

/** How the routes a scan found are served, for the summary line and the reports. */
export interface CoverageCounts {
  routes: number;
  /** In functions of their own. */
  ownFunctions: number;
  /** In the fallback: the whole-app function, or (`--fallback proxy`) forwarded to the running service. */
  fallback: number;
  notServed: number;
}

/** Counts of `result.routes`; null for runs without a coverage list (`lambdashift run`). */
export function coverageCounts(result: RunResult): CoverageCounts | null {
  if (!result.routes) return null;
  const fallbackNames = new Set(result.functions.flatMap((f) => (f.kind === 'http' && f.fallback ? [f.name] : [])));
  const counts: CoverageCounts = { routes: result.routes.length, ownFunctions: 0, fallback: 0, notServed: 0 };
  for (const r of result.routes) {
    if (r.servedBy !== null && !fallbackNames.has(r.servedBy)) counts.ownFunctions++;
    else if (r.servedBy !== null || r.forwardedTo !== undefined) counts.fallback++;
    else counts.notServed++;
  }
  return counts;
}

/**
 * `12 routes: 9 in their own functions, 3 in the whole-app function, 0 not served`; in proxy
 * mode `3 forwarded to https://old.example.com`.
 */
export function coverageLine(result: RunResult): string | null {
  const c = coverageCounts(result);
  if (!c) return null;
  const rest = result.proxyUrl !== undefined ? `forwarded to ${result.proxyUrl}` : 'in the whole-app function';
  return `${c.routes} route${c.routes === 1 ? '' : 's'}: ${c.ownFunctions} in their own functions, ${c.fallback} ${rest}, ${c.notServed} not served`;
}

/** What serves a route, in words, for the Markdown table. */
export function servedByText(route: RouteEntry, result: RunResult): string {
  void result;
  if (route.servedBy === null && route.forwardedTo !== undefined) return `forwarded to ${route.forwardedTo}`;
  return route.servedBy ?? 'not served';
}
