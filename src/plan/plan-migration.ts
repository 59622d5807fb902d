import { planAssets } from './assets';
import { unknownEngineRenders, viewEnginesFor } from './view-engine';
import { functionNameBudget, serviceNameFrom } from '../safety/names';
import type { Diagnostic } from '../model/diagnostic';
import type { HttpFunctionPlan, MigrationOptions, MigrationPlan, RewritePlan } from '../model/migration-plan';
import type { ServiceModel } from '../model/service-model';
import { majorVersion } from '../scan/project-info';
import { functionHandlers, planHttpFunctions } from './plan-http';
import { planJobFunctions } from './plan-jobs';
import { migratedJobNote } from '../scan/migrated-jobs';
import type { JobFunctionPlan } from '../model/migration-plan';
import { diagnostic } from '../model/diagnostic';
import { routeSelector } from './route-selection';
import { importedFiles, planImportCycles, reachedModules } from './import-cycles';

/**
 * ServiceModel → MigrationPlan. Pure: no I/O, same input, same plan.
 *
 * @example
 * import { loadServiceModel, planMigration } from 'lambdashift';
 * const model = await loadServiceModel('./service');
 * const plan = planMigration(model, { granularity: 'route', outDir: 'lambda', vendorRuntime: false, keepSchedules: false, extension: '.ts' });
 * plan.functions.map((f) => f.module); // e.g. ['lambda/http/getApiUsers.ts', 'lambda/http/getApiUsersById.ts', …]
 */
export function planMigration(model: ServiceModel, options: MigrationOptions & { extension: string }): MigrationPlan {
  const diagnostics: Diagnostic[] = [];
  // Jobs an earlier run migrated keep their names; new functions must not take them.
  const taken = new Set<string>(
    model.migratedJobs.filter((m) => m.content !== null).flatMap((m) => [m.module.split('/').pop()!.replace(/\.[^.]+$/, ''), ...(m.meta?.name ? [m.meta.name] : [])]),
  );
  const maxNameLength = functionNameBudget(serviceNameFrom(model.project.name, model.project.root));
  const jobs = planJobFunctions(model.jobs, {
    outDir: options.outDir,
    extension: options.extension,
    language: options.extension === '.ts' ? 'ts' : 'js',
    assumeTimezone: 'UTC',
    takenNames: taken,
    maxNameLength,
  });
  const http = planHttpFunctions(model, {
    granularity: options.granularity,
    outDir: options.outDir,
    extension: options.extension,
    expressMajor: majorVersion(model.project, 'express'),
    takenNames: taken,
    fallback: options.fallback ?? 'app',
    ...(options.proxyUrl !== undefined ? { proxyUrl: options.proxyUrl } : {}),
    selected: routeSelector(options.routes),
    maxNameLength,
    ...(options.api ? { api: options.api } : {}),
  });
  diagnostics.push(...jobs.diagnostics, ...http.diagnostics);
  diagnostics.push(...planImportCycles(model.moduleGraph, [...http.functions, ...jobs.jobs]));

  for (const fn of http.functions) {
    if (fn.framework !== 'express') continue;
    const app = model.apps.find((a) => a.id === fn.app.id);
    const engines = viewEnginesFor(fn.fallback ? app?.settings['view engine'] : fn.settings['view engine'], app, model);
    if (engines.length) fn.viewEngines = engines;
  }
  if (http.functions.some((f) => f.framework === 'express')) diagnostics.push(...unknownEngineRenders(model));
  const rewrites = planRewrites(model, http.functions, jobs.jobs);
  const assets = http.functions.length || jobs.jobs.length ? planAssets(model) : { diagnostics: [] };
  diagnostics.push(...assets.diagnostics);
  return {
    project: model.project,
    options,
    functions: http.functions,
    jobs: [...jobs.jobs, ...keptJobs(model, jobs.jobs, diagnostics)],
    rewrites,
    diagnostics,
    coverage: http.coverage,
    ...(http.proxy ? { proxy: http.proxy } : {}),
    ...(assets.assets ? { assets: assets.assets } : {}),
  };
}

/**
 * In-place rewrites the given functions need: extracted and exported handlers, removed (or
 * guarded) schedule calls, and listen guards on migrated apps. Jobs an earlier run migrated
 * need none. Also used after migration transforms have skipped functions.
 */
