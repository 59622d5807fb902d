/**
 * A neutral description of each Lambda function to deploy, built from the MigrationPlan; the
 * serverless.yml and SAM writers render the same list.
 */
import { commentText } from '../../safety/escape';
import { CATCH_ALL_API_PATH, type HttpFunctionPlan, type JobFunctionPlan, type MigrationPlan } from '../../model/migration-plan';
import type { EnvScanner } from './env-scan';
import type { FunctionPermissions } from '../../iam/infer-permissions';
import { DEPLOY_DEFAULTS, settingsFor, type LambdaConfig } from './lambda-config';

export interface HttpEventSpec {
  /** Upper-case method, or `ANY` for `all`. */
  method: string;
  /** API Gateway path, e.g. `/books/{id}`. */
  path: string;
  /**
   * Only for a REST API: the fallback's `ANY` beside a split function's path. A REST API does
   * not fall back to a less specific resource when the method is missing (it answers 403), so
   * the app's own 404/405 for an unrouted method needs this; an HTTP API's `$default` already
   * takes those requests.
   */
  restOnly?: boolean;
}

export interface ScheduleEventSpec {
  /** EventBridge `cron(...)` or `rate(...)`. */
  expression: string;
  /** IANA timezone when the schedule needs EventBridge Scheduler; null for a UTC rule. */
  timezone: string | null;
  /**
   * Input for the target when the handler must know which schedule fired (split schedules
   * with day guards): EventBridge Scheduler substitutes the scheduled time.
   */
  input?: { schedule: number; time: string };
}

export interface FunctionSpec {
  kind: 'http' | 'schedule';
  /** Function name: the serverless.yml key, and the base of the SAM logical id. */
  name: string;
  /** Generated module, relative to the root (`lambda/http/getBooks.ts`). */
  module: string;
  exportName: string;
  /** One line for humans: what the function serves. */
  description: string;
  http: HttpEventSpec[];
  schedules: ScheduleEventSpec[];
  /** MB: the config's, else DEPLOY_DEFAULTS.memorySize. */
  memorySize?: number;
  /** Seconds: the config's, else 29 for HTTP functions and `deploy.jobTimeout` (300) for jobs. */
  timeout?: number;
  /** Sorted names of the environment variables its code reads (their values come from the deployer's environment). */
  environment: string[];
  /** Variables with literal values, set by migration transforms. */
  environmentValues?: Record<string, string>;
  /** Lambda layer ARNs, set by migration transforms. */
  layers?: string[];
  /** Resource tags, set by migration transforms. */
  tags?: Record<string, string>;
  /** 1 for node-cron `noOverlap` jobs: runs never overlap. */
  reservedConcurrency?: number;
  /** IAM statements inferred from the AWS SDK calls the function's code makes. */
  permissions?: FunctionPermissions;
}

/**
 * Express and Koa answer HEAD for every GET route; API Gateway only routes HEAD to a HEAD (or
 * ANY) route. So each GET route gets a HEAD route too, unless the path already has one.
 */
export function withImpliedHead<T extends { method: string }>(routes: T[], apiPath: (route: T) => string): T[] {
  const has = new Set(routes.map((r) => `${r.method} ${apiPath(r)}`));
  const out: T[] = [];
  for (const r of routes) {
    out.push(r);
    if (r.method === 'GET' && !has.has(`HEAD ${apiPath(r)}`) && !has.has(`ANY ${apiPath(r)}`)) {
      has.add(`HEAD ${apiPath(r)}`);
      out.push({ ...r, method: 'HEAD' });
    }
  }
  return out;
}

/**
 * The catch-all routes of the whole-app fallback: HTTP API's `$default` route (taken only when
 * no other route matches); a REST API has none, so `ANY /` and `ANY /{proxy+}`, which API
 * Gateway ranks below every more specific resource.
 */
export function catchAllRoutes(api: 'http' | 'rest'): HttpEventSpec[] {
  return api === 'http' ? [{ method: 'ANY', path: CATCH_ALL_API_PATH }] : [{ method: 'ANY', path: '/' }, { method: 'ANY', path: '/{proxy+}' }];
}

