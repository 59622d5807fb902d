import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../changes/change-set';
import { withLinguistGenerated } from '../emit/gitattributes';
import { moduleSource, runtimeLocation } from '../emit/handler-module';
import { isGenerated } from '../emit/header';
import { moduleStyleFor, type ModuleStyle } from '../emit/module-style';
import { addRuntimeDependencies } from '../emit/package-json';
import { vendoredRuntimeFiles } from '../emit/vendor-runtime';
import { lambdaTsconfig, tsconfigCovers } from '../emit/lambda-tsconfig';
import { relocate, rewriteFile } from '../emit/rewrites';
import { MIGRATED_JOB_MARKER } from '../scan/migrated-jobs';
import { diagnostic, formatLocation, type Diagnostic, type SourceLocation } from '../model/diagnostic';
import type { FunctionEntry, RouteEntry } from '../model/function-entry';
import type { FallbackMode, Granularity, HttpFunctionPlan, ImportCycle, JobFunctionPlan, MigrationPlan } from '../model/migration-plan';
import type { HandlerModel, ModuleSystem } from '../model/service-model';
import type { RunResult } from '../model/run-result';
import { planMigration, planRewrites } from '../plan/plan-migration';
import { loadMigrationTransforms, type TransformSpec } from '../hooks/load-migration-transforms';
import type { IacSettings } from '../hooks/migration-transform';
import { HookRunner } from '../hooks/run-hooks';
import { readLambdaConfig, readLambdaConfigFile } from '../emit/iac/lambda-config';
import { scheduleText } from '../plan/plan-jobs';
import { functionHandlers } from '../plan/plan-http';
import { loadServiceScan } from '../scan/scan-service';
import { checkReadiness, readinessFunctions } from '../readiness/check-readiness';
import { findEntryPoint } from './entry-point';
import { InputError, parseJsonFile } from '../model/input-error';
import { isWriterLeftover } from '../changes/file-transaction';
import { decodeSource, invalidUtf8Message, maxFileBytes } from '../scan/source-health';
import { nothingFoundProblem } from './service-root';
import { changeSetReader, EnvScanner, emitIac, resolveIacOptions, type ApiKind, type IacFormat, type IamScope } from '../emit/iac';
import { inferPermissions, type FunctionPermissions } from '../iam/infer-permissions';
import { CATCH_ALL_API_PATH } from '../model/migration-plan';
import type { ProgressListener } from '../model/progress';
import { resolveProxyUrl } from '../plan/proxy-url';

export interface MigrateOptions {
  root: string;
  /**
   * Files the service starts from, relative to the root (default: package.json `main`,
   * `exports`, `bin`, `start`/`dev` scripts); only what they import is migrated.
   */
  entries?: string[];
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
  /** Lambda runtime, default `nodejs24.x`. */
  runtime?: string;
  /** Instruction set of the functions: `x86_64` (default) or `arm64`. */
  architecture?: 'x86_64' | 'arm64';
  /** Inferred IAM statements per function (default) or for the whole stack. */
  iam?: IamScope;
  /**
   * Migration transforms to run after the built-in steps and after those listed in the
   * service's lambdashift.config: module paths (relative to `cwd`), transform objects, or
   * either with options (`['./naming.ts', { prefix: 'orders' }]`).
   */
  transforms?: TransformSpec[];
  /** Directory `transforms` and `config` paths are relative to; default `process.cwd()`. */
  cwd?: string;
  /**
   * What answers requests no split function serves: `app` (default; a whole-app function),
   * `proxy` (API Gateway forwards them to `proxyUrl`, the running service) or `none`.
   */
  fallback?: FallbackMode;
  /** With `fallback: 'proxy'`: the running service's absolute http(s) URL (else the config's `proxyUrl`). */
  proxyUrl?: string;
  /** Route selection patterns (`GET /api/users/*`, `/api/orders/**`); default every route. */
  routes?: string[];
  /**
   * A lambdashift.config file to use instead of the service's own (`.json`, or `.ts` with a
   * default export); transforms it lists resolve against its directory.
   */
  config?: string;
  /** Run the readiness rules (`RunResult.readiness`); default true. */
  readiness?: boolean;
  /** Called as each phase advances (discover, scan, plan, emit), for a progress line. */
  onProgress?: ProgressListener;
  /** Per-file scan budget in bytes (a larger file is reported, not scanned); default `LAMBDASHIFT_MAX_FILE_BYTES`, else 10 MiB. */
  maxFileBytes?: number;
}

