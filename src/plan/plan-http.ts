import type { Diagnostic, SourceLocation } from '../model/diagnostic';
import { diagnostic, formatLocation } from '../model/diagnostic';
import type { Granularity, HttpFunctionPlan, PlannedLayer, PlannedRoute, PlannedRouter } from '../model/migration-plan';
import type { AppModel, HandlerModel, LayerModel, ProjectInfo, RouterModel, ServiceModel } from '../model/service-model';
import { joinPaths, koaRouterPathMajor, toApiGatewayPath, unifyPathVariables } from './api-path';
import { appFunctionName, routeIdentifier, uniqueName } from './naming';
import { capName, LAMBDA_NAME_MAX } from '../safety/names';

/** One route as reached from an app through a chain of mounts. */
interface RouteHit {
  app: AppModel;
  /** `appId/3/1/5`: layer indexes from the app down to the route; unique per reachable route. */
  key: string;
  /** Key of the router instance that holds the route (the route key minus its last index). */
  parentKey: string;
  parentPrefix: string;
  method: string;
  path: string;
  loc: SourceLocation;
  /** Preset API Gateway paths (the whole-app catch-all), instead of converting `path`. */
  apiPaths?: string[];
}

const MAX_DEPTH = 16;

/** Prefix a mounted router's layers are relative to: the mount path, then its own Koa `prefix`. */
function mountedPrefix(prefix: string, mountPath: string | null, router: RouterModel): string {
  const base = joinPaths(prefix, mountPath ?? '/');
  const own = router.options.prefix;
  return typeof own === 'string' && own !== '' ? joinPaths(base, own) : base;
}

/** Path syntax of the project's Koa router, as the `expressMajor` with the same rules. */
function koaPathMajor(project: ProjectInfo): number {
  const pkg = ['@koa/router', 'koa-router'].find((p) => project.dependencies[p]) ?? '@koa/router';
  return koaRouterPathMajor(project.installed[pkg] ?? project.dependencies[pkg]);
}

/**
 * `pathVariants` results by syntax and path: `prune` asks about the same mount prefixes and
 * route paths once per function, so a large service would convert each path thousands of
 * times. Bounded, so a long-lived process does not keep every path it ever planned.
 */
const variantCache = new Map<string, readonly string[][]>();
const VARIANT_CACHE_LIMIT = 50_000;

/** Segment lists of a path's API Gateway forms; `['{+}']` (anything) when it has none. Shared: do not mutate. */
function pathVariants(path: string, expressMajor: number | null): readonly string[][] {
  const key = `${expressMajor}\0${path}`;
  let hit = variantCache.get(key);
  if (hit === undefined) {
    const api = toApiGatewayPath(path, { expressMajor });
    hit = api.ok ? api.paths.map((p) => p.split('/').filter(Boolean)) : [['{+}']];
    if (variantCache.size >= VARIANT_CACHE_LIMIT) variantCache.clear();
    variantCache.set(key, hit);
  }
  return hit;
}

const isGreedy = (s: string) => s.endsWith('+}');
const isParam = (s: string) => s.startsWith('{');

/** Whether a request path matching `b` could also match `a` (both as API Gateway segments). */
function segmentListsOverlap(a: string[], b: string[], prefixOnly: boolean): boolean {
  for (let i = 0; ; i++) {
    if (i === a.length) return prefixOnly || i === b.length;
    if (i === b.length) return isGreedy(a[i]!);
    const x = a[i]!;
    const y = b[i]!;
    if (isGreedy(x) || isGreedy(y)) return true;
    if (x !== y && !isParam(x) && !isParam(y)) return false;
  }
}

/** Whether a request for `route` could enter a router or middleware mounted at `prefix`. */
function prefixCouldMatch(prefix: string, route: string, major: number | null): boolean {
  return pathVariants(prefix, major).some((p) => pathVariants(route, major).some((r) => segmentListsOverlap(p, r, true)));
}

