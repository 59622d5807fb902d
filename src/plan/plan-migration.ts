import type { Diagnostic } from '../model/diagnostic';
import type { MigrationOptions, MigrationPlan, RewritePlan } from '../model/migration-plan';
import type { ServiceModel } from '../model/service-model';
import { majorVersion } from '../scan/project-info';
import { handlersIn, planHttpFunctions } from './plan-http';

/** ServiceModel → MigrationPlan. Pure: no I/O, same input, same plan. */
export function planMigration(model: ServiceModel, options: MigrationOptions & { extension: string }): MigrationPlan {
  const diagnostics: Diagnostic[] = [];
  const http = planHttpFunctions(model, {
    granularity: options.granularity,
    outDir: options.outDir,
    extension: options.extension,
    expressMajor: majorVersion(model.project, 'express'),
  });
  diagnostics.push(...http.diagnostics);

  // Rewrites: only what the planned functions need, plus listen guards on migrated apps.
  const rewrites = new Map<string, RewritePlan>();
  const rewrite = (file: string): RewritePlan => {
    let r = rewrites.get(file);
    if (!r) {
      r = { file, extract: [], exportNames: [], guardListen: false, scheduleCalls: [] };
      rewrites.set(file, r);
    }
    return r;
  };
  const seen = new Set<string>();
  for (const fn of http.functions) {
    for (const h of handlersIn(fn.app)) {
      const s = h.source;
      if (s.kind === 'extract') {
        const key = `${s.file}:${s.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rewrite(s.file).extract.push({ line: h.loc.line, column: h.loc.column, exportName: s.exportName });
      } else if (s.kind === 'export') {
        const r = rewrite(s.file);
        if (!r.exportNames.includes(s.localName)) r.exportNames.push(s.localName);
      }
    }
  }
  if (http.functions.length) {
    for (const app of model.apps) if (app.listenCalls.length) rewrite(app.file).guardListen = true;
  }
  const sorted = [...rewrites.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const r of sorted) {
    r.extract.sort((a, b) => a.line - b.line || a.column - b.column);
    r.exportNames.sort();
  }
  return { project: model.project, options, functions: http.functions, jobs: [], rewrites: sorted, diagnostics };
}
