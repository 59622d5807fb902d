/**
 * The API routes of all functions as the IaC deploys them, checked the way API Gateway checks
 * them at deploy time: one integration per route key, greedy variables last, and (REST) at most
 * one variable child per resource, so that a clash is a message here instead of a failed stack.
 * The planner (`src/plan/route-keys.ts`) keeps its own output within these rules; this is the
 * check over the whole template, the whole-app function's catch-all routes included.
 */
import { CATCH_ALL_API_PATH } from '../../model/migration-plan';
import { catchAllRoutes, type FunctionSpec } from './function-spec';
import type { IacOptions } from './iac-options';
import { proxyCatchAllRoutes } from './proxy-fallback';

/**
 * `METHOD path` of every API route each function gets, as serverless.yml, SAM and CDK render
 * them, and with `proxyUrl` (`--fallback proxy`) the HTTP proxy catch-all's routes.
 */
export function deployedRouteKeys(specs: readonly FunctionSpec[], api: IacOptions['api'], proxyUrl?: string): Array<{ name: string; method: string; path: string }> {
  const out: Array<{ name: string; method: string; path: string }> = [];
  if (proxyUrl !== undefined) for (const r of proxyCatchAllRoutes([...specs], api)) out.push({ name: `the proxy to ${proxyUrl}`, ...r });
  for (const spec of specs) {
    for (const e of spec.http) {
      if (e.restOnly && api === 'http') continue;
      const routes = e.path === CATCH_ALL_API_PATH && api === 'rest' ? catchAllRoutes('rest') : [e];
      for (const r of routes) out.push({ name: spec.name, method: r.path === CATCH_ALL_API_PATH ? '' : r.method, path: r.path });
    }
  }
  return out;
}

/** Problems API Gateway would refuse the routes for; empty when the API deploys. */
export function routeKeyProblems(specs: readonly FunctionSpec[], api: IacOptions['api'], proxyUrl?: string): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string[]>();
  const children = new Map<string, Set<string>>(); // REST: parent resource → variable children
  for (const { name, method, path } of deployedRouteKeys(specs, api, proxyUrl)) {
    const key = method ? `${method} ${path}` : path;
    const list = owners.get(key) ?? owners.set(key, []).get(key)!;
    list.push(name);
    if (path === CATCH_ALL_API_PATH) continue;
    const segs = path.split('/').filter(Boolean);
    segs.forEach((seg, i) => {
      if (seg.endsWith('+}') && i !== segs.length - 1) problems.push(`${key} (${name}): a greedy path variable must be the last segment`);
      if (api === 'rest' && seg.startsWith('{')) {
        const parent = `/${segs.slice(0, i).join('/')}`;
        (children.get(parent) ?? children.set(parent, new Set()).get(parent)!).add(seg);
      }
    });
  }
  for (const [key, names] of owners) {
    if (names.length > 1) problems.push(`route ${key} is claimed ${names.length} times (${[...new Set(names)].join(', ')}); API Gateway allows one integration per route`);
  }
  for (const [parent, kids] of children) {
    if (kids.size > 1) problems.push(`REST API resource ${parent} has ${kids.size} variable children (${[...kids].sort().join(', ')}); API Gateway allows one`);
  }
  return [...new Set(problems)].sort();
}
