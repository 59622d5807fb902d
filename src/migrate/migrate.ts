import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../changes/change-set';
import { discoverFiles } from '../discover';
import { generateExpressModule } from '../emit/express-module';
import { generateKoaModule } from '../emit/koa-module';
import { isGenerated } from '../emit/header';
import { moduleStyleFor, type ModuleStyle } from '../emit/module-style';
import { addRuntimeDependencies } from '../emit/package-json';
import { rewriteFile } from '../emit/rewrites';
import type { RuntimeLocation } from '../emit/runtime-location';
import { diagnostic, formatLocation, type Diagnostic } from '../model/diagnostic';
import type { FunctionEntry } from '../model/function-entry';
import type { Granularity, HttpFunctionPlan, MigrationPlan, RewritePlan } from '../model/migration-plan';
import type { ModuleSystem, ServiceModel } from '../model/service-model';
import type { RunResult } from '../model/run-result';
import { planMigration } from '../plan/plan-migration';
import { handlersIn } from '../plan/plan-http';
import { majorVersion } from '../scan/project-info';
import { scanService } from '../scan/scan-service';
import { findEntryPoint } from './entry-point';
import { emitIac, resolveIacOptions, type ApiKind, type IacFormat } from '../emit/iac';

export interface MigrateOptions {
  root: string;
  include?: string[];
  exclude?: string[];
  granularity?: Granularity;
  /** Output directory for generated modules, relative to the root. Default `lambda`. */
  outDir?: string;
  vendorRuntime?: boolean;
  keepSchedules?: boolean;
  /** IaC to write: default `serverless`, or `sam` when only a SAM template exists. */
  iac?: IacFormat;
  /** API Gateway flavour of HTTP events: `http` (HTTP API, payload v2, default) or `rest` (v1). */
  api?: ApiKind;
  /** Lambda runtime, default `nodejs20.x`. */
  runtime?: string;
}

/** Module system a source file compiles to (what its `listen` guard must use). */
function fileModuleSystem(file: string, project: ServiceModel['project'], style: ModuleStyle): ModuleSystem {
  if (/\.(mjs|mts)$/.test(file)) return 'esm';
  if (/\.(cjs|cts)$/.test(file)) return 'cjs';
  return style.moduleSystem;
}

/**
 * The whole migration as a pure read: discover → scan → plan → emit into a ChangeSet.
 * Nothing is written; printers and the writer take it from here.
 */
