/**
 * ServiceModel: what the scanners understood about a service. Plain, serialisable data: no
 * AST nodes leak past the scan stage, and every item keeps its source location.
 */
import type { Diagnostic, SourceLocation } from './diagnostic';

export type Framework = 'express' | 'koa';
export type ModuleSystem = 'esm' | 'cjs';

export interface ProjectInfo {
  /** Absolute path of the target root. */
  root: string;
  /** package.json `name`, when it has one. */
  name?: string;
  /** `module` when package.json says `"type": "module"`. */
  moduleSystem: ModuleSystem;
  /** True when the target has a tsconfig.json. */
  typescript: boolean;
  /** Merged dependencies + devDependencies of the target's package.json. */
  dependencies: Record<string, string>;
  /** Installed versions read from node_modules or the lockfile, where found. */
  installed: Record<string, string>;
}

/** A value the generated module can import: a named/default export, or a property of one. */
export interface ImportRef {
  /** A file relative to the root (POSIX), or a package specifier when `isPackage`. */
  from: string;
  isPackage: boolean;
  /** Export name; `default` for a default export / `module.exports =`. */
  exportName: string;
  /** Property path read from the import: `controller.list` → `['list']`. */
  member?: string[];
}

/** How the generated module can reach a handler or middleware the user wrote. */
export type HandlerSource =
  /** Already exported (or a property of an export): import it. */
  | { kind: 'import'; ref: ImportRef }
  /** A local declaration that is not exported: a rewrite adds the export. */
  | { kind: 'export'; file: string; localName: string; ref: ImportRef }
  /**
   * An inline function or middleware instance (`rateLimit({...})`): a rewrite extracts it
   * into a named export in the same file. `ref` is where it will be importable afterwards.
   */
  | { kind: 'extract'; file: string; exportName: string; start: number; end: number; ref: ImportRef }
  /**
   * A built-in middleware factory of the framework called with literal arguments
   * (`express.json({ limit: '1mb' })`): the generated module makes the same call itself rather
   * than importing the app module, which would load every router on a cold start.
   */
  | { kind: 'package-call'; ref: ImportRef; args: unknown[] }
  /**
   * A member of a class instance the user's code creates with `new C()` and no arguments
   * (`this.users.getUserById` with `users = new UsersController()`): the generated module
   * creates its own instance, `new C().getUserById`. `ref` is the class; `className` its
   * declared name, the local name a default (`module.exports = C`) import gets.
   */
  | { kind: 'instance'; ref: ImportRef; member: string[]; className?: string }
  /**
   * A middleware factory call made inside a class (`this.app.use(cors({ origin: ORIGIN }))` in
   * `initializeMiddlewares()`), which cannot be hoisted out of the class: the generated module
   * makes the same call, importing the callee and every identifier argument.
   */
  | { kind: 'call'; ref: ImportRef; args: Array<{ literal: unknown } | { ref: ImportRef }> }
  /** Cannot be reached from another module; the route is reported, not migrated. */
  | { kind: 'unsupported'; reason: string };

/** `app.<target>.<name> = value` on a Koa app (see AppModel.contextExtensions). */
export interface ContextExtension {
  target: 'context' | 'request' | 'response';
  name: string;
  value: HandlerModel;
}

export interface HandlerModel {
  /** Source text, shortened for reports. */
  text: string;
  loc: SourceLocation;
  source: HandlerSource;
  /** Declared parameter count when statically known; 4 marks an Express error handler. */
  arity: number | null;
  isErrorHandler: boolean;
  /** A job function written `owner.method.bind(owner)`: the generated module binds it the same way. */
  boundToOwner?: boolean;
}

/** Koa `app.use(router.allowedMethods(options))`: answers OPTIONS / 405 / 501 for that router. */
export interface AllowedMethodsModel {
  routerId: string;
  /** Literal options (`throw`, ...). */
  options: Record<string, unknown>;
}

/**
 * A condition a registration is made under: `if (cond)` / `else`, `cond && app.use(...)`,
 * `cond ? app.use(a) : app.use(b)`, or an `if` around the call of the function or class method
 * that registers. A generated module keeps it, evaluated at its own load as the original
 * evaluates it at its load, when the test reads only module-level constants, imports and
 * `process.env` (`code`); otherwise the registration is served by the whole-app function only.
 */
