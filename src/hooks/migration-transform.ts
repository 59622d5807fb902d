/**
 * The contract of a migration transform: a team's own step that runs inside `lambdashift
 * migrate`, after the built-in ones, on the same model. Types only (plus the identity helper
 * that gives an object literal these types).
 */
import type { JSCodeshift } from 'jscodeshift';
import type { SourceLocation, Severity } from '../model/diagnostic';
import type { HttpFunctionPlan, JobFunctionPlan } from '../model/migration-plan';
import type { Framework, ModuleSystem, ProjectInfo } from '../model/service-model';

/** One route a function serves. */
export interface FunctionRoute {
  /** Upper case (`GET`), or `ALL`. */
  method: string;
  /** Full path as the app sees it, mount prefixes included (`/api/items/:id`). */
  path: string;
  /** API Gateway forms (`/api/items/{id}`); optional segments give several. */
  apiPaths: string[];
  /** Where the route is registered. */
  source: SourceLocation;
}

/** What a hook knows about one Lambda function the migration is about to generate. */
export interface FunctionInfo {
  kind: 'http' | 'schedule';
  /** Function name: the serverless.yml key and the base of the SAM logical id (`getUsersById`). */
  readonly name: string;
  /** Generated module, relative to the service root (`lambda/http/getUsersById.ts`). */
  readonly module: string;
  /** The handler's export name in the module (`handler`). */
  readonly exportName: string;
  /** HTTP functions: `express` or `koa`. */
  readonly framework?: Framework;
  /** HTTP functions: the routes it serves (empty for jobs). */
  readonly routes: readonly FunctionRoute[];
  /** Scheduled jobs: the original schedule and what it became. */
  readonly schedule?: {
    /** `node-cron`, `cron` or `node-schedule`. */
    library: string;
    /** The original expression or rule, as text (`0 9 * * 1`). */
    text: string;
    /** EventBridge expressions (`cron(0 9 ? * MON *)`). */
    expressions: readonly string[];
    /** IANA zone, or `UTC`. */
    timezone: string;
  };
  /**
   * Where the function's first route or its job is registered. In the `functions` hook this is
   * the position in the source as it is; in `module` and `iac` it is the position after the
   * migration's rewrites (what the generated header names and a later run finds again).
   */
  readonly source: SourceLocation;
  /** True for a job an earlier run migrated: its module is kept as it is (the functions and module hooks do not see it). */
  readonly preserved: boolean;
  /** The full plan entry, for hooks that need more (middleware chain, handlers, job options). */
  readonly plan: Readonly<HttpFunctionPlan> | Readonly<JobFunctionPlan>;
}

/** A function as the `functions` hook sees it: it can be renamed or left on the old service. */
export interface FunctionDraft extends FunctionInfo {
  /**
   * Renames the function. The module is renamed too (`<outDir>/http/<module>.<ext>`): to `name`
   * by default, or to `options.module` (a file name without extension). Names must be unique
   * and match `[A-Za-z][A-Za-z0-9_-]*` (serverless.yml keys, SAM logical ids); an invalid or
   * clashing name is reported and the old one kept.
   */
  rename(name: string, options?: { module?: string }): void;
  /**
   * Why `rename(name, options)` would be refused right now (invalid, or taken by another
   * function), or null when it would be accepted: lets a transform pick another name instead
   * of failing.
   *
   * @example
   * let name = base;
   * for (let i = 2; fn.renameProblem(name) !== null; i++) name = `${base}-${i}`;
   * fn.rename(name);
   */
  renameProblem(name: string, options?: { module?: string }): string | null;
  /**
   * Leaves the function on the old service: no module, no IaC, and its source is not rewritten
   * for it (an inline handler stays inline; a job keeps its in-process schedule).
   */
  skip(reason: string): void;
}

/** A generated handler module, as the `module` hook sees it. */
export interface GeneratedModule {
  /** Relative to the service root (`lambda/http/getUsersById.ts`). */
  readonly path: string;
  /** Current text: generated, then changed by earlier transforms. */
  readonly source: string;
  readonly function: FunctionInfo;
  readonly language: 'ts' | 'js';
  readonly moduleSystem: ModuleSystem;
  /** jscodeshift with the parser for this module (`ts` for TypeScript, `babel` otherwise). */
  readonly j: JSCodeshift;
}

/** Deployment settings a transform adds to one function, on top of lambdashift.config. */
export interface IacSettings {
  /** MB, 128–10240. */
  memorySize?: number;
  /** Seconds, 1–900. */
  timeout?: number;
  /** Environment variables with literal values (variables the code reads are added anyway). */
  environment?: Record<string, string>;
  /** Lambda layer ARNs. */
  layers?: string[];
  /** Resource tags. */
  tags?: Record<string, string>;
}

/** What every hook receives besides its subject. */
export interface TransformContext<Options = Record<string, unknown>> {
  /** The transform's `name`. */
  readonly transform: string;
  /** Options from `lambdashift.config` (`["./t.ts", { ... }]`); `{}` when none. */
  readonly options: Options;
  /** Absolute path of the service root. */
  readonly root: string;
  readonly project: Readonly<ProjectInfo>;
  /** `route` | `router` | `app`. */
  readonly granularity: string;
  /**
   * Adds a diagnostic to the run's report, at `at` (default: the function's source location in
   * per-function hooks, else the service's package.json). `error` makes the run exit 1.
   */
  report(message: string, options?: { severity?: Severity; at?: SourceLocation }): void;
  /** Adds a package to the service's package.json (`dependencies`, or `devDependencies` with `dev`) unless it is there. */
  addDependency(name: string, range: string, options?: { dev?: boolean }): void;
}

/**
 * A migration transform. Every hook is optional; they run in this order: `functions` (once per
 * function, before anything is generated), `module` (once per generated module), `iac` (once
 * per deployed function). Hooks may be async. Transforms run in the order they are listed,
 * each seeing what the previous ones did.
 */
export interface MigrationTransform<Options = Record<string, unknown>> {
  /** Shown in diagnostics and errors. */
  name: string;
  /** Rename a function, skip it (keep it on the old service), or report something about it. */
  functions?(fn: FunctionDraft, ctx: TransformContext<Options>): void | Promise<void>;
  /** Return the module's new text, or nothing to keep it. The generated header must stay first. */
  module?(module: GeneratedModule, ctx: TransformContext<Options>): string | undefined | void | Promise<string | undefined | void>;
  /** Deployment settings for one function, merged over lambdashift.config and earlier transforms. */
  iac?(fn: FunctionInfo, ctx: TransformContext<Options>): IacSettings | undefined | void | Promise<IacSettings | undefined | void>;
}

/**
 * Gives a transform object its types; returns it unchanged.
 *
 * @example
 * import { defineMigrationTransform } from 'lambdashift';
 *
 * export default defineMigrationTransform({
 *   name: 'short-timeouts',
 *   iac: (fn) => (fn.kind === 'http' ? { timeout: 10 } : undefined),
 * });
 */
export function defineMigrationTransform<Options = Record<string, unknown>>(transform: MigrationTransform<Options>): MigrationTransform<Options> {
  return transform;
}