/** Whether route `a` could answer a request meant for route `b` (compatible method and path). */
function routesOverlap(aMethod: string, aPath: string, bMethod: string, bPath: string, major: number | null): boolean {
  if (aMethod !== bMethod && aMethod !== 'all' && bMethod !== 'all' && !(aMethod === 'get' && bMethod === 'head')) return false;
  return pathVariants(aPath, major).some((a) => pathVariants(bPath, major).some((b) => segmentListsOverlap(a, b, false)));
}

export interface HttpPlanResult {
  functions: HttpFunctionPlan[];
  diagnostics: Diagnostic[];
}

export interface HttpPlanOptions {
  granularity: Granularity;
  outDir: string;
  extension: string;
  expressMajor: number | null;
  /** Names already used by other functions (jobs), so HTTP names stay unique. */
  takenNames?: Set<string>;
  /** Longest function name (see `functionNameBudget`); longer ones are shortened and reported. */
  maxNameLength?: number;
}

/** ServiceModel → one planned function per route (or router, or app). Pure. */
export function planHttpFunctions(model: ServiceModel, options: HttpPlanOptions): HttpPlanResult {
  const diagnostics: Diagnostic[] = [];
  const koaMajor = koaPathMajor(model.project);
  const majorFor = (app: AppModel): number | null => (app.framework === 'koa' ? koaMajor : options.expressMajor);
  const nodes = new Map<string, RouterModel>();
  for (const r of [...model.routers, ...model.apps]) nodes.set(r.id, r);

  const hits: RouteHit[] = [];
  const reached = new Set<string>();
  const walk = (app: AppModel, node: RouterModel, prefix: string, key: string, depth: number): void => {
    reached.add(node.id);
    if (depth > MAX_DEPTH) return;
    node.layers.forEach((layer, i) => {
      if (layer.kind === 'route') {
        hits.push({ app, key: `${key}/${i}`, parentKey: key, parentPrefix: prefix, method: layer.method, path: joinPaths(prefix, layer.path), loc: layer.loc });
      } else if (layer.kind === 'mount') {
        const child = nodes.get(layer.routerId);
        if (child) walk(app, child, mountedPrefix(prefix, layer.path, child), `${key}/${i}`, depth + 1);
      }
    });
  };
  // An app mounted in another app is reached through that mount, not served on its own.
  const mountedIds = new Set([...model.apps, ...model.routers].flatMap((n) => n.layers.flatMap((l) => (l.kind === 'mount' ? [l.routerId] : []))));
  for (const app of model.apps) if (!mountedIds.has(app.id)) walk(app, app, '', app.id, 0);
  for (const r of model.routers) {
    if (!reached.has(r.id) && r.layers.some((l) => l.kind === 'route')) {
      diagnostics.push(diagnostic('warning', r.loc, 'this router is not mounted on any app the scan found, so its routes are not migrated', 'plan/unmounted-router'));
    }
  }

  // Koa apps that answer requests from middleware (by ctx.path) rather than routers: only the
  // whole app can serve those paths, as one function behind `/` and `/{proxy+}`.
  for (const app of model.apps) {
    const at = app.routesInMiddleware ?? [];
    if (!at.length) continue;
    if (options.granularity !== 'app') {
      for (const loc of at) {
        diagnostics.push(diagnostic('warning', loc, 'routes inside middleware by ctx.path, which per-route functions cannot serve; use --granularity app', 'plan/routes-in-middleware'));
      }
      continue;
    }
    for (let i = hits.length - 1; i >= 0; i--) if (hits[i]!.app === app) hits.splice(i, 1);
    hits.push({ app, key: `${app.id}/*`, parentKey: app.id, parentPrefix: '', method: 'all', path: '/*', apiPaths: ['/', '/{proxy+}'], loc: app.loc });
  }

  // Group routes into functions.
  const groups = new Map<string, RouteHit[]>();
  for (const hit of hits) {
    const g = options.granularity === 'route' ? hit.key : options.granularity === 'router' ? hit.parentKey : hit.app.id;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(hit);
  }

  const taken = new Set(options.takenNames ?? []);
  const reportedHandlers = new Set<string>();
  const functions: HttpFunctionPlan[] = [];
  for (const group of groups.values()) {
    const routes: PlannedRoute[] = [];
    for (const hit of group) {
      const api = hit.apiPaths ? { ok: true as const, paths: hit.apiPaths } : toApiGatewayPath(hit.path, { expressMajor: majorFor(hit.app) });
      if (!api.ok) {
        diagnostics.push(diagnostic('warning', hit.loc, `${hit.method.toUpperCase()} ${hit.path} is not migrated: ${api.reason}`, 'plan/api-path'));
        continue;
      }
      routes.push({ method: hit.method, path: hit.path, apiPaths: api.paths, source: hit.loc });
    }
    if (!routes.length) continue;
    const targets = new Set(group.filter((h) => routes.some((r) => r.source === h.loc)).map((h) => h.key));
    const first = group[0]!;
    const app = prune(first.app, first.app.id, '', targets, routes, nodes, 0, majorFor(first.app))!;
    const uncarried = first.app.uncarried ?? [];
    if (uncarried.length) {
      // Not generated rather than generated wrong (a page that cannot render, a missing replacer).
      const why = uncarried.map((u) => `${u.what} at ${formatLocation(u.loc)}`).join(', ');
      for (const r of routes) {
        diagnostics.push(diagnostic('warning', r.source, `${r.method.toUpperCase()} ${r.path} is not migrated: the app's ${why} cannot be carried into a generated function`, 'plan/setting-not-carried'));
      }
      continue;
    }
    const blocked = unsupportedHandlers(app);
    if (blocked.length) {
      for (const h of blocked) {
        const at = formatLocation(h.loc);
        if (reportedHandlers.has(at)) continue;
        reportedHandlers.add(at);
        diagnostics.push(diagnostic('warning', h.loc, `\`${h.text}\` cannot be imported by a generated module (${h.source.kind === 'unsupported' ? h.source.reason : ''}); routes that go through it are not migrated`, 'plan/unsupported-handler'));
      }
      for (const r of routes) {
        diagnostics.push(diagnostic('info', r.source, `${r.method.toUpperCase()} ${r.path} is not migrated because its middleware chain has a handler that cannot be imported`, 'plan/route-skipped'));
      }
      continue;
    }
    const baseName =
      options.granularity === 'route'
        ? routeIdentifier(first.method, first.path)
        : options.granularity === 'router'
          ? `${routeIdentifier('', first.parentPrefix || '/').replace(/^Root$/, 'root').replace(/^./, (c) => c.toLowerCase())}Router`
          : appFunctionName(first.app.id.split('#')[1] ?? 'app');
    const name = uniqueCappedName(baseName, taken, options.maxNameLength, routes[0]!.source, diagnostics);
    functions.push({
      kind: 'http',
      framework: first.app.framework,
      name,
      module: `${options.outDir}/http/${name}${options.extension}`,
      exportName: 'handler',
      routes,
      settings: { ...first.app.settings },
      app,
      source: routes[0]!.source,
    });
  }
  // One variable name per position, across every function of the service.
  const unified = unifyPathVariables(functions.flatMap((f) => f.routes.flatMap((r) => r.apiPaths)));
  for (const f of functions) for (const r of f.routes) r.apiPaths = [...new Set(r.apiPaths.map((p) => unified.get(p) ?? p))];
  return { functions, diagnostics };
}