export interface RegistrationCondition {
  /** The test as written; an else branch is `!(test)`. */
  text: string;
  /** Where the test is. */
  loc: SourceLocation;
  /** The test as a generated module writes it: code pieces and values it imports (set when it can). */
  code?: ConditionCode;
  /** Why a generated module cannot evaluate it the same way (set when `code` is not). */
  reason?: string;
  /**
   * Set when `code` reads an Express app's `env` setting (`app.get('env')`) as Express defines
   * it, `process.env.NODE_ENV || 'development'`: the id of that app, which must not set `env` itself.
   */
  appEnv?: string;
}

/**
 * Code a generated module runs (a carried condition or value, `scan/carried-code.ts`): literal
 * text, imported values, and the location of the module that wrote it (`__dirname`,
 * `__filename`, `import.meta.url`), which emit turns into a path from the generated module.
 */
export type ConditionCode = Array<string | { ref: ImportRef } | { modulePath: 'dirname' | 'filename' | 'url'; file: string }>;

/**
 * `app.locals.title = config.siteName`, `Object.assign(app.locals, helpers)`, `app.locals = {...}`
 * while the app is configured: a generated app makes the same write with the same values.
 */
/** `app.engine(extension, fn)` with a literal extension and a carried engine function. */
export interface EngineCall extends Conditional {
  loc: SourceLocation;
  /** The extension as written (`'html'`, `'.hbs'`). */
  extension: string;
  engine: ConditionCode;
}

export interface LocalsWrite extends Conditional {
  loc: SourceLocation;
  /** Property path under `locals` written (`['site', 'title']`); empty for `locals` itself. */
  member: string[];
  /** `assign`: `<target> = values[0]`; `merge`: `Object.assign(<target>, ...values)`. */
  how: 'assign' | 'merge';
  values: ConditionCode[];
}

/** A regular expression route path (`app.get(/^\/files\/(\d+)$/, ...)`), as its source and flags. */
export interface RegexPath {
  source: string;
  flags: string;
}

/** Conditions a registration is made under, outermost first; absent when unconditional. */
interface Conditional {
  conditions?: RegistrationCondition[];
}

export type LayerModel = Conditional &
  (
  | {
      kind: 'use';
      path: string | null;
      handlers: HandlerModel[];
      loc: SourceLocation;
      /** Koa: this layer is `router.allowedMethods()` (then `handlers` is empty). */
      allowedMethods?: AllowedMethodsModel;
    }
  | {
      kind: 'route';
      /** Lower case HTTP method, or `all`. */
      method: string;
      /** The path; for a regex route its literal text (`/^\/files\/(\d+)$/`). */
      path: string;
      /** Set when the path is a regular expression: the module registers it as one. */
      regex?: RegexPath;
      /** Koa named routes: `router.get('name', '/path', ...)`. */
      name?: string;
      handlers: HandlerModel[];
      loc: SourceLocation;
    }
  | { kind: 'mount'; path: string | null; routerId: string; loc: SourceLocation }
  | { kind: 'param'; name: string; handler: HandlerModel; loc: SourceLocation }
  );

/** A setting made under a condition (`if (env.TRUST_PROXY) app.set('trust proxy', true)`), carried with it. */
export interface ConditionalSetting {
  name: string;
  value: unknown;
  /** Set instead of a literal `value` when the value is computed (`path.join(__dirname, 'views')`). */
  code?: ConditionCode;
  conditions: RegistrationCondition[];
}

/** How a Koa app or router is constructed, so a generated module builds its own the same way. */
export interface ConstructModel {
  /** The framework class the user constructs: `koa` default export, `@koa/router` `Router`, ... */
  ref: ImportRef;
  /** `class App extends Koa`: the user's subclass, constructed instead of the framework class. */
  subclass?: HandlerModel;
}

export interface RouterModel {
  /** Stable id, `file#variable`. */
  id: string;
  framework: Framework;
  /** File that creates the router, relative to the root. */
  file: string;
  loc: SourceLocation;
  /** Constructor options (`mergeParams`, `caseSensitive`, `strict`; Koa `prefix`), literal values only. */
  options: Record<string, unknown>;
  /** Registrations in source order. */
  layers: LayerModel[];
  /** Koa: the class the app/router is constructed from (Express apps are always `express()`). */
  construct?: ConstructModel;
}

