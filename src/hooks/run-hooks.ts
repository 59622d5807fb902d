/**
 * Runs the migration transforms' hooks at their points in the pipeline and keeps what they may
 * change inside the invariants the rest of the migration relies on: unique, valid names;
 * generated headers and job metadata intact; preserved jobs untouched.
 */
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jscodeshift, { type JSCodeshift } from 'jscodeshift';
import { isGenerated } from '../emit/header';
import { samLogicalId } from '../emit/iac/sam';
import { diagnostic, formatLocation, type Diagnostic, type SourceLocation } from '../model/diagnostic';
import type { HttpFunctionPlan, JobFunctionPlan, MigrationPlan } from '../model/migration-plan';
import { scheduleText } from '../plan/plan-jobs';
import { readJobMetadata } from '../scan/migrated-jobs';
import type { LoadedMigrationTransform } from './load-migration-transforms';
import type { FunctionDraft, FunctionInfo, IacSettings, TransformContext } from './migration-transform';

/**
 * A hook threw: the run stops and nothing is written.
 *
 * @example
 * import { migrate, TransformHookError } from 'lambdashift';
 * await migrate({ root: './service', transforms: ['./transforms/naming.ts'] }).catch((err) => {
 *   if (!(err instanceof TransformHookError)) throw err;
 *   console.error(err.message); // transform naming failed in its functions hook for getRoot (src/app.ts:23:1): …
 * });
 */
export class TransformHookError extends Error {
  override readonly name = 'TransformHookError';
}

/** What a function's settings and name may look like. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MODULE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const LIMITS = { memorySize: [128, 10240], timeout: [1, 900] } as const;

type AnyFunction = HttpFunctionPlan | JobFunctionPlan;

export interface HookRunnerOptions {
  root: string;
  project: MigrationPlan['project'];
  granularity: string;
  diagnostics: Diagnostic[];
}

export interface DependencyRequest {
  name: string;
  range: string;
  dev: boolean;
}

/** A view of a plan entry for hooks. */
export function functionInfo(fn: AnyFunction): FunctionInfo {
  if (fn.kind === 'http') {
    return {
      kind: 'http',
      name: fn.name,
      module: fn.module,
      exportName: fn.exportName,
      framework: fn.framework,
      routes: fn.routes.map((r) => ({ method: r.method === 'all' ? 'ALL' : r.method.toUpperCase(), path: r.path, apiPaths: [...r.apiPaths], source: r.source })),
      source: fn.source,
      preserved: false,
      plan: fn,
    };
  }
  return {
    kind: 'schedule',
    name: fn.name,
    module: fn.module,
    exportName: fn.exportName,
    routes: [],
    schedule: { library: fn.job.library, text: scheduleText(fn.job), expressions: [...fn.expressions], timezone: fn.timezone },
    source: fn.job.loc,
    preserved: fn.preserved !== undefined,
    plan: fn,
  };
}

function sourceOf(fn: AnyFunction): SourceLocation {
  return fn.kind === 'http' ? fn.source : fn.job.loc;
}

/** Runs the hooks of every transform, in order. One instance per migration run. */
export class HookRunner {
  /** Packages transforms asked for, in request order. */
  readonly dependencies: DependencyRequest[] = [];

  constructor(
    private readonly transforms: readonly LoadedMigrationTransform[],
    private readonly options: HookRunnerOptions,
  ) {}

  private readonly parsers = new Map<'ts' | 'js', JSCodeshift>();

  /** One jscodeshift per language for the whole run (withParser builds a new one each call). */
  private jscodeshiftFor(language: 'ts' | 'js'): JSCodeshift {
    let j = this.parsers.get(language);
    if (!j) {
      j = jscodeshift.withParser(language === 'ts' ? 'ts' : 'babel');
      this.parsers.set(language, j);
    }
    return j;
  }

  get active(): boolean {
    return this.transforms.length > 0;
  }

  private context(t: LoadedMigrationTransform, defaultAt: SourceLocation): TransformContext<Record<string, unknown>> {
    const { diagnostics } = this.options;
    const name = t.transform.name;
    return {
      transform: name,
      options: t.options,
      root: this.options.root,
      project: this.options.project,
      granularity: this.options.granularity,
      report: (message, opts = {}) => {
        const at = opts.at ?? defaultAt;
        diagnostics.push(diagnostic(opts.severity ?? 'warning', at, `${message} (${name})`, `transform/${name}`));
      },
      addDependency: (pkg, range, opts = {}) => {
        if (typeof pkg !== 'string' || !pkg || typeof range !== 'string' || !range) {
          throw new TransformHookError(`transform ${name}: addDependency needs a package name and a version range`);
        }
        if (!this.dependencies.some((d) => d.name === pkg)) this.dependencies.push({ name: pkg, range, dev: opts.dev === true });
      },
    };
  }