/** The app/router trimmed to the layers requests for `routes` can pass through, in order. */
function prune(
  node: RouterModel,
  key: string,
  prefix: string,
  targets: Set<string>,
  routes: PlannedRoute[],
  nodes: Map<string, RouterModel>,
  depth: number,
  major: number | null,
): PlannedRouter | null {
  if (depth > MAX_DEPTH) return null;
  const layers: PlannedLayer[] = [];
  node.layers.forEach((layer: LayerModel, i) => {
    const k = `${key}/${i}`;
    switch (layer.kind) {
      case 'use':
        // Path-scoped middleware that no request of this function can reach only costs imports.
        if (layer.path !== null && !routes.some((r) => prefixCouldMatch(joinPaths(prefix, layer.path!), r.path, major))) break;
        layers.push({ kind: 'use', path: layer.path, handlers: layer.handlers, ...(layer.allowedMethods ? { allowedMethods: layer.allowedMethods } : {}) });
        break;
      case 'param':
        layers.push({ kind: 'param', name: layer.name, handler: layer.handler });
        break;
      case 'route': {
        const full = joinPaths(prefix, layer.path);
        if (targets.has(k) || routes.some((r) => routesOverlap(layer.method, full, r.method, r.path, major))) {
          layers.push({ kind: 'route', method: layer.method, path: layer.path, handlers: layer.handlers, ...(layer.name ? { name: layer.name } : {}) });
        }
        break;
      }
      case 'mount': {
        const child = nodes.get(layer.routerId);
        if (!child) break;
        const childPrefix = mountedPrefix(prefix, layer.path, child);
        if (!routes.some((r) => prefixCouldMatch(childPrefix, r.path, major))) break;
        const pruned = prune(child, k, childPrefix, targets, routes, nodes, depth + 1, major);
        if (pruned && pruned.layers.length) layers.push({ kind: 'mount', path: layer.path, router: pruned });
        break;
      }
    }
  });
  const planned: PlannedRouter = { id: node.id, options: node.options, layers };
  if (depth > 0 && 'settings' in node && node.framework === 'express') planned.subApp = { settings: { ...(node as AppModel).settings } };
  if (node.construct) planned.construct = node.construct;
  const listeners = (node as Partial<AppModel>).errorListeners;
  if (listeners?.length) planned.errorListeners = listeners;
  return planned;
}

