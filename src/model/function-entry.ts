/**
 * One generated Lambda function and the route or schedule it serves, as listed in the JSON
 * report's `functions` array. Several entries may share one module (granularity router/app).
 */
export type FunctionEntry = HttpFunctionEntry | ScheduleFunctionEntry;

interface FunctionEntryBase {
  name: string;
  /** Generated module, relative to the target root. */
  module: string;
  /** The handler's export name in `module`. */
  export: string;
  /** `file:line:col` of the registration, file relative to the target root. */
  source: string;
  /**
   * IAM permissions inferred from the AWS SDK calls the function's code makes: the actions,
   * the resources (ARNs; `${VAR}` for an environment variable's value) and where each call is.
   * Absent when the function makes no calls.
   */
  permissions?: Array<{ actions: string[]; resources: string[]; source: string; call: string }>;
  /**
   * Import cycles the function's modules reach: its module imports `loadsFirst` (where the
   * service's entry enters the cycle) before the rest, so its cold start loads every module of
   * the cycle. `modules` is the cycle in import order from `loadsFirst` (the last imports it).
   */
  importCycles?: Array<{ loadsFirst: string; modules: string[] }>;
}

export interface HttpFunctionEntry extends FunctionEntryBase {
  kind: 'http';
  /** Upper case, or `ALL`. */
  method: string;
  /** Full route path as the app sees it, mount prefixes included, e.g. `/api/items/:id`. */
  path: string;
  /** API Gateway form, e.g. `/api/items/{id}`; the catch-all is `$default` (REST: `/{proxy+}`). */
  apiPath: string;
  /** Set when `apiPath` covers more than `path`: why. The function's router makes the exact match. */
  coarse?: string;
  /** The whole-app fallback function (`method: "ANY"`, `path: "*"`): its cold start is the whole app's. */
  fallback?: true;
  /** Set with `fallback`: says its cold start is the whole app's. */
  note?: string;
}

/** One route or middleware-served mount the scan found, and what serves it (the JSON report's `routes`). */
export interface RouteEntry {
  /** Upper case, or `ALL`. */
  method: string;
  /** Full path as the app sees it; a mount is `<prefix>/*`, app-level serving middleware `*`. */
  path: string;
  /** `file:line:col` of the registration (after the rewrite). */
  source: string;
  /** Name of the function that serves it (its own, or the whole-app fallback), or null. */
  servedBy: string | null;
  /** `--fallback proxy`: no function of its own, so API Gateway forwards it to this URL (the running service). */
  forwardedTo?: string;
  /** Why it has no function of its own. */
  reason?: string;
}

export interface ScheduleFunctionEntry extends FunctionEntryBase {
  kind: 'schedule';
  /** The original expression or rule, as text. */
  schedule: string;
  /** EventBridge expressions, e.g. `["cron(0/15 * * * ? *)"]`. */
  expressions: string[];
  /** IANA name, or `UTC`. */
  timezone: string;
}