function httpSpec(fn: HttpFunctionPlan): Pick<FunctionSpec, 'http' | 'description'> {
  if (fn.fallback) return { http: [{ method: 'ANY', path: CATCH_ALL_API_PATH }], description: 'the whole app: every request no other function serves' };
  const routes: HttpEventSpec[] = [];
  const seen = new Set<string>();
  for (const r of fn.routes) {
    const method = r.method === 'all' ? 'ANY' : r.method.toUpperCase();
    for (const p of r.apiPaths) {
      const key = `${method} ${p}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method, path: p });
    }
  }
  const http = withImpliedHead(routes, (r) => r.path);
  const serves = fn.routes.map((r) => `${r.method === 'all' ? 'ALL' : r.method.toUpperCase()} ${r.path}`);
  const list = serves.length > 3 ? `${serves.slice(0, 3).join(', ')} and ${serves.length - 3} more` : serves.join(', ');
  // No source location: rewrites move lines, and the comment must stay stable across runs.
  return { http, description: commentText(list) };
}

function scheduleSpec(job: JobFunctionPlan): Pick<FunctionSpec, 'schedules' | 'description' | 'reservedConcurrency'> {
  // A UTC schedule is a plain EventBridge rule; any other zone needs EventBridge Scheduler.
  // Split schedules with guards tell the handler which one fired through their input, which
  // needs Scheduler (it substitutes the scheduled time), so they use it even in UTC.
  const selects = job.expressions.length > 1 && job.guards.some((g) => g !== null);
  const timezone = job.timezone && job.timezone !== 'UTC' ? job.timezone : selects ? 'UTC' : null;
  const original = job.job.spec.kind === 'cron' ? job.job.spec.expression : job.job.spec.kind;
  return {
    schedules: job.expressions.map((expression, i) => ({
      expression,
      timezone,
      ...(selects ? { input: { schedule: i, time: '<aws.scheduler.scheduled-time>' } } : {}),
    })),
    description: commentText(`schedule ${original}${timezone ? ` in ${timezone}` : ''}`),
    ...(job.job.options.noOverlap === true ? { reservedConcurrency: 1 } : {}),
  };
}

/** Every function of the plan, HTTP first, then jobs, in plan order. */
export function functionSpecs(plan: MigrationPlan, config: LambdaConfig, env: EnvScanner): FunctionSpec[] {
  const common = (kind: FunctionSpec['kind'], name: string, module: string, exportName: string) => {
    const s = settingsFor(config, name);
    return {
      name,
      module,
      exportName,
      environment: env.variablesReachedFrom(module),
      memorySize: s.memorySize ?? DEPLOY_DEFAULTS.memorySize,
      timeout: s.timeout ?? (kind === 'http' ? DEPLOY_DEFAULTS.httpTimeout : (config.deploy?.jobTimeout ?? DEPLOY_DEFAULTS.jobTimeout)),
    };
  };
  const http = plan.functions.map((fn): FunctionSpec => ({ kind: 'http', ...common('http', fn.name, fn.module, fn.exportName), ...httpSpec(fn), schedules: [] }));
  const fallback = http.find((spec) => plan.functions.some((fn) => fn.fallback && fn.name === spec.name));
  if (fallback) {
    const split = http.filter((spec) => spec !== fallback).flatMap((spec) => spec.http);
    const withAny = new Set(split.filter((e) => e.method === 'ANY').map((e) => e.path));
    const paths = [...new Set(split.map((e) => e.path))].filter((p) => !withAny.has(p) && p !== '/' && p !== '/{proxy+}').sort();
    fallback.http.push(...paths.map((path) => ({ method: 'ANY', path, restOnly: true })));
  }
  return [
    ...http,
    ...plan.jobs.map((job): FunctionSpec => ({ kind: 'schedule', ...common('schedule', job.name, job.module, job.exportName), ...scheduleSpec(job), http: [] })),
  ];
}

/** `lambda/http/getBooks.ts` + `handler` → `lambda/http/getBooks.handler` (extension dropped). */
export function handlerPath(module: string, exportName: string): string {
  return `${module.replace(/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, '')}.${exportName}`;
}

/** Whether a module path is one lambdashift generates (under `<outDir>/http/` or `<outDir>/jobs/`). */
export function isGeneratedModulePath(modulePath: string, outDir: string): boolean {
  const p = modulePath.replace(/^\.\//, '');
  return p.startsWith(`${outDir}/http/`) || p.startsWith(`${outDir}/jobs/`);
}