/** Module system a source file compiles to (what its `listen` guard must use). */
function fileModuleSystem(file: string, style: ModuleStyle): ModuleSystem {
  if (/\.(mjs|mts)$/.test(file)) return 'esm';
  if (/\.(cjs|cts)$/.test(file)) return 'cjs';
  return style.moduleSystem;
}

/**
 * The whole migration as a pure read: discover → scan → plan → emit into a ChangeSet.
 * Nothing is written; printers and the writer take it from here.
 *
 * @example
 * import { migrate, applyChangeSet } from 'lambdashift';
 * const result = await migrate({ root: './service', iac: 'sam' });
 * for (const fn of result.functions) console.log(fn.name, fn.module); // e.g. getApiUsersById lambda/http/getApiUsersById.ts
 * await applyChangeSet(result.changes, { force: false });
 */
export async function migrate(options: MigrateOptions): Promise<RunResult> {
  const started = Date.now();
  const root = path.resolve(options.root);
  const outDir = (options.outDir ?? 'lambda').replace(/\\/g, '/').replace(/\/+$/, '');
  const diagnostics: Diagnostic[] = [];
  const readRoot = (rel: string): string | null => readFileOrNull(path.join(root, rel));
  // Everything below reads package.json; a broken one stops the run with its name, not a trace.
  const pkgSource = readRoot('package.json');
  if (pkgSource !== null) {
    const pkg = parseJsonFile('package.json', pkgSource);
    if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) throw new InputError('package.json', 'is not a JSON object; fix it and run again');
  }
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.config === undefined ? null : path.resolve(cwd, options.config);
  const config = configPath === null ? readLambdaConfig(readRoot, diagnostics) : readLambdaConfigFile(configPath, root, diagnostics);
  // Loaded before scanning: a transform that cannot load is a usage error, found fast.
  const configDir = configPath === null ? root : path.dirname(configPath);
  const transforms = [...loadMigrationTransforms(config.config.transforms, configDir), ...loadMigrationTransforms(options.transforms ?? [], cwd)];
  // `--proxy-url` alone means the proxy fallback.
  const fallback = options.fallback ?? (options.proxyUrl !== undefined ? 'proxy' : undefined) ?? config.config.fallback ?? 'app';
  // Checked before scanning: a proxy mode without a usable URL is a usage error, found fast.
  const proxyUrl = resolveProxyUrl(fallback, { option: options.proxyUrl, config: fallback === 'proxy' ? config.config.proxyUrl : undefined });
  const onProgress = options.onProgress;
  const scan = await loadServiceScan(root, {
    include: options.include,
    exclude: options.exclude,
    outDir,
    ...(options.entries?.length ? { entries: options.entries } : {}),
    jobs: { schedules: config.config.jobs ?? {}, schedulers: config.config.schedulers ?? {} },
    ...(onProgress ? { onProgress } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  });
  const model = scan.model;
  // Never a silent zero: a framework dependency with nothing found is an error, not "nothing to do".
  const nothing = nothingFoundProblem(root, model.apps.length + model.routers.length + model.jobs.length + model.migratedJobs.length, scan.entries);
  if (nothing) diagnostics.push(diagnostic('error', { file: 'package.json', line: nothing.line, column: nothing.column }, nothing.message, 'scan/nothing-found'));
  const style = moduleStyleFor(model.project);
  onProgress?.({ phase: 'plan', done: 0, total: null });
  const planned = planMigration(model, {
    granularity: options.granularity ?? 'route',
    outDir,
    vendorRuntime: options.vendorRuntime ?? false,
    keepSchedules: options.keepSchedules ?? false,
    extension: style.extension,
    fallback,
    ...(proxyUrl !== undefined ? { proxyUrl } : {}),
    ...(options.routes ?? config.config.routes ? { routes: options.routes ?? config.config.routes } : {}),
    ...(options.api ? { api: options.api } : {}),
  });
  // Review order: source rewrites, then package.json / IaC / .gitattributes, then generated modules.
  const newChangeSet = (): ChangeSet => {
    const c = new ChangeSet(root);
    c.markGenerated(outDir);
    c.markConfig('package.json');
    c.markConfig('.gitattributes');
    return c;
  };
  let changes = newChangeSet();
  diagnostics.push(...model.diagnostics, ...planned.diagnostics);
  const hooks = new HookRunner(transforms, { root, project: model.project, granularity: planned.options.granularity, diagnostics });
  let plan = planned;
  if (hooks.active) {
    // Skipped functions need no rewrites: their handlers stay inline, their schedules in place.
    const kept = await hooks.functions(planned);
    plan = { ...planned, ...kept, rewrites: planRewrites(model, kept.functions, kept.jobs) };
  }
  // No source rewrite for a function that is not generated: when the emit skips functions (a
  // handler the rewrite could not make importable), the rewrites are planned again for the
  // functions that are generated and the emit runs again from the original sources. The first
  // pass's diagnostics say why the others were skipped.
  // Emit steps: each rewritten file, generated module, then permissions, IaC and readiness.
  const emitFiles = plan.rewrites.length + plan.functions.length + plan.jobs.length;
  const emitSteps = emitFiles + 3;
  let emitted = 0;
  const emitStep = onProgress ? () => onProgress({ phase: 'emit', done: (emitted = Math.min(emitted + 1, emitSteps)), total: emitSteps, files: emitFiles }) : undefined;
  onProgress?.({ phase: 'emit', done: 0, total: emitSteps, files: emitFiles });
  let generated = await emitPlan(plan, style, changes, diagnostics, hooks, emitStep);
  for (let pass = 0; pass < 3; pass++) {
    const keptFunctions = new Set(generated.functions.map((f) => f.module));
    const keptJobs = new Set(generated.jobs.map((j) => j.module));
    if (keptFunctions.size === plan.functions.length && keptJobs.size === plan.jobs.length) break;
    const functions = plan.functions.filter((f) => keptFunctions.has(f.module));
    const jobs = plan.jobs.filter((j) => keptJobs.has(j.module));
    plan = { ...plan, functions, jobs, rewrites: planRewrites(model, functions, jobs.filter((j) => !j.preserved)) };
    // A file that failed stays failed: leaving it out of the next pass must not hide it.
    const failed = changes.entries().filter((f) => f.status === 'failed');
    changes = newChangeSet();
    generated = await emitPlan(plan, style, changes, [], hooks);
    for (const f of failed) if (!changes.has(f.path)) changes.put(f);
  }
  const settings = new Map<string, IacSettings>();
  if (hooks.active) for (const fn of [...generated.functions, ...generated.jobs]) settings.set(fn.name, await hooks.iac(fn));
  // Only what was generated is deployed: a skipped function has no module.
  const iacOptions = resolveIacOptions(root, { format: options.iac, api: options.api, runtime: options.runtime, architecture: options.architecture, iam: options.iam });
  // IAM statements from the SDK calls each function's code reaches (read after the rewrites).
  let permissions = new Map<string, FunctionPermissions>();
  const reader = changeSetReader(changes);
  const scanner = new EnvScanner(reader, maxFileBytes(options.maxFileBytes));
  if (iacOptions.format !== 'none') {
    const modules = [...generated.functions.map((f) => f.module), ...generated.jobs.map((j) => j.module)];
    permissions = await inferPermissions(modules, reader, scanner, diagnostics);
  }
  emitStep?.();
  const iac = emitIac({ ...plan, ...generated }, changes, iacOptions, diagnostics, { config, settings, scanner, permissions });
  emitStep?.();
  if (generated.functions.length || generated.jobs.length) {
    const pkgText = readRoot('package.json');
    if (pkgText !== null) {
      const next = addRuntimeDependencies(pkgText, { runtime: !plan.options.vendorRuntime, types: style.language === 'ts' }, [...hooks.dependencies, ...iac.devDependencies]);
      changes.modify('package.json', pkgText, next);
    }
    const attributes = readRoot('.gitattributes');
    changes.upsert('.gitattributes', attributes, withLinguistGenerated(attributes, outDir));
  }
  const routes = routeEntries(plan, generated.functions, generated.where, diagnostics);
  // What will behave differently on Lambda, mapped onto the functions actually generated.
  const readiness =
    options.readiness === false
      ? undefined
      : checkReadiness({
          scan,
          functions: readinessFunctions(generated),
          planDiagnostics: [...model.diagnostics, ...planned.diagnostics],
          config: config.config.readiness,
          configFile: config.file,
          // Judged as the rewrite leaves the sources: start-up work it guards never runs in a function.
          rewritten: (file) => {
            const change = changes.get(file);
            return change?.status === 'modified' && change.after !== null ? change.after : undefined;
          },
        });
  emitStep?.();
  if (readiness) diagnostics.push(...readiness.diagnostics);
  onProgress?.({ phase: 'emit', done: emitSteps, total: emitSteps, files: emitFiles });
  return {
    command: 'migrate',
    changes,
    diagnostics: sortDiagnostics(diagnostics),
    functions: functionEntries({ ...plan, ...generated }, permissions, iacOptions.api),
    routes,
    fallback: plan.options.fallback ?? 'app',
    ...(plan.proxy ? { proxyUrl: plan.proxy.url, proxyApiPath: iacOptions.api === 'rest' ? '/{proxy+}' : CATCH_ALL_API_PATH } : {}),
    elapsedMs: Date.now() - started,
    ...(readiness ? { readiness: readiness.findings } : {}),
  };
}

