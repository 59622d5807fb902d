import { FILE_CONCURRENCY, mapConcurrently } from '../changes/concurrency';
import { promises as fs } from 'node:fs';
import { discoverFiles, mentionsAny } from '../discover';
import type { ServiceModel } from '../model/service-model';
import { scanJobs, type JobScanOptions } from './cron';
import { scanExpress } from './express';
import { findMigratedJobMarkers, readIfExists, readJobMetadata } from './migrated-jobs';
import { scanKoa } from './koa';
import { reportUntrackedCreations } from './untracked-creations';
import { readProjectInfo } from './project-info';
import { ScanContext } from './scan-context';
import { createTsProject } from './ts-project';
import { Project, SourceFile as SourceFileClass, type SourceFile } from 'ts-morph';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { bracketDepth, GuardedSources } from './guarded-sources';
import { binaryProblem, decodeSource, excessiveNesting, isStackOverflow, MAX_SYNTAX_DEPTH, maxFileBytes, parserOverflow, problemLocation, tooLargeProblem, type SourceProblem } from './source-health';
import { findEntryPoints, frameworkImport, isTestOrTooling, reachableFiles } from './entry-graph';
import * as path from 'node:path';
import type { ProgressListener } from '../model/progress';
import { buildModuleGraph } from './module-graph';
import { scanAssetPaths } from './asset-paths';
import { scanViews } from './views';

/** Words without which a file cannot register a route or a job: cheap pre-filter before parsing. */
const FRAMEWORK_WORDS = ['express', 'koa', 'Router', 'router', 'cron', 'schedule', 'CronJob', '.use(', '.listen('] as const;

export interface ScanInput {
  root: string;
  /** Absolute paths of the discovered source files. */
  files: string[];
  /** Job schedules and scheduler aliases from lambdashift.config. */
  jobs?: JobScanOptions;
  /**
   * Files the service starts from (relative to the root); default: package.json `main`,
   * `exports`, `bin` and the `start`/`dev` scripts. Only files reachable from them are
   * scanned; with none declared, every discovered file is.
   */
  entries?: string[];
  /** Called as files are parsed (`scan` phase). */
  onProgress?: ProgressListener;
  /** Per-file budget in bytes: a larger file is reported, not parsed. Default `LAMBDASHIFT_MAX_FILE_BYTES`, else 10 MiB. */
  maxFileBytes?: number;
}

export interface LoadServiceOptions {
  /** Globs (relative to the root) a file must match; default: every source file. */
  include?: string[];
  exclude?: string[];
  /** Directory of generated modules, left out of the scan (it holds output, not input). Default `lambda`. */
  outDir?: string;
  /** Entry files (relative to the root) instead of the ones package.json names; see {@link ScanInput.entries}. */
  entries?: string[];
  /** Job schedules and scheduler aliases from lambdashift.config. */
  jobs?: JobScanOptions;
  /** Called as files are found (`discover`) and parsed (`scan`), for a progress line. */
  onProgress?: ProgressListener;
  /** See {@link ScanInput.maxFileBytes}. */
  maxFileBytes?: number;
}

/**
 * Discovers a service's source files (honouring .gitignore, include/exclude) and reads them
 * into its ServiceModel: apps, routers, routes with their middleware chains, jobs, diagnostics,
 * every item with its `file:line:col`. Reads only; nothing is written.
 *
 * @example
 * import { loadServiceModel } from 'lambdashift';
 * const model = await loadServiceModel('./service');
 * for (const router of model.routers) for (const layer of router.layers) {
 *   if (layer.kind === 'route') console.log(layer.method, layer.path, `${layer.loc.file}:${layer.loc.line}`);
 * }
 */
export async function loadServiceModel(root: string, options: LoadServiceOptions = {}): Promise<ServiceModel> {
  return (await loadServiceScan(root, options)).model;
}

/**
 * What a scan read, for later stages that look at the code again (the readiness rules): the
 * model, the ts-morph project the scanners parsed, and the text of every discovered file.
 */