export interface AppModel extends RouterModel {
  /** `app.set(...)`/`app.enable(...)` settings and Koa app fields (`proxy`, ...), literal values only. */
  settings: Record<string, unknown>;
  /** Settings made under conditions a generated module can evaluate, in source order (after `settings`). */
  conditionalSettings?: ConditionalSetting[];
  /** Settings whose value is computed (`path.join(__dirname, 'views')`, `config.jsonSpaces`), re-evaluated by generated modules (`scan/carried-code.ts`). */
  computedSettings?: Record<string, ConditionCode>;
  /** Writes to `app.locals` while the app is configured, in source order (`scan/app-locals.ts`). */
  locals?: LocalsWrite[];
  /** `app.engine('html', ejs.renderFile)` calls a generated app makes too, in source order. */
  engineCalls?: EngineCall[];
  /** Calls that start the app: `app.listen(...)`, `http.createServer(app)`, Koa `app.callback()` (their files get a listen guard). */
  listenCalls: SourceLocation[];
  /**
   * App state the generated functions cannot carry (a setting that is not a literal value, an
   * `app.engine(...)`): routes of the app are not migrated, each with this reason and location.
   */
  uncarried?: Array<{ loc: SourceLocation; what: string; /** The setting it is about, when it is one. */ setting?: string }>;
  /** Extensions `app.engine(...)` registers (`.ejs`; `*` when not a literal). */
  engines?: string[];
  /** Koa `app.on('error', fn)` listeners. */
  errorListeners: HandlerModel[];
  /**
   * Koa `app.context.db = db` (also `app.request.x`, `app.response.x`) whose value a generated
   * module binds identically (an imported or exportable module-level binding); other values
   * are in `uncarried`.
   */
  contextExtensions?: ContextExtension[];
  /** Where the app itself is importable from, when it is exported. */
  ref: ImportRef | null;
  /**
   * How a generated module reaches the app object itself (the whole-app fallback function
   * imports it): an import, an export the rewrite adds, or why it cannot (created in a function).
   */
  self?: HandlerModel;
  /**
   * Koa: middleware that answers requests by `ctx.path`/`ctx.method` instead of a router (or
   * the app itself when it has no router at all). Per-route functions cannot serve those paths.
   */
  routesInMiddleware?: SourceLocation[];
}

export type JobLibrary = 'node-cron' | 'cron' | 'node-schedule';

export interface JobModel {
  id: string;
  library: JobLibrary;
  /** Major version of the library as installed/declared in the target, when known. */
  libraryMajor: number | null;
  loc: SourceLocation;
  /** Cron text, or a JSON description of a RecurrenceRule / object spec / Date. */
  spec: { kind: 'cron'; expression: string } | { kind: 'rule'; fields: Record<string, unknown> } | { kind: 'date'; iso: string };
  /** IANA timezone from the options, or null when none was given. */
  timezone: string | null;
  /** Other literal options (node-cron v4 `noOverlap`, `maxExecutions`, `name`, ...). */
  options: Record<string, unknown>;
  name: string | null;
  handler: HandlerModel;
  /** Set when the job is registered inside a function rather than at module level. */
  registration?: JobRegistration;
  /** `if` conditions the registration is made under (innermost function or module only). */
  conditions?: JobCondition[];
  /** The lambdashift.config `jobs` key that gave the schedule (the source's is not a constant). */
  scheduleFromConfig?: string;
}

/** The function a job is registered in, and how often the call graph from the entry runs it. */
export interface JobRegistration {
  /** e.g. `` `Notifications.startJobs` `` */
  within: string;
  /** `once` at start-up; `maybe` (conditionally, in a callback), `several`, or `never` (not reached from the entry). */
  runs: 'never' | 'once' | 'maybe' | 'several';
  /** The entry file the call graph starts from, or null when none was found. */
  entry: string | null;
}

/** A condition around a registration; `env` when the handler can check it the same way. */
export interface JobCondition {
  text: string;
  env?: { name: string; negate: boolean; equals?: string };
}

/** A job an earlier run migrated: its schedule call was replaced by a marker comment. */
export interface MigratedJob {
  /** Generated module, relative to the root. */
  module: string;
  /** Where the marker comment is. */
  loc: SourceLocation;
  /** The generated module's content and its metadata line, when the module still exists. */
  content: string | null;
  meta: { library: string; schedule: string; expressions: string[]; timezone: string; options: Record<string, unknown>; guarded?: boolean[]; name?: string } | null;
}