export function planRewrites(model: ServiceModel, functions: HttpFunctionPlan[], jobs: JobFunctionPlan[]): RewritePlan[] {
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
  for (const fn of functions) {
    for (const h of functionHandlers(fn)) {
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
  for (const job of jobs) {
    if (job.preserved) continue;
    const s = job.job.handler.source;
    if (s.kind === 'extract') rewrite(s.file).extract.push({ line: job.job.handler.loc.line, column: job.job.handler.loc.column, exportName: s.exportName });
    else if (s.kind === 'export') {
      const r = rewrite(s.file);
      if (!r.exportNames.includes(s.localName)) r.exportNames.push(s.localName);
    }
    rewrite(job.job.loc.file).scheduleCalls.push({
      line: job.job.loc.line,
      column: job.job.loc.column,
      note: migratedJobNote(job.module, job.expressions, job.timezone),
    });
  }
  // Loading a generated module (HTTP or job) must start no server: guard the listen calls
  // (`app.listen`, `server.listen`, `http.createServer(app).listen`, ...) of every file one
  // imports or that creates an app; the guard leaves the original start-up as it was.
  if (functions.length || jobs.length) {
    for (const app of model.apps) {
      rewrite(app.file).guardListen = true;
      for (const call of app.listenCalls) rewrite(call.file).guardListen = true;
    }
    // The whole-app fallback also imports the files that register on the app, for their effects.
    for (const fn of functions) for (const file of fn.fallback?.sideEffects ?? []) rewrite(file).guardListen = true;
    // The module of an import cycle a generated module loads first (often the entry itself).
    for (const fn of [...functions, ...jobs]) for (const c of fn.importCycles ?? []) rewrite(c.loadsFirst).guardListen = true;
    const imported = [...functions.flatMap((fn) => functionHandlers(fn)), ...jobs.filter((j) => !j.preserved).map((j) => j.job.handler)];
    for (const h of imported) {
      const s = h.source;
      if ((s.kind === 'import' || s.kind === 'export' || s.kind === 'extract') && !s.ref.isPackage) rewrite(s.ref.from).guardListen = true;
    }
    for (const r of rewrites.values()) r.guardListen = true;
    // Timers, websocket servers and schedules left in place that loading those files (and what
    // they load) would start: guarded too. Migrated schedule calls are removed instead.
    const graph = model.moduleGraph;
    if (graph) {
      const migrated = new Set(jobs.map((j) => `${j.job.loc.file}:${j.job.loc.line}:${j.job.loc.column}`));
      const loaded = reachedModules(graph, [...new Set([...functions, ...jobs].flatMap(importedFiles).concat([...rewrites.keys()]))]);
      for (const file of [...loaded].sort()) {
        const effects = (graph.startup[file] ?? []).filter((e) => !migrated.has(`${e.loc.file}:${e.loc.line}:${e.loc.column}`));
        if (effects.length) rewrite(file).guardStartup = effects.map((e) => ({ line: e.loc.line, column: e.loc.column }));
        // A listen anywhere in a loaded file: a start function the entry calls (`start()`,
        // `main().catch(...)`), an exported `startServer()` in a module of its own.
        if (graph.listens?.[file]?.length) rewrite(file).guardListen = true;
      }
    }
  }
  const sorted = [...rewrites.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const r of sorted) {
    r.extract.sort((a, b) => a.line - b.line || a.column - b.column);
    r.exportNames.sort();
    r.scheduleCalls.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return sorted;
}

/**
 * Jobs an earlier run migrated (only a marker comment is left where their schedule was):
 * their generated modules are kept as they are, and they stay in the report and the IaC.
 */
function keptJobs(model: ServiceModel, planned: JobFunctionPlan[], diagnostics: Diagnostic[]): JobFunctionPlan[] {
  const out: JobFunctionPlan[] = [];
  for (const m of model.migratedJobs) {
    if (planned.some((j) => j.module === m.module)) continue;
    if (!m.content || !m.meta) {
      diagnostics.push(diagnostic('warning', m.loc, `the generated module ${m.module} of this migrated job is missing or was edited; restore it from version control`, 'plan/migrated-job-missing'));
      continue;
    }
    // A transform may have named the function apart from its module; the metadata keeps that name.
    const name = m.meta.name ?? m.module.split('/').pop()!.replace(/\.[^.]+$/, '');
    out.push({
      kind: 'schedule',
      name,
      module: m.module,
      exportName: 'handler',
      job: {
        id: `${m.loc.file}:${m.loc.line}:${m.loc.column}`,
        library: m.meta.library as JobFunctionPlan['job']['library'],
        libraryMajor: null,
        loc: m.loc,
        spec: specFromText(m.meta.schedule),
        timezone: m.meta.timezone,
        options: m.meta.options,
        name,
        handler: { text: name, loc: m.loc, source: { kind: 'unsupported', reason: 'already migrated' }, arity: null, isErrorHandler: false },
      },
      expressions: m.meta.expressions,
      timezone: m.meta.timezone,
      timezoneAssumed: false,
      // The guards' source lives in the kept module; only which schedules have one matters here.
      guards: m.meta.expressions.map((_e, i) => (m.meta!.guarded?.[i] ? '(kept in the generated module)' : null)),
      notes: [],
      preserved: { content: m.content },
    });
  }
  return out;
}

/** Inverse of `scheduleText`: a rule's JSON, an ISO date, or cron text. */
function specFromText(text: string): JobFunctionPlan['job']['spec'] {
  if (text.startsWith('{')) {
    try {
      return { kind: 'rule', fields: JSON.parse(text) as Record<string, unknown> };
    } catch {
      // not JSON after all: fall through to cron text
    }
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return { kind: 'date', iso: text };
  return { kind: 'cron', expression: text };
}
