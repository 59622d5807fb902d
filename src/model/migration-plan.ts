/**
 * MigrationPlan: what the emit stage must produce. Pure data derived from the ServiceModel.
 */
import type { AssetPlan } from '../plan/assets';
import type { ViewEngine } from '../plan/view-engine';
import type { Diagnostic, SourceLocation } from './diagnostic';
import type { AllowedMethodsModel, ConditionalSetting, ConditionCode, ConstructModel, ContextExtension, EngineCall, Framework, HandlerModel, JobModel, LocalsWrite, ProjectInfo, RegexPath, RegistrationCondition } from './service-model';

export type Granularity = 'route' | 'router' | 'app';

/** A router or app trimmed to what a function's routes go through, in the original order. */
export interface PlannedRouter {
  /** Id of the RouterModel/AppModel it was trimmed from. */
  id: string;
  options: Record<string, unknown>;
  layers: PlannedLayer[];
  /** Koa: the class to construct (see RouterModel.construct). */
  construct?: ConstructModel;
  /** Koa apps: `app.on('error', fn)` listeners to re-attach. */
  errorListeners?: HandlerModel[];
  /** Koa apps: `app.context.db = db` and the like, re-assigned to the same binding. */
  contextExtensions?: ContextExtension[];
  /** Set when this is an Express sub-app mounted in another app: its own settings. */
  subApp?: AppState;
}

/** What an Express app holds besides its chain, carried onto a generated app (`AppModel` has the same fields). */
export interface AppState {
  /** Literal settings (`json spaces`, `trust proxy`, ...). */
  settings: Record<string, unknown>;
  /** Settings whose values the generated module computes as the original does (`path.join(__dirname, 'views')`). */
  computedSettings?: Record<string, ConditionCode>;
  /** Settings the original makes under conditions, set under the same conditions after the others. */
  conditionalSettings?: ConditionalSetting[];
  /** `app.locals` writes, in source order, after the settings. */
  locals?: LocalsWrite[];
  /** `app.engine(...)` registrations, after the locals writes. */
  engineCalls?: EngineCall[];
}

export type PlannedLayer = {
  /** Conditions the original registers it under (each with `code`): the module registers it under the same ones. */
  conditions?: RegistrationCondition[];
} & (
  | { kind: 'use'; path: string | null; handlers: HandlerModel[]; allowedMethods?: AllowedMethodsModel }
  | { kind: 'route'; method: string; path: string; regex?: RegexPath; handlers: HandlerModel[]; name?: string }
  | { kind: 'param'; name: string; handler: HandlerModel }
  | { kind: 'mount'; path: string | null; router: PlannedRouter }
);

export interface PlannedRoute {
  /** Lower case method or `all`. */
  method: string;
  /** Full path as the app sees it, mount prefixes included. */
  path: string;
  apiPaths: string[];
  source: SourceLocation;
  /**
   * Set when `apiPaths` cover more than `path` (API Gateway cannot express it exactly, or a
   * clash with another route key widened it): why. The function's own router makes the exact
   * match; other requests on those API paths get what the app answers them.
   */
  coarse?: string;
}

/**
 * What answers the requests no split function serves: the whole app in one function (`app`),
 * the service still running where it runs today, through an HTTP proxy integration (`proxy`,
 * the strangler-fig migration), or nothing (`none`: API Gateway's own 404, and every route
 * without a function is an error).
 */
export type FallbackMode = 'app' | 'proxy' | 'none';

/** `--fallback proxy`: API Gateway's catch-all forwards to the running service; no Lambda function. */
export interface ProxyFallbackPlan {
  /** Normalised absolute http(s) URL without a trailing slash (`https://old.example.com`). */
  url: string;
  /** Id of the app whose unsplit routes the old service keeps answering (the one that listens). */
  appId: string | null;
}

/** The whole-app fallback function: the complete original app, imported, not trimmed. */
export interface FallbackPlan {
  /** The user's app object (already exported, or exported by the rewrite). */
  app: HandlerModel;
  /** Files that register things on the imported app (`server.ts` adding middleware), imported for their effects. */
  sideEffects: string[];
}

/** API path of the catch-all (HTTP API `$default`; REST `ANY /` and `ANY /{proxy+}`). */
export const CATCH_ALL_API_PATH = '$default';

/** One route or middleware-served mount the scan found, and whether a split function serves it. */
export interface RouteCoverage {
  /** Lower case method or `all`. */
  method: string;
  /** Full path as the app sees it; a mount is `<prefix>/*`, app-level serving middleware `*`. */
  path: string;
  source: SourceLocation;
  /** Id of the app whose requests reach it. */
  appId: string;
  /** Name of the split function planned for it, or null. */
  functionName: string | null;
  /** Why it has no function of its own. */
  reason?: string;
}