/** Handlers a planned router references outside its layers: a Koa app subclass, error listeners. */
function ownHandlers(router: PlannedRouter): HandlerModel[] {
  return [...(router.construct?.subclass ? [router.construct.subclass] : []), ...(router.errorListeners ?? [])];
}

function unsupportedHandlers(router: PlannedRouter): HandlerModel[] {
  const out: HandlerModel[] = ownHandlers(router).filter((h) => h.source.kind === 'unsupported');
  for (const layer of router.layers) {
    if (layer.kind === 'mount') out.push(...unsupportedHandlers(layer.router));
    else for (const h of layer.kind === 'param' ? [layer.handler] : layer.handlers) if (h.source.kind === 'unsupported') out.push(h);
  }
  return out;
}

/** Every handler the function's modules reference, in order. */
export function handlersIn(router: PlannedRouter): HandlerModel[] {
  const out: HandlerModel[] = ownHandlers(router);
  for (const layer of router.layers) {
    if (layer.kind === 'mount') out.push(...handlersIn(layer.router));
    else out.push(...(layer.kind === 'param' ? [layer.handler] : layer.handlers));
  }
  return out;
}

/** {@link cappedName}, made unique against `taken` (and still within `max` after a `2` suffix). */
export function uniqueCappedName(base: string, taken: Set<string>, max: number | undefined, at: SourceLocation, diagnostics: Diagnostic[]): string {
  const name = uniqueName(cappedName(base, max, at, diagnostics), taken);
  if (max === undefined || name.length <= max) return name;
  taken.delete(name);
  return uniqueName(capName(name, max), taken);
}

/**
 * A function name within `max` characters (Lambda's limit after the IaC's prefix; also a file
 * name the file system takes): a longer one is shortened with a hash suffix, and reported.
 */
export function cappedName(name: string, max: number | undefined, at: SourceLocation, diagnostics: Diagnostic[]): string {
  if (max === undefined || name.length <= max) return name;
  const short = capName(name, max);
  diagnostics.push(diagnostic('info', at, `the function name derived here (${name.length} characters) is shortened to ${short}: Lambda names are at most ${LAMBDA_NAME_MAX} characters including the \`<service>-<stage>-\` prefix`, 'plan/name-shortened'));
  return short;
}