function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * `readOrNull` for many files of a few directories (the generated modules): each directory is
 * listed once and only names it holds are read, instead of one failed open per new module.
 * Names compare ignoring case, so a case-insensitive file system still finds its file.
 */
function directoryReader(): (file: string) => Promise<string | null> {
  const listings = new Map<string, Promise<Set<string> | null>>();
  return async (file) => {
    const dir = path.dirname(file);
    let listing = listings.get(dir);
    if (!listing) {
      listing = fs.readdir(dir).then(
        (names) => new Set(names.map((n) => n.toLowerCase())),
        // No directory yet (a first run): no file in it either.
        (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? new Set<string>() : null),
      );
      listings.set(dir, listing);
    }
    const names = await listing;
    // A directory that cannot be listed is left to readOrNull, which reports what is wrong.
    if (names !== null && !names.has(path.basename(file).toLowerCase())) return null;
    return readOrNull(file);
  };
}

/** Emits the plan into `changes`; returns the functions actually generated. */
async function emitPlan(
  plan: MigrationPlan,
  style: ModuleStyle,
  changes: ChangeSet,
  diagnostics: Diagnostic[],
  hooks: HookRunner,
  /** Called once per rewritten file and per generated module (progress). */
  onStep?: () => void,
): Promise<{ functions: HttpFunctionPlan[]; jobs: JobFunctionPlan[]; where: (loc: SourceLocation) => SourceLocation }> {
  const generated: HttpFunctionPlan[] = [];
  const root = plan.project.root;
  const runtime = runtimeLocation(plan);
  const entry = findEntryPoint(root);
  const readModule = directoryReader();

  // Positions (`file:line:col`) of handlers a rewrite could not make importable.
  const refused = new Set<string>();
  // `file#name` of top-level declarations export-named-handlers could not export.
  const refusedExports = new Set<string>();
  // Files whose rewrite threw: nothing in them was made importable, no schedule was removed.
  const failedFiles = new Set<string>();
  const rewritten = new Map<string, { before: string; after: string }>();
  // Generated headers (and a job's metadata) name where a registration is after the rewrite,
  // so a second run over migrated code finds the same locations and changes nothing. The
  // report (`functions[].source`) names it in the files as they are now, like diagnostics.
  const where = (loc: SourceLocation): SourceLocation => {
    const r = rewritten.get(loc.file);
    return r ? { file: loc.file, ...relocate(r.before, r.after, loc) } : loc;
  };
  for (const rewrite of plan.rewrites) {
    onStep?.();
    const abs = changes.absolute(rewrite.file);
    const decoded = decodeSource(await fs.readFile(abs));
    const source = decoded.text;
    if (decoded.invalidUtf8) {
      // Rewriting the lossy decoding would replace the bad bytes with U+FFFD: refuse instead.
      const at = decoded.invalidUtf8;
      changes.fail(rewrite.file, { message: `${rewrite.file} ${invalidUtf8Message(at)}`, line: at.line, column: at.column }, null);
      failedFiles.add(rewrite.file);
      continue;
    }
    try {
      const out = rewriteFile(rewrite, source, {
        moduleSystem: fileModuleSystem(rewrite.file, style),
        entry: entry === null || entry === rewrite.file,
        keepSchedules: plan.options.keepSchedules,
      });
      changes.modify(rewrite.file, source, out.source);
      rewritten.set(rewrite.file, { before: source, after: out.source });
      for (const r of out.reports) {
        // Transforms report `line:col: reason`.
        const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(r);
        const loc = { file: rewrite.file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1 };
        diagnostics.push(diagnostic('warning', loc, m ? m[3]! : r, 'rewrite/refused'));
        refused.add(formatLocation(loc));
        const exportName = m ? /cannot export `([^`]+)`/.exec(m[3]!) : null;
        if (exportName) refusedExports.add(`${rewrite.file}#${exportName[1]}`);
      }
    } catch (err) {
      const e = err as Error & { loc?: { line: number; column: number } };
      changes.fail(rewrite.file, { message: e.message, line: e.loc?.line, column: e.loc ? e.loc.column + 1 : undefined }, source);
      failedFiles.add(rewrite.file);
    }
  }

  /** Whether a handler the rewrite had to make importable still is not. */
  const notImportable = (h: HandlerModel): boolean => {
    const s = h.source;
    if (s.kind === 'extract') return refused.has(formatLocation(h.loc)) || failedFiles.has(s.file);
    if (s.kind === 'export') return refusedExports.has(`${s.file}#${s.localName}`) || failedFiles.has(s.file);
    return false;
  };

  const wanted = new Set<string>();
  // Routes of a function that cannot be generated stay with the whole-app function, when there is one.
  const fallbackFn = plan.functions.find((fn) => fn.fallback && !functionHandlers(fn).some(notImportable));
  for (const fn of plan.functions) {
    onStep?.();
    // A module importing a handler the rewrite could not export would fail at cold start.
    const blocked = functionHandlers(fn).find((h) => notImportable(h));
    if (blocked) {
      const served = fallbackFn && !fn.fallback ? `; ${fallbackFn.name} serves its routes` : plan.proxy ? `; its routes are forwarded to ${plan.proxy.url}` : '';
      diagnostics.push(diagnostic(served ? 'info' : 'warning', fn.source, `${fn.name} is not generated: \`${blocked.text}\` at ${formatLocation(blocked.loc)} could not be made importable${served}`, 'plan/function-skipped'));
      continue;
    }
    wanted.add(fn.module);
    const placed: HttpFunctionPlan = { ...fn, source: where(fn.source), routes: fn.routes.map((r) => ({ ...r, source: where(r.source) })) };
    generated.push(fn);
    const generatedContent = moduleSource(placed, style, runtime);
    const content = hooks.active ? await hooks.module(placed, generatedContent, style) : generatedContent;
    changes.upsert(fn.module, await readModule(changes.absolute(fn.module)), content);
  }
  const jobs: JobFunctionPlan[] = [];
  for (const job of plan.jobs) {
    onStep?.();
    if (job.preserved) {
      wanted.add(job.module);
      jobs.push(job);
      changes.upsert(job.module, await readOrNull(changes.absolute(job.module)), job.preserved.content);
      // The source file an earlier run removed the schedule from is still part of the migration:
      // counting it as unchanged keeps "N created + M modified" equal to the next run's "unchanged".
      const marked = job.job.loc.file;
      if (!changes.has(marked)) {
        const text = await readOrNull(changes.absolute(marked));
        if (text !== null) changes.unchanged(marked, text);
      }
      continue;
    }
    const s = job.job.handler.source;
    if (notImportable(job.job.handler)) {
      diagnostics.push(diagnostic('warning', job.job.loc, `${job.name} is not generated: its job function could not be made importable`, 'plan/function-skipped'));
      continue;
    }
    if (refused.has(formatLocation(job.job.loc)) || failedFiles.has(job.job.loc.file)) {
      diagnostics.push(diagnostic('warning', job.job.loc, `${job.name} is not generated: the in-process schedule could not be ${plan.options.keepSchedules ? 'guarded' : 'removed'}, so the job would run twice`, 'plan/function-skipped'));
      continue;
    }
    wanted.add(job.module);
    const placed: JobFunctionPlan = { ...job, job: { ...job.job, loc: jobLocationAfterRewrite(job, plan.options.keepSchedules, rewritten, where) } };
    jobs.push(job);
    const content = moduleSource(placed, style, runtime);
    changes.upsert(job.module, await readModule(changes.absolute(job.module)), hooks.active ? await hooks.module(placed, content, style) : content);
  }

  // Modules a previous run generated for routes and jobs that no longer exist.
  for (const kind of ['http', 'jobs']) {
    const existing = await fs.readdir(changes.absolute(`${plan.options.outDir}/${kind}`)).catch(() => [] as string[]);
    for (const name of existing.sort()) {
      const rel = `${plan.options.outDir}/${kind}/${name}`;
      // A killed write's temp file holds a generated module too, but it is not one to delete.
      if (wanted.has(rel) || isWriterLeftover(name)) continue;
      const text = await readOrNull(changes.absolute(rel));
      if (text !== null && isGenerated(text)) changes.delete(rel, text);
    }
  }

  if ((generated.length || jobs.length) && runtime.kind === 'vendored') {
    try {
      for (const f of vendoredRuntimeFiles(runtime.dir, style)) changes.upsert(f.path, await readOrNull(changes.absolute(f.path)), f.content);
    } catch (err) {
      diagnostics.push(diagnostic('error', { file: 'package.json', line: 1, column: 1 }, `cannot vendor the runtime: ${(err as Error).message}`, 'emit/vendor-runtime'));
    }
  }
  // TypeScript modules the service's own tsconfig does not take get a tsconfig of their own
  // (extending it), so `tsc -p <out>` type-checks them; one already there is left as it is.
  if ((generated.length || jobs.length) && style.language === 'ts') {
    const file = `${plan.options.outDir}/tsconfig.json`;
    const existing = await readOrNull(changes.absolute(file));
    if (existing !== null) changes.unchanged(file, existing);
    else if (!tsconfigCovers(root, plan.options.outDir)) changes.create(file, lambdaTsconfig(plan.options.outDir));
  }
  return { functions: generated, jobs, where };
}