/**
 * An import cycle a generated function loads: `modules` in import order from `loadsFirst`,
 * the module of the cycle the service's entry loads first (the last module imports it again).
 * The generated module imports `loadsFirst` before anything else of the project.
 */
export interface ImportCycle {
  loadsFirst: string;
  modules: string[];
}

export interface HttpFunctionPlan {
  kind: 'http';
  framework: Framework;
  name: string;
  /** Generated module path, relative to the root. */
  module: string;
  exportName: string;
  routes: PlannedRoute[];
  /** App settings copied onto the function's app (`json spaces`, `trust proxy`, ...). */
  settings: Record<string, unknown>;
  /** Settings whose values the generated module computes as the original does. */
  computedSettings?: Record<string, ConditionCode>;
  /** Settings the original makes under conditions, set under the same conditions after `settings`. */
  conditionalSettings?: ConditionalSetting[];
  /** `app.locals` writes of the original, made by the function's app after its settings. */
  locals?: LocalsWrite[];
  /** `app.engine(...)` registrations of the original. */
  engineCalls?: EngineCall[];
  app: PlannedRouter;
  /** Where the function's first route was registered; named in the module header. */
  source: SourceLocation;
  /** Set for the whole-app fallback function (its `app` then has no layers). */
  fallback?: FallbackPlan;
  /**
   * The view engines Express would `require()` at render time (the `view engine` setting's, the
   * extensions of rendered names), registered by the module with static imports instead, so
   * that the bundle holds them (`plan/view-engine.ts`).
   */
  viewEngines?: ViewEngine[];
  /** Import cycles its modules reach (`plan/import-cycles.ts`). */
  importCycles?: ImportCycle[];
}

export interface JobFunctionPlan {
  kind: 'schedule';
  name: string;
  module: string;
  exportName: string;
  job: JobModel;
  expressions: string[];
  timezone: string;
  timezoneAssumed: boolean;
  /**
   * Per expression (same order): source of a runtime day guard named `shouldRunOn<i+1>`, or
   * null. When a split schedule has guards, each schedule passes its index to the handler.
   */
  guards: Array<string | null>;
  notes: string[];
  /**
   * Set for a job an earlier run migrated (its schedule call is gone, a marker comment is
   * left): the generated module is kept as it is.
   */
  preserved?: { content: string };
  /** Import cycles its modules reach (`plan/import-cycles.ts`). */
  importCycles?: ImportCycle[];
}

/** In-place rewrites one source file needs. */
export interface RewritePlan {
  file: string;
  /** Inline handlers/middleware to extract: 1-based position of the expression and its new name. */
  extract: Array<{ line: number; column: number; exportName: string }>;
  /** Top-level names to export. */
  exportNames: string[];
  /** Top-level `app.listen(...)` to guard. */
  guardListen: boolean;
  /**
   * Top-level statements that start a timer, websocket server or schedule when the file loads
   * (a generated module loads it): 1-based positions in the original text, guarded so only
   * Lambda skips them.
   */
  guardStartup?: Array<{ line: number; column: number }>;
  /** Schedule calls to remove (or guard, with --keep-schedules), with a note saying where the job went. */
  scheduleCalls: Array<{ line: number; column: number; note: string }>;
}

export interface MigrationOptions {
  granularity: Granularity;
  /** Output directory for generated modules, relative to the root. */
  outDir: string;
  vendorRuntime: boolean;
  keepSchedules: boolean;
  /** What answers requests no split function serves (default `app`). */
  fallback?: FallbackMode;
  /** With `fallback: 'proxy'`: the running service's URL (checked by `parseProxyUrl`). */
  proxyUrl?: string;
  /**
   * Route selection: only routes matching one of these patterns (`GET /api/users/*`,
   * `/api/orders/**`) get functions of their own; the rest stay with the fallback.
   */
  routes?: string[];
  /**
   * The API Gateway flavour the routes are deployed on (default `http`). A REST API's catch-all
   * `ANY /{proxy+}` allows no other variable beside it, so root-level variable paths stay with it.
   */
  api?: 'http' | 'rest';
}

export interface MigrationPlan {
  project: ProjectInfo;
  options: MigrationOptions;
  functions: HttpFunctionPlan[];
  jobs: JobFunctionPlan[];
  rewrites: RewritePlan[];
  diagnostics: Diagnostic[];
  /** Every route and middleware-served mount the scan found, with its planned function. */
  coverage?: RouteCoverage[];
  /** Set with `fallback: 'proxy'`: the catch-all is an HTTP proxy to the running service. */
  proxy?: ProxyFallbackPlan;
  /** Files the code reads by path, packaged beside the bundles (`plan/assets.ts`). */
  assets?: AssetPlan;
}
