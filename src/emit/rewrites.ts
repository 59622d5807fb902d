import jscodeshift from 'jscodeshift';
import type { API, FileInfo, Transform } from 'jscodeshift';
import type { RewritePlan } from '../model/migration-plan';
import type { ModuleSystem } from '../model/service-model';
import { parserFor } from '../discover';
import extractInlineHandlers from '../../transforms/extract-inline-handlers';
import exportNamedHandlers from '../../transforms/export-named-handlers';
import guardListen from '../../transforms/guard-listen';

export interface RewriteOutcome {
  source: string;
  /** Refusals and notes the transforms reported (`api.report`). */
  reports: string[];
}

/** Runs one jscodeshift transform on a source text; unchanged input comes back as is. */
function run(transform: Transform, file: string, source: string, options: Record<string, unknown>, reports: string[]): string {
  const j = jscodeshift.withParser(parserFor(file));
  const api: API = { j, jscodeshift: j, stats: () => undefined, report: (msg: string) => reports.push(msg) };
  const info: FileInfo = { path: file, source };
  const out = transform(info, api, options);
  if (out && typeof (out as Promise<unknown>).then === 'function') throw new Error('built-in transforms are synchronous');
  return typeof out === 'string' ? out : source;
}

/**
 * Applies the in-place rewrites one file needs, in an order that keeps positions valid:
 * extraction first (its positions refer to the original text), then exports, then guards.
 */
export function rewriteFile(
  plan: RewritePlan,
  source: string,
  context: { moduleSystem: ModuleSystem; entry: boolean },
): RewriteOutcome {
  const reports: string[] = [];
  let text = source;
  if (plan.extract.length) text = run(extractInlineHandlers as Transform, plan.file, text, { extract: plan.extract, moduleSystem: context.moduleSystem }, reports);
  if (plan.exportNames.length) text = run(exportNamedHandlers as Transform, plan.file, text, { names: plan.exportNames, moduleSystem: context.moduleSystem }, reports);
  if (plan.guardListen) text = run(guardListen as Transform, plan.file, text, { moduleSystem: context.moduleSystem, entry: context.entry }, reports);
  return { source: text, reports };
}
