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
}

export interface HttpFunctionEntry extends FunctionEntryBase {
  kind: 'http';
  /** Upper case, or `ALL`. */
  method: string;
  /** Full route path as the app sees it, mount prefixes included, e.g. `/api/items/:id`. */
  path: string;
  /** API Gateway form, e.g. `/api/items/{id}`. */
  apiPath: string;
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