  private async call<T>(t: LoadedMigrationTransform, hook: string, subject: string, fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof TransformHookError) throw err;
      // Transforms are evaluated outside this realm (jest, vm): recognise errors by shape.
      const e = typeof err === 'object' && err !== null && typeof (err as Error).message === 'string' ? (err as Error) : new Error(String(err));
      const frame = e.stack?.split('\n').find((l) => l.includes(t.origin)) ?? '';
      throw new TransformHookError(`transform ${t.transform.name} failed in its ${hook} hook for ${subject}: ${e.message}${frame ? `\n${frame.trim()}` : ''}`);
    }
  }

  /**
   * Runs every `functions` hook. Returns the plan's functions and jobs without the skipped ones,
   * renamed as asked; renames that break a rule are reported and not applied.
   */
  async functions(plan: MigrationPlan): Promise<{ functions: HttpFunctionPlan[]; jobs: JobFunctionPlan[] }> {
    let current: AnyFunction[] = [...plan.functions, ...plan.jobs];
    const { diagnostics } = this.options;
    for (const t of this.transforms) {
      const hook = t.transform.functions;
      if (!hook) continue;
      const next: AnyFunction[] = [];
      // Every function's name, SAM id and module, kept current as this pass renames and skips:
      // a rename is checked against all the others without a scan per check.
      const names = new NameIndex(current);
      for (const fn of current) {
        // A job an earlier run migrated is settled: its module (and name) are kept as they are.
        if (fn.kind === 'schedule' && fn.preserved !== undefined) {
          next.push(fn);
          continue;
        }
        const at = sourceOf(fn);
        let renamed: { name: string; module?: string } | null = null;
        let skipped: string | null = null;
        const draft: FunctionDraft = {
          ...functionInfo(fn),
          rename: (name, opts = {}) => {
            renamed = { name, ...(opts.module !== undefined ? { module: opts.module } : {}) };
          },
          renameProblem: (name, opts = {}) => names.problem({ name, ...(opts.module !== undefined ? { module: opts.module } : {}) }, fn),
          skip: (reason) => {
            skipped = typeof reason === 'string' && reason ? reason : 'skipped';
          },
        };
        await this.call(t, 'functions', `${fn.name} (${formatLocation(at)})`, () => hook.call(t.transform, draft, this.context(t, at)));
        if (skipped !== null) {
          diagnostics.push(diagnostic('info', at, `${fn.name} stays on the old service: ${skipped} (${t.transform.name})`, 'transform/skipped'));
          names.remove(fn);
          continue;
        }
        if (renamed === null) {
          next.push(fn);
          continue;
        }
        const problem = names.problem(renamed, fn);
        if (problem) {
          diagnostics.push(diagnostic('error', at, `${t.transform.name} cannot rename ${fn.name}: ${problem}; the name is kept`, 'transform/invalid-rename'));
          next.push(fn);
          continue;
        }
        const after = withName(fn, renamed);
        names.remove(fn);
        names.add(after);
        next.push(after);
      }
      current = next;
    }
    return {
      functions: current.filter((f): f is HttpFunctionPlan => f.kind === 'http'),
      jobs: current.filter((f): f is JobFunctionPlan => f.kind === 'schedule'),
    };
  }

  /**
   * Runs every `module` hook over one generated module. A result that drops the generated
   * header (or changes a job's metadata line) is reported and that transform's change ignored.
   */
  async module(fn: AnyFunction, content: string, style: { language: 'ts' | 'js'; moduleSystem: 'esm' | 'cjs' }): Promise<string> {
    let current = content;
    const j = this.jscodeshiftFor(style.language);
    const info = functionInfo(fn);
    const meta = fn.kind === 'schedule' ? readJobMetadata(content) : null;
    for (const t of this.transforms) {
      const hook = t.transform.module;
      if (!hook) continue;
      const at: SourceLocation = { file: fn.module, line: 1, column: 1 };
      const source = current;
      const out = await this.call(t, 'module', fn.module, () =>
        hook.call(t.transform, { path: fn.module, source, function: info, language: style.language, moduleSystem: style.moduleSystem, j }, this.context(t, sourceOf(fn))),
      );
      if (out === undefined || out === null) continue;
      if (typeof out !== 'string') throw new TransformHookError(`transform ${t.transform.name}: its module hook returned ${typeof out} for ${fn.module}; return the new text or nothing`);
      if (!isGenerated(out)) {
        this.options.diagnostics.push(diagnostic('error', at, `${t.transform.name} removed the "Generated by lambdashift" header; later runs would not recognise the module, so its change is ignored`, 'transform/invalid-module'));
        continue;
      }
      if (meta && !isDeepStrictEqual(readJobMetadata(out), meta)) {
        this.options.diagnostics.push(diagnostic('error', at, `${t.transform.name} changed the lambdashift-job metadata line; later runs read the job from it, so its change is ignored`, 'transform/invalid-module'));
        continue;
      }
      current = out;
    }
    return current;
  }

  /** Runs every `iac` hook for one function; settings merge in transform order (later wins). */
  async iac(fn: AnyFunction): Promise<IacSettings> {
    const merged: IacSettings = {};
    for (const t of this.transforms) {
      const hook = t.transform.iac;
      if (!hook) continue;
      const at = sourceOf(fn);
      const out = await this.call(t, 'iac', `${fn.name} (${formatLocation(at)})`, () => hook.call(t.transform, functionInfo(fn), this.context(t, at)));
      if (out === undefined || out === null) continue;
      const checked = checkSettings(out, (p) => this.options.diagnostics.push(diagnostic('error', at, `${t.transform.name} gave ${fn.name} ${p}; ignored`, 'transform/invalid-iac')));
      if (checked.memorySize !== undefined) merged.memorySize = checked.memorySize;
      if (checked.timeout !== undefined) merged.timeout = checked.timeout;
      if (checked.environment) merged.environment = { ...merged.environment, ...checked.environment };
      if (checked.layers) merged.layers = [...new Set([...(merged.layers ?? []), ...checked.layers])];
      if (checked.tags) merged.tags = { ...merged.tags, ...checked.tags };
    }
    return merged;
  }
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** Keeps the valid settings; each problem goes to `problem`. */
export function checkSettings(raw: unknown, problem: (text: string) => void): IacSettings {
  const out: IacSettings = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problem(`settings that are not an object (${JSON.stringify(raw)})`);
    return out;
  }
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (key === 'memorySize' || key === 'timeout') {
      const [min, max] = LIMITS[key];
      if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) out[key] = v;
      else problem(`${key} ${JSON.stringify(v)} (a whole number from ${min} to ${max})`);
    } else if (key === 'environment') {
      if (!isStringRecord(v)) problem('environment that is not an object of strings');
      else {
        const bad = Object.keys(v).filter((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
        if (bad.length) problem(`environment variable names ${bad.join(', ')} (letters, digits and _)`);
        out.environment = Object.fromEntries(Object.entries(v).filter(([k]) => !bad.includes(k)));
      }
    } else if (key === 'layers') {
      if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x)) out.layers = v as string[];
      else problem('layers that are not a list of ARNs');
    } else if (key === 'tags') {
      if (isStringRecord(v)) out.tags = v;
      else problem('tags that are not an object of strings');
    } else {
      problem(`the unknown setting ${key} (memorySize, timeout, environment, layers, tags)`);
    }
  }
  return out;
}

