import * as path from 'node:path';
import type { RunResult } from '../model/run-result';
import { ChangeSet } from './change-set';

/**
 * Several runs as one, with every path relative to `base` (an ancestor of each run's root):
 * `lambdashift migrate services/*` prints one diff and one report for all services, and
 * `--git-root` makes the paths of a single service apply from the repository root
 * (`git apply` there). File paths, diagnostic files and function modules/sources gain the
 * service's folder as a prefix, and so do readiness findings; everything else is unchanged.
 *
 * @example
 * const merged = mergeRunResults([await migrate({ root: 'services/api' }), await migrate({ root: 'services/jobs' })], process.cwd());
 * merged.changes.entries()[0].path; // → 'services/api/lambda/http/getHealth.ts'
 */
export function mergeRunResults(results: readonly RunResult[], base: string): RunResult {
  const changes = new ChangeSet(base);
  const merged: RunResult = { command: results[0]?.command ?? 'migrate', changes, diagnostics: [], functions: [], elapsedMs: 0 };
  for (const result of results) {
    result.changes.copyInto(changes);
    const prefix = changes.key(result.changes.root);
    const moved = (file: string): string => (prefix === '' ? file : path.posix.join(prefix, file));
    merged.diagnostics.push(...result.diagnostics.map((d) => ({ ...d, file: moved(d.file) })));
    merged.functions.push(...result.functions.map((fn) => ({ ...fn, module: moved(fn.module), source: moved(fn.source) })));
    if (result.readiness) (merged.readiness ??= []).push(...result.readiness.map((f) => ({ ...f, file: moved(f.file) })));
    // Coverage is per route: every service's routes, named from the common base like functions.
    if (result.routes) (merged.routes ??= []).push(...result.routes.map((r) => ({ ...r, source: moved(r.source) })));
    // One run's services share its options (--proxy-url is refused with several services).
    if (result.fallback !== undefined) merged.fallback ??= result.fallback;
    merged.elapsedMs += result.elapsedMs;
  }
  return merged;
}