export interface ServiceScan {
  model: ServiceModel;
  tsProject: Project;
  /** Every discovered file (absolute path) with its text, parsed or not. */
  sources: Array<{ path: string; text: string }>;
  /** The entry files (root-relative) the scan started from: `--entry`, package.json, else common names. */
  entries: string[];
}

/** {@link loadServiceModel}, keeping the parsed project and the sources (internal). */
export async function loadServiceScan(root: string, options: LoadServiceOptions = {}): Promise<ServiceScan> {
  const outDir = (options.outDir ?? 'lambda').replace(/\\/g, '/').replace(/\/+$/, '');
  const onProgress = options.onProgress;
  const files = await discoverFiles(root, [], {
    include: options.include,
    exclude: [...(options.exclude ?? []), `${outDir}/**`],
    ...(onProgress ? { onFile: (found: number) => onProgress({ phase: 'discover', done: found, total: null }) } : {}),
  });
  return scanServiceWithProject({
    root,
    files: files.map((f) => f.path),
    jobs: options.jobs,
    ...(options.entries?.length ? { entries: options.entries } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  });
}

/**
 * Reads a service into a ServiceModel: files that mention a framework are parsed with
 * ts-morph, and imports are followed into the rest (controllers, middleware) on demand.
 * {@link loadServiceModel} discovers the files for you.
 *
 * @example
 * import * as path from 'node:path';
 * import { scanService } from 'lambdashift';
 * const root = path.resolve('service');
 * const files = ['src/app.ts', 'src/routes/users.ts'].map((f) => path.join(root, f)); // absolute paths
 * const model = await scanService({ root, files }); // model.apps, .routers, .jobs, .diagnostics
 */
export async function scanService(input: ScanInput): Promise<ServiceModel> {
  return (await scanServiceWithProject(input)).model;
}

async function scanServiceWithProject(input: ScanInput): Promise<ServiceScan> {
  const project = readProjectInfo(input.root);
  // Progress: four steps per read file: parsing it, the two express passes (creations,
  // registrations) and the job pass. A stage ends on its boundary, so files a pass skips still
  // count, and the counter never goes back.
  const n = input.files.length;
  const steps = Math.max(1, n * 4);
  let step = 0;
  let ceiling = 0;
  const progress = (): void => input.onProgress?.({ phase: 'scan', done: step, total: steps, files: n });
  const stage = (from: number, to: number): void => {
    step = Math.max(step, from);
    ceiling = to;
    progress();
  };
  const ctx = new ScanContext(project.root, input.onProgress ? () => { step = Math.min(step + 1, ceiling); progress(); } : undefined);
  // Tests, mocks, fixtures and scripts are not what the service runs: never scanned or rewritten.
  const serviceFiles = input.files.filter((f) => !isTestOrTooling(ctx.rel(f)));
  const budget = maxFileBytes(input.maxFileBytes);
  // Bounded: a monorepo of 40,000 files read at once fails with EMFILE.
  const sources = await mapConcurrently(serviceFiles, FILE_CONCURRENCY, async (f) => {
    const bytes = await fs.readFile(f);
    return { f, bytes: bytes.length, ...decodeSource(bytes) };
  });
  // Every file the project loads, imports followed on demand included, goes through the guard.
  const guard = new GuardedSources(project.root, new Project().getFileSystem(), budget);
  ctx.notScanned = guard.problems;
  const tsProject = createTsProject([], project.root, guard.host());
  const all: SourceFile[] = [];
  const starts = findEntryPoints(project.root, input.entries ?? []);
  // Entry files are read whatever they mention: one may only create a class app's instance.
  const entryFiles = new Set(starts.map((e) => path.resolve(project.root, e)));
  stage(0, n);
  for (const source of sources) {
    ctx.fileScanned();
    if (source.binary) {
      guard.reject(source.f, binaryProblem(source.binary));
      continue;
    }
    if (!mentionsAny(source.text, FRAMEWORK_WORDS) && !entryFiles.has(path.resolve(source.f))) continue;
    if (source.bytes > budget) {
      guard.reject(source.f, tooLargeProblem(source.bytes, budget));
      continue;
    }
    if (bracketDepth(source.text) > MAX_SYNTAX_DEPTH) {
      guard.reject(source.f, parserOverflow(source.text));
      continue;
    }
    guard.remember(source.f, source.text);
    const checked = parseChecked(tsProject, source.f);
    if (checked instanceof SourceFileClass) all.push(checked);
    else {
      guard.reject(source.f, checked);
      const stale = tsProject.getSourceFile(source.f);
      if (stale) tsProject.removeSourceFile(stale);
      tsProject.addSourceFileAtPath(source.f);
    }
  }
  const files = inModuleGraph(all, tsProject, project.root, starts, ctx);
  stage(n, n * 3);
  const express = scanExpress(files, ctx);
  stage(n * 3, n * 4);
  const koa = scanKoa(files, ctx);
  reportUntrackedCreations(files, [...express.apps, ...express.routers, ...koa.apps, ...koa.routers], ctx);
  const model: ServiceModel = {
    project,
    apps: [...express.apps, ...koa.apps],
    routers: [...express.routers, ...koa.routers],
    jobs: scanJobs(files, project, ctx, input.jobs),
    migratedJobs: findMigratedJobMarkers(project.root, sources.filter((s) => !s.binary).map((s) => ({ path: s.f, text: s.text }))).map((m) => {
      const content = readIfExists(project.root, m.module);
      return { ...m, content, meta: content === null ? null : readJobMetadata(content) };
    }),
    diagnostics: [...ctx.diagnostics, ...problemDiagnostics(guard, ctx)],
  };
  if (starts.length) model.moduleGraph = buildModuleGraph(tsProject, project.root, starts);
  const assets = scanAssetPaths(tsProject, project.root);
  if (assets.references.length || assets.modulePathFiles.length) model.assets = assets;
  const views = scanViews(tsProject, project, model.apps);
  if (views) model.views = views;
  stage(steps, steps);
  return { model, tsProject, sources: sources.map((s) => ({ path: s.f, text: s.text })), entries: starts };
}

/** One located error per file the scan could not read: the run went on without it. */
function problemDiagnostics(guard: GuardedSources, ctx: ScanContext): Diagnostic[] {
  return [...guard.problems].map(([file, problem]) => {
    const rel = ctx.rel(file);
    return diagnostic('error', problemLocation(rel, problem), `${rel} ${problem.message}`, problem.code);
  });
}

/**
 * Parses one file into the project, or says why it cannot be scanned: the parser ran out of
 * stack, or the tree is deeper than the walkers that follow can take. Either way the run goes
 * on with the other files.
 */
function parseChecked(project: Project, file: string): SourceFile | SourceProblem {
  let sf: SourceFile;
  try {
    // Read through the guard's memory: one parse (createSourceFile with overwrite parses twice).
    sf = project.addSourceFileAtPath(file);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return { line: 1, column: 1, code: 'scan/too-deeply-nested', message: 'is nested too deeply for the parser (it ran out of stack): it is not scanned, and routes or jobs it registers are not migrated' };
  }
  return excessiveNesting(sf.compilerNode) ?? sf;
}

/**
 * The files the service runs: those reachable from its entry points. A file outside that graph
 * that imports a framework is reported (it may run from a script the scan was not told about).
 */
function inModuleGraph(files: SourceFile[], project: Project, root: string, starts: string[], ctx: ScanContext): SourceFile[] {
  if (!starts.length) return files;
  const reachable = reachableFiles(project, starts.map((e) => path.resolve(root, e)));
  const out: SourceFile[] = [];
  for (const sf of files) {
    if (reachable.has(path.resolve(sf.getFilePath()))) {
      out.push(sf);
      continue;
    }
    const imported = frameworkImport(sf);
    if (imported) {
      ctx.report('warning', imported.node, `imports ${imported.pkg} but is not reached from the entry point${starts.length > 1 ? 's' : ''} (${starts.join(', ')}); not migrated (pass --entry if the service runs it)`, 'scan/unreached-file');
    }
  }
  return out;
}