/**
 * Where a job's registration is after the rewrite: the guarded call (--keep-schedules), or the
 * marker comment left in place of the removed call, which later runs find again.
 */
function jobLocationAfterRewrite(
  job: JobFunctionPlan,
  keepSchedules: boolean,
  rewritten: Map<string, { before: string; after: string }>,
  where: (loc: SourceLocation) => SourceLocation,
): SourceLocation {
  const r = rewritten.get(job.job.loc.file);
  if (keepSchedules || !r) return where(job.job.loc);
  const marker = `${MIGRATED_JOB_MARKER}${job.module} `;
  const at = r.after.indexOf(marker);
  if (at === -1) return where(job.job.loc);
  const before = r.after.slice(0, at);
  return { file: job.job.loc.file, line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

/** The report's `functions` entries: one per route path and per job, with the permissions inferred for each module (the fallback: one, for `api`'s catch-all). */
export function functionEntries(plan: Pick<MigrationPlan, 'functions' | 'jobs'>, permissions: ReadonlyMap<string, FunctionPermissions> = new Map(), api: ApiKind = 'http'): FunctionEntry[] {
  const out: FunctionEntry[] = [];
  const iam = (module: string) => {
    const p = permissions.get(module);
    return p && p.sources.length ? { permissions: p.sources } : {};
  };
  const cycles = (fn: { importCycles?: ImportCycle[] }) => (fn.importCycles?.length ? { importCycles: fn.importCycles.map((c) => ({ loadsFirst: c.loadsFirst, modules: [...c.modules] })) } : {});
  for (const fn of plan.functions) {
    if (fn.fallback) {
      const s = fn.source;
      out.push({
        name: fn.name,
        kind: 'http',
        method: 'ANY',
        path: '*',
        apiPath: api === 'rest' ? '/{proxy+}' : CATCH_ALL_API_PATH,
        module: fn.module,
        export: fn.exportName,
        source: `${s.file}:${s.line}:${s.column}`,
        fallback: true,
        ...iam(fn.module),
        ...cycles(fn),
      });
      continue;
    }
    for (const r of fn.routes) {
      for (const apiPath of r.apiPaths) {
        out.push({
          name: fn.name,
          kind: 'http',
          method: r.method === 'all' ? 'ALL' : r.method.toUpperCase(),
          path: r.path,
          apiPath,
          ...(r.coarse ? { coarse: r.coarse } : {}),
          module: fn.module,
          export: fn.exportName,
          source: `${r.source.file}:${r.source.line}:${r.source.column}`,
          ...iam(fn.module),
          ...cycles(fn),
        });
      }
    }
  }
  for (const job of plan.jobs) {
    out.push({
      name: job.name,
      kind: 'schedule',
      schedule: scheduleText(job.job),
      expressions: job.expressions,
      timezone: job.timezone,
      module: job.module,
      export: job.exportName,
      source: `${job.job.loc.file}:${job.job.loc.line}:${job.job.loc.column}`,
      ...iam(job.module),
      ...cycles(job),
    });
  }
  return out;
}

/** Scan diagnostics that mean "a route registration was found but not read". */
const UNREAD_ROUTE_CODES = new Set([
  'express/computed-method',
  'express/dynamic-path',
  'express/regex-path',
  'koa/computed-method',
  'koa/dynamic-path',
  'koa/regex-path',
  'koa/dynamic-prefix',
  'koa/dynamic-route-table',
  'koa/untracked-router',
  'koa/unsupported-registration',
  'koa/cross-file-registration',
]);

/**
 * The coverage list: every route and middleware-served mount, and the function that serves it
 * (its own, or the whole-app fallback), or null. Anything not served is an error: a CI gate
 * must not pass when routes are lost.
 */
function routeEntries(
  plan: MigrationPlan,
  generated: HttpFunctionPlan[],
  where: (loc: SourceLocation) => SourceLocation,
  diagnostics: Diagnostic[],
): RouteEntry[] {
  const names = new Set(generated.map((f) => f.name));
  const fallbackFn = generated.find((f) => f.fallback);
  const fallbackAppId = fallbackFn?.fallback ? plan.functions.find((f) => f.name === fallbackFn.name)?.app.id : undefined;
  const proxy = plan.proxy;
  // Which planned (and generated) function holds each route, by registration and path.
  const owner = new Map<string, string>();
  for (const fn of plan.functions) {
    if (fn.fallback || !names.has(fn.name)) continue;
    for (const r of fn.routes) owner.set(`${formatLocation(r.source)} ${r.method} ${r.path}`, fn.name);
  }
  const out: RouteEntry[] = [];
  // Registrations the scan could not read as routes (regex paths, loops, computed methods): the
  // whole app still has them, so the fallback serves them; without one they are lost.
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    if (!d.code || !UNREAD_ROUTE_CODES.has(d.code) || d.severity === 'error') continue;
    const method = /`([A-Z]+)` route/.exec(d.message)?.[1] ?? 'ALL';
    const source = `${d.file}:${d.line}:${d.column}`;
    if (fallbackFn) {
      diagnostics[i] = { ...d, severity: 'info', message: `${d.message}; the whole-app function ${fallbackFn.name} serves it` };
      out.push({ method, path: '?', source, servedBy: fallbackFn.name, reason: d.message });
    } else if (proxy && proxy.appId !== null) {
      diagnostics[i] = { ...d, severity: 'info', message: `${d.message}; the running service answers it (forwarded to ${proxy.url})` };
      out.push({ method, path: '?', source, servedBy: null, forwardedTo: proxy.url, reason: d.message });
    } else {
      diagnostics[i] = { ...d, severity: 'error' };
      out.push({ method, path: '?', source, servedBy: null, reason: d.message });
    }
  }
  for (const c of plan.coverage ?? []) {
    const own =
      c.functionName === null ? undefined : (owner.get(`${formatLocation(c.source)} ${c.method} ${c.path}`) ?? (names.has(c.functionName) ? c.functionName : undefined));
    const at = where(c.source);
    const method = c.method === 'all' ? 'ALL' : c.method.toUpperCase();
    const entry: RouteEntry = { method, path: c.path, source: `${at.file}:${at.line}:${at.column}`, servedBy: own ?? null };
    if (!own) {
      const reason = c.reason ?? (c.functionName !== null ? `its function ${c.functionName} is not generated` : 'no function of its own');
      entry.reason = reason;
      if (fallbackFn && c.appId === fallbackAppId) entry.servedBy = fallbackFn.name;
      else if (proxy && c.appId === proxy.appId) entry.forwardedTo = proxy.url;
      else {
        // Routes the planner already reported as errors are not reported twice.
        const reported = diagnostics.some((d) => d.severity === 'error' && d.file === c.source.file && d.line === c.source.line && d.column === c.source.column);
        if (!reported) diagnostics.push(diagnostic('error', c.source, `${method} ${c.path} is not served by any function (${reason})`, 'plan/not-served'));
      }
    }
    out.push(entry);
  }
  const key = (e: RouteEntry): [string, number, number] => {
    const m = /^(.*):(\d+):(\d+)$/.exec(e.source)!;
    return [m[1]!, Number(m[2]), Number(m[3])];
  };
  return out.sort((a, b) => {
    const [fa, la, ca] = key(a);
    const [fb, lb, cb] = key(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0);
  });
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