export async function migrate(options: MigrateOptions): Promise<RunResult> {
  const started = Date.now();
  const root = path.resolve(options.root);
  const outDir = (options.outDir ?? 'lambda').replace(/\\/g, '/').replace(/\/+$/, '');
  const files = await discoverFiles(root, [], {
    include: options.include,
    // Generated modules are output, not input: scanning them would find their apps.
    exclude: [...(options.exclude ?? []), `${outDir}/**`],
  });
  const model = await scanService({ root, files: files.map((f) => f.path) });
  const style = moduleStyleFor(model.project);
  const plan = planMigration(model, {
    granularity: options.granularity ?? 'route',
    outDir,
    vendorRuntime: options.vendorRuntime ?? false,
    keepSchedules: options.keepSchedules ?? false,
    extension: style.extension,
  });
  const changes = new ChangeSet(root);
  const diagnostics: Diagnostic[] = [...model.diagnostics, ...plan.diagnostics];
  const generated = await emitPlan(plan, style, changes, diagnostics);
  emitIac(plan, changes, resolveIacOptions(root, { format: options.iac, api: options.api, runtime: options.runtime }), diagnostics);
  return {
    command: 'migrate',
    changes,
    diagnostics: sortDiagnostics(diagnostics),
    functions: functionEntries({ ...plan, functions: generated }),
    elapsedMs: Date.now() - started,
  };
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Emits the plan into `changes`; returns the HTTP functions actually generated. */
async function emitPlan(plan: MigrationPlan, style: ModuleStyle, changes: ChangeSet, diagnostics: Diagnostic[]): Promise<HttpFunctionPlan[]> {
  const generated: HttpFunctionPlan[] = [];
  const root = plan.project.root;
  const runtime: RuntimeLocation = plan.options.vendorRuntime ? { kind: 'vendored', dir: `${plan.options.outDir}/runtime` } : { kind: 'package' };
  const entry = findEntryPoint(root);

  // Positions (`file:line:col`) of handlers a rewrite could not make importable.
  const refused = new Set<string>();
  for (const rewrite of plan.rewrites) {
    const abs = changes.absolute(rewrite.file);
    const source = await fs.readFile(abs, 'utf8');
    try {
      const out = rewriteFile(rewrite, source, { moduleSystem: fileModuleSystem(rewrite.file, plan.project, style), entry: entry === null || entry === rewrite.file });
      changes.modify(rewrite.file, source, out.source);
      for (const r of out.reports) {
        // Transforms report `line:col: reason`.
        const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(r);
        const loc = { file: rewrite.file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1 };
        diagnostics.push(diagnostic('warning', loc, m ? m[3]! : r, 'rewrite/refused'));
        refused.add(formatLocation(loc));
      }
    } catch (err) {
      const e = err as Error & { loc?: { line: number; column: number } };
      changes.fail(rewrite.file, { message: e.message, line: e.loc?.line, column: e.loc ? e.loc.column + 1 : undefined }, source);
      for (const x of rewrite.extract) refused.add(formatLocation({ file: rewrite.file, line: x.line, column: x.column }));
    }
  }

  const wanted = new Set<string>();
  for (const fn of plan.functions) {
    // A module importing a handler the rewrite could not export would fail at cold start.
    const blocked = handlersIn(fn.app).find((h) => (h.source.kind === 'extract' || h.source.kind === 'export') && refused.has(formatLocation(h.loc)));
    if (blocked) {
      diagnostics.push(diagnostic('warning', fn.source, `${fn.name} is not generated: \`${blocked.text}\` at ${formatLocation(blocked.loc)} could not be made importable`, 'plan/function-skipped'));
      continue;
    }
    wanted.add(fn.module);
    generated.push(fn);
    const content = fn.framework === 'koa' ? generateKoaModule(fn, style, runtime) : generateExpressModule(fn, style, runtime);
    changes.upsert(fn.module, await readOrNull(changes.absolute(fn.module)), content);
  }
  // Modules a previous run generated for routes that no longer exist.
  const httpDir = changes.absolute(`${plan.options.outDir}/http`);
  const existing = await fs.readdir(httpDir).catch(() => [] as string[]);
  for (const name of existing.sort()) {
    const rel = `${plan.options.outDir}/http/${name}`;
    if (wanted.has(rel)) continue;
    const text = await readOrNull(changes.absolute(rel));
    if (text !== null && isGenerated(text)) changes.delete(rel, text);
  }

  if (generated.length) {
    const pkgText = await readOrNull(path.join(root, 'package.json'));
    if (pkgText !== null) {
      const next = addRuntimeDependencies(pkgText, { runtime: !plan.options.vendorRuntime, types: style.language === 'ts' });
      changes.modify('package.json', pkgText, next);
    }
  }
  return generated;
}

function functionEntries(plan: MigrationPlan): FunctionEntry[] {
  const out: FunctionEntry[] = [];
  for (const fn of plan.functions) {
    for (const r of fn.routes) {
      for (const apiPath of r.apiPaths) {
        out.push({
          name: fn.name,
          kind: 'http',
          method: r.method === 'all' ? 'ALL' : r.method.toUpperCase(),
          path: r.path,
          apiPath,
          module: fn.module,
          export: fn.exportName,
          source: `${r.source.file}:${r.source.line}:${r.source.column}`,
        });
      }
    }
  }
  for (const job of plan.jobs) {
    out.push({
      name: job.name,
      kind: 'schedule',
      schedule: job.job.spec.kind === 'cron' ? job.job.spec.expression : JSON.stringify(job.job.spec.kind === 'rule' ? job.job.spec.fields : job.job.spec.iso),
      expressions: job.expressions,
      timezone: job.timezone,
      module: job.module,
      export: job.exportName,
      source: `${job.job.loc.file}:${job.job.loc.line}:${job.job.loc.column}`,
    });
  }
  return out;
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export { majorVersion };
export type { RewritePlan };