/** A project module a module loads while it loads, and where that import is written. */
export interface ModuleImport {
  /** Root-relative POSIX path of the imported module. */
  file: string;
  loc: SourceLocation;
}

/**
 * The load-time module graph from the service's entry points: for each module (root-relative
 * POSIX path), the project modules it loads while loading, in order. Import cycles are read
 * from it (`plan/import-cycles.ts`).
 */
export interface ModuleGraph {
  entries: string[];
  imports: Record<string, ModuleImport[]>;
  /** Top-level statements that start something when the module loads, per module that has any. */
  startup: Record<string, StartupEffect[]>;
  /**
   * `.listen(...)` calls anywhere in the module (top level, start functions, `.then` callbacks,
   * methods), per module that has any: a generated module loading it gets its listen guard.
   */
  listens?: Record<string, SourceLocation[]>;
}

/** A top-level statement that starts a timer, a websocket server or an in-process schedule. */
export interface StartupEffect {
  /** The call or `new` expression that starts it. */
  loc: SourceLocation;
  /** `a timer (setInterval)`, `a websocket server`, `a node-cron schedule`. */
  what: string;
}

/**
 * A file-system path the service builds to read files at run time (`scan/asset-paths.ts`):
 * from its module's location (`path.join(__dirname, 'views')`) or the working directory
 * (`express.static('public')`).
 */
export interface AssetReference {
  loc: SourceLocation;
  /** The expression as written (one line). */
  expression: string;
  base: 'module' | 'cwd';
  /** Root-relative POSIX path it names, when known and inside the service. */
  path?: string;
  /** What is there now (`glob`: `path` is a glob matching at least one file); unset when nothing exists at `path`. */
  kind?: 'dir' | 'file' | 'glob';
  /** Why it cannot be packaged (computed at run time, outside the service, all of node_modules). */
  problem?: string;
  /**
   * Set when `path` is an npm package's folder whose own modules find its files by `__dirname`
   * (swagger-ui-dist, `scan/package-assets.ts`): bundled, those modules need their installed
   * location back, and `exclude` (package-relative globs) stays out of the deployed package.
   */
  package?: { name: string; exclude: string[]; excludeWhy?: string };
  /**
   * A `require()`/`import()` of a name computed at run time that this reference is (or, for a
   * folder listing, that loads what it lists): no bundler follows it, so deployed those modules
   * are missing. Reported, not packaged.
   */
  loads?: { loc: SourceLocation; expression: string };
}

/** A `res.render(name)` / `app.render(name)` call: Express picks the engine from the name's extension. */
export interface ViewRender {
  loc: SourceLocation;
  /** The call as written (one line). */
  expression: string;
  /** Extension of a literal view name (`.pug`; '' when it has none); unset when the name is computed at run time. */
  extension?: string;
}

/** A template engine package the service depends on, as installed (read by the scan, so that planning reads no files). */
export interface EnginePackage {
  /** TypeScript finds declarations for it (its own, or `@types/<name>`). */
  typed: boolean;
  /** Installed and its main module names `__express` (Express's engine entry); unset when it is not installed. */
  expressEngine?: boolean;
}

/** What Express views need, read by the scan (`scan/views.ts`). */
export interface ViewsModel {
  /** Every `res.render`/`app.render` call in the service's files, in file order. */
  renders: ViewRender[];
  /** Packages a `view engine` setting or a rendered name's extension names, that are dependencies. */
  engines: Record<string, EnginePackage>;
  /** What exists now at each root-relative folder an Express app names as `views` (and at `views`, Express's default). */
  folders: Record<string, 'dir' | 'file'>;
}

export interface ServiceModel {
  project: ProjectInfo;
  apps: AppModel[];
  routers: RouterModel[];
  jobs: JobModel[];
  migratedJobs: MigratedJob[];
  diagnostics: Diagnostic[];
  /** Set when the service declares entry points (package.json, `--entry`). */
  moduleGraph?: ModuleGraph;
  /** Paths the code reads files from, and the modules naming `__dirname`/`import.meta.url` (`scan/asset-paths.ts`). */
  assets?: { references: AssetReference[]; modulePathFiles: string[] };
  /** Renders, engine packages and view folders of Express apps (set when the service has an Express app). */
  views?: ViewsModel;
}
