/**
 * Checks on the stack as a whole, before anyone tries to deploy it: API Gateway's 29 s
 * integration timeout, CloudFormation's 500-resource limit and the API's route quota.
 * Each problem is one message; emitIac reports them as warnings on the IaC file.
 */
import type { FunctionSpec } from './function-spec';
import type { IacOptions } from './iac-options';
import { DEPLOY_DEFAULTS } from './lambda-config';

/** CloudFormation's resources-per-stack limit. */
export const STACK_RESOURCE_LIMIT = 500;
/** Default quotas: routes per HTTP API, resources (paths) per REST API. */
export const HTTP_API_ROUTE_QUOTA = 300;
export const REST_API_RESOURCE_QUOTA = 300;

/**
 * Rough count of the CloudFormation resources a stack of `specs` becomes. Per function: the
 * function, its log group, its role and (serverless.yml) its version; per HTTP function an
 * integration and an invoke permission (serverless.yml: plus one route per route; SAM inlines
 * routes in the API definition but adds a permission per event); per schedule a rule or
 * schedule and a permission or role; a handful for the API and deployment. CDK: per function
 * the function, role and log group (and a policy), per HTTP function an integration, per
 * route a route (REST: method) and an invoke permission, per schedule one schedule.
 */
export function estimateResources(specs: readonly FunctionSpec[], format: IacOptions['format']): number {
  let n = 5;
  for (const s of specs) {
    if (format === 'cdk') {
      n += 3 + (s.permissions?.statements.length ? 1 : 0) + (s.http.length ? 1 + 2 * s.http.length : 0) + s.schedules.length;
      continue;
    }
    n += format === 'serverless' ? 4 : 3;
    if (s.http.length) n += format === 'serverless' ? 2 + s.http.length : s.http.length;
    n += 2 * s.schedules.length;
  }
  return n;
}

/** Distinct routes (HTTP API) or path resources (REST API, one per path segment prefix). */
export function countRoutes(specs: readonly FunctionSpec[], api: IacOptions['api']): number {
  const seen = new Set<string>();
  for (const s of specs) {
    for (const e of s.http) {
      if (e.restOnly && api === 'http') continue;
      if (api === 'http') seen.add(`${e.method} ${e.path}`);
      else {
        const parts = e.path.split('/').filter(Boolean);
        for (let i = 1; i <= parts.length; i++) seen.add(`/${parts.slice(0, i).join('/')}`);
      }
    }
  }
  return seen.size;
}

export function stackWarnings(specs: readonly FunctionSpec[], options: IacOptions): string[] {
  const out: string[] = [];
  for (const s of specs) {
    if (s.kind === 'http' && s.timeout !== undefined && s.timeout > DEPLOY_DEFAULTS.httpTimeout) {
      out.push(`${s.name}: timeout ${s.timeout} s is over API Gateway's ${DEPLOY_DEFAULTS.httpTimeout} s integration timeout; the API answers 503/504 before the function finishes`);
    }
  }
  const resources = estimateResources(specs, options.format);
  if (resources > STACK_RESOURCE_LIMIT) {
    out.push(
      `${specs.length} functions make about ${resources} CloudFormation resources, over the ${STACK_RESOURCE_LIMIT}-resource limit of one stack; use --granularity router (one function per router) or split the service`,
    );
  }
  const routes = countRoutes(specs, options.api);
  const quota = options.api === 'http' ? HTTP_API_ROUTE_QUOTA : REST_API_RESOURCE_QUOTA;
  if (routes > quota) {
    out.push(
      options.api === 'http'
        ? `${routes} routes exceed the HTTP API quota of ${quota} routes per API; ask AWS for a higher quota, or split the service into several APIs`
        : `${routes} paths exceed the REST API quota of ${quota} resources per API; ask AWS for a higher quota, or split the service into several APIs`,
    );
  }
  return out;
}