function baseName(module: string): string {
  return path.posix.basename(module).replace(/\.[^.]+$/, '');
}

type Key = 'name' | 'id' | 'module';

/** The names functions hold, by kind of name, to check renames against in constant time. */
class NameIndex {
  private readonly maps: Record<Key, Map<string, Set<AnyFunction>>> = { name: new Map(), id: new Map(), module: new Map() };

  constructor(functions: readonly AnyFunction[]) {
    for (const fn of functions) this.add(fn);
  }

  private static keys(fn: { name: string; module: string }): Record<Key, string> {
    // SAM logical ids drop - and _ (`users-get` and `usersGet` are one resource); module names
    // compare ignoring case (they collide on macOS and Windows, and SAM builds each function
    // from its module's base name).
    return { name: fn.name, id: samLogicalId(fn.name), module: baseName(fn.module).toLowerCase() };
  }

  add(fn: AnyFunction): void {
    const keys = NameIndex.keys(fn);
    for (const k of ['name', 'id', 'module'] as const) {
      const set = this.maps[k].get(keys[k]) ?? new Set();
      set.add(fn);
      this.maps[k].set(keys[k], set);
    }
  }

  remove(fn: AnyFunction): void {
    const keys = NameIndex.keys(fn);
    for (const k of ['name', 'id', 'module'] as const) this.maps[k].get(keys[k])?.delete(fn);
  }

  private other(k: Key, key: string, self: AnyFunction): AnyFunction | undefined {
    for (const fn of this.maps[k].get(key) ?? []) if (fn !== self) return fn;
    return undefined;
  }

  /** Why `self` cannot take the name (and module), or null. */
  problem(to: { name: string; module?: string }, self: AnyFunction): string | null {
    if (typeof to.name !== 'string' || !FUNCTION_NAME.test(to.name)) return `${JSON.stringify(to.name)} is not a valid function name (a letter, then letters, digits, - or _)`;
    const module = to.module ?? to.name;
    if (typeof module !== 'string' || !MODULE_NAME.test(module) || module.includes('..')) return `${JSON.stringify(module)} is not a valid module file name`;
    const keys = NameIndex.keys({ name: to.name, module: `${module}.x` });
    const clash = this.other('name', keys.name, self);
    if (clash) return `${clash.name} is already the name of the function at ${formatLocation(sourceOf(clash))}`;
    const idClash = this.other('id', keys.id, self);
    if (idClash) return `${to.name} and ${idClash.name} would share the SAM logical id ${keys.id}`;
    const moduleClash = this.other('module', keys.module, self);
    if (moduleClash) return `module ${module} is already taken by ${moduleClash.name} (${moduleClash.module})`;
    return null;
  }
}

function withName<T extends AnyFunction>(fn: T, to: { name: string; module?: string }): T {
  const dir = path.posix.dirname(fn.module);
  const ext = path.posix.extname(fn.module);
  return { ...fn, name: to.name, module: `${dir}/${to.module ?? to.name}${ext}` };
}
