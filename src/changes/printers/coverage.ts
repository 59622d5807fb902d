import type { RouteEntry } from '../../model/function-entry';
import type { RunResult } from '../../model/run-result';

/** How the routes a scan found are served, for the summary line and the reports. */
export interface CoverageCounts {
  routes: number;
  /** In functions of their own. */
  ownFunctions: number;
  /** In the whole-app fallback function. */
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
    else if (r.servedBy !== null) counts.fallback++;
    else counts.notServed++;
  }
  return counts;
}

/** `12 routes: 9 in their own functions, 3 in the whole-app function, 0 not served`. */
export function coverageLine(result: RunResult): string | null {
  const c = coverageCounts(result);
  if (!c) return null;
  return `${c.routes} route${c.routes === 1 ? '' : 's'}: ${c.ownFunctions} in their own functions, ${c.fallback} in the whole-app function, ${c.notServed} not served`;
}

/** What serves a route, in words, for the Markdown table. */
export function servedByText(route: RouteEntry, result: RunResult): string {
  void result;
  return route.servedBy ?? 'not served';
}
