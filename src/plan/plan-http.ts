import type { Diagnostic, SourceLocation } from '../model/diagnostic';
import { diagnostic, formatLocation } from '../model/diagnostic';
import { CATCH_ALL_API_PATH } from '../model/migration-plan';
import type { AppState, FallbackMode, Granularity, ProxyFallbackPlan, HttpFunctionPlan, PlannedLayer, PlannedRoute, PlannedRouter, RouteCoverage } from '../model/migration-plan';
import type { AppModel, HandlerModel, LayerModel, ProjectInfo, RegexPath, RegistrationCondition, RouterModel, ServiceModel } from '../model/service-model';
import { coarseApiGatewayPath, joinPaths, koaRouterPathMajor, regexApiGatewayPaths, toApiGatewayPath, unifyPathVariables } from './api-path';
import { mergeSharedKeys, requestSpace, widenGreedySiblings, type RequestSpace } from './route-keys';
import { appFunctionName, regexNamingPath, routeIdentifier, uniqueName } from './naming';
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
  /** A condition the route or a mount on its way is registered under that no generated module can evaluate. */
  blockedBy?: RegistrationCondition;
  /** A regex route: `path` is `parentPrefix` + the regex's literal text. */
  regex?: RegexPath;
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

/** Whether a request API Gateway sends for `route` could enter a router or middleware mounted at `prefix`. */
function prefixCouldMatch(prefix: string, route: RequestSpace, major: number | null): boolean {
  return pathVariants(prefix, major).some((p) => route.segments.some((r) => segmentListsOverlap(p, r, true)));
}

/** Whether a route registered as `method path` could answer a request API Gateway sends for `route`. */
function routesOverlap(method: string, path: string, route: RequestSpace, major: number | null, variants = pathVariants(path, major)): boolean {
  const other = route.method;
  if (method !== other && method !== 'all' && other !== 'all' && !(method === 'get' && other === 'head')) return false;
  return variants.some((a) => route.segments.some((b) => segmentListsOverlap(a, b, false)));
}

/**
 * The API paths a regex route mounted at `prefix` can match, or null with the reason. Express
 * matches the regex against the path below the mount; a Koa router against the whole path, and
 * how it joins a prefix with a regex differs between versions (@koa/router ignores the prefix,
 * older ones concatenate it with the regex's text), so a prefixed Koa regex is not planned.
 */
function regexRoutePaths(framework: AppModel['framework'], prefix: string, regex: RegexPath, major: number | null): { paths: string[]; reason: string } | { paths: null; reason: string } {
  if (framework === 'koa' && prefix !== '' && prefix !== '/') {
    return { paths: null, reason: `a regular expression path in a router with the prefix \`${prefix}\`, which Koa routers apply to regexes differently from version to version` };
  }
  return regexApiGatewayPaths(framework === 'koa' ? '' : prefix, regex, { expressMajor: major });
}

/** Segment lists of a regex route's API paths; anything (`{+}`) when it has none. */
function regexVariants(framework: AppModel['framework'], prefix: string, regex: RegexPath, major: number | null): string[][] {
  const r = regexRoutePaths(framework, prefix, regex, major);
  return r.paths ? r.paths.map((p) => p.split('/').filter(Boolean)) : [['{+}']];
}

export interface HttpPlanResult {
  functions: HttpFunctionPlan[];
  diagnostics: Diagnostic[];
  /** Every route and middleware-served mount found, with the split function planned for it. */
  coverage: RouteCoverage[];
  /** `fallback: 'proxy'`: the catch-all forwards to the running service. */
  proxy?: ProxyFallbackPlan;
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
  /** What answers requests no split function serves (default `app`: a whole-app function). */
  fallback?: FallbackMode;
  /** With `fallback: 'proxy'`: the running service's URL, already checked. */
  proxyUrl?: string;
  /** Route selection: whether a route gets a function of its own (default: every route). */
  selected?: (method: string, path: string) => boolean;
  /** API Gateway flavour (default `http`): with `rest`, the catch-all's `/{proxy+}` takes root-level variable paths. */
  api?: 'http' | 'rest';
}

/** A `use` layer that answers requests itself rather than passing them on, for the coverage list. */
function servingMount(layer: Extract<LayerModel, { kind: 'use' }>, framework: AppModel['framework']): boolean {
  if (layer.allowedMethods) return false;
  // Static files and API docs by the packages' usual names; an Express middleware without
  // `next` (a trailing 404 handler) can only answer.
  return layer.handlers.some(
    (h) => /\b(static|serveStatic|serve-static|swagger\w*|serveIndex|koaStatic)\b/i.test(h.text) || (framework === 'express' && h.arity === 2 && !h.isErrorHandler),
  );
}

/** The name a person would give the whole-app function of `app`: `appFallback`, `serverFallback`. */
function fallbackBaseName(app: AppModel): string {
  // A class field app (`App.app`) is named after its field.
  const variable = (app.id.split('#')[1] ?? 'app').replace(/@\d+$/, '').split('.').pop()!;
  return `${variable}Fallback`;
}

/** ServiceModel → one planned function per route (or router, or app). Pure. */
export function planHttpFunctions(model: ServiceModel, options: HttpPlanOptions): HttpPlanResult {
  const diagnostics: Diagnostic[] = [];
  const koaMajor = koaPathMajor(model.project);
  const majorFor = (app: AppModel): number | null => (app.framework === 'koa' ? koaMajor : options.expressMajor);
  const nodes = new Map<string, RouterModel>();
  for (const r of [...model.routers, ...model.apps]) nodes.set(r.id, r);

  const hits: RouteHit[] = [];
  const unselected: RouteHit[] = [];
  const mounts: RouteCoverage[] = [];
  const reached = new Set<string>();
  const walk = (app: AppModel, node: RouterModel, prefix: string, key: string, depth: number, blockedBy?: RegistrationCondition): void => {
    reached.add(node.id);
    if (depth > MAX_DEPTH) return;
    node.layers.forEach((layer, i) => {
      const blocked = blockedBy ?? uncarriedCondition(layer.conditions);
      if (layer.kind === 'use' && servingMount(layer, app.framework)) {
        const at = layer.path === null || layer.path === '/' ? prefix : joinPaths(prefix, layer.path);
        mounts.push({ method: 'all', path: at ? `${at}/*` : '*', source: layer.loc, appId: app.id, functionName: null, reason: 'answered by middleware, not by a route' });
      } else if (layer.kind === 'route') {
        const path = layer.regex ? `${prefix.replace(/\/+$/, '')}${layer.path}` : joinPaths(prefix, layer.path);
        hits.push({ app, key: `${key}/${i}`, parentKey: key, parentPrefix: prefix, method: layer.method, path, loc: layer.loc, ...(blocked ? { blockedBy: blocked } : {}), ...(layer.regex ? { regex: layer.regex } : {}) });
      } else if (layer.kind === 'mount') {
        const child = nodes.get(layer.routerId);
        if (child) walk(app, child, mountedPrefix(prefix, layer.path, child), `${key}/${i}`, depth + 1, blocked);
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

  // The whole-app fallback: one per service (one `$default` route), for the app that listens
  // (or the first top-level one). It imports the app object, so that must be reachable.
  const fallbackMode = options.fallback ?? 'app';
  const topApps = model.apps.filter((a) => !mountedIds.has(a.id));
  // An app that registers nothing answers nothing of its own: it needs no fallback.
  const answering = topApps.filter((a) => a.layers.length || a.routesInMiddleware?.length);
  const catchAllApp = answering.find((a) => a.listenCalls.length) ?? answering[0];
  let fallbackApp: AppModel | null = null;
  // Strangler mode: the running service answers what no split function claims. It needs no
  // importable app object (nothing of the original runs in Lambda), and no trimming.
  const proxy: ProxyFallbackPlan | undefined = fallbackMode === 'proxy' && options.proxyUrl !== undefined ? { url: options.proxyUrl, appId: catchAllApp?.id ?? null } : undefined;
  if (proxy && catchAllApp) {
    for (const other of answering) {
      if (other === catchAllApp) continue;
      diagnostics.push(diagnostic('warning', other.loc, `this app is not the service's catch-all (${catchAllApp.id.split('#')[1]} at ${formatLocation(catchAllApp.loc)} is): only its split routes are deployed, the rest is not forwarded to ${proxy.url}`, 'plan/second-app'));
    }
  }
  if (fallbackMode === 'app' && catchAllApp) {
    const self = catchAllApp.self;
    if (self && self.source.kind !== 'unsupported' && self.source.kind !== 'package-call') fallbackApp = catchAllApp;
    else {
      const why = self?.source.kind === 'unsupported' ? self.source.reason : 'it is not bound to a variable';
      diagnostics.push(diagnostic('warning', catchAllApp.loc, `no whole-app fallback function: the app cannot be imported (${why}); requests no split function serves get API Gateway's 404`, 'plan/fallback-unavailable'));
    }
    for (const other of answering) {
      if (other === catchAllApp) continue;
      diagnostics.push(diagnostic('warning', other.loc, `this app is not the service's catch-all (${catchAllApp.id.split('#')[1]} at ${formatLocation(catchAllApp.loc)} is): only its split routes are deployed`, 'plan/second-app'));
    }
  }
  /** What serves a request of `app` that no split function claims, for messages; null when nothing. */
  const fallbackFor = (app: AppModel): string | null =>
    fallbackApp === app ? 'the whole-app function' : proxy && proxy.appId === app.id ? `the running service (forwarded to ${proxy.url})` : null;

  // Koa apps that answer requests from middleware (by ctx.path) rather than routers: only the
  // whole app can serve those paths: the fallback, or one function behind `/` and `/{proxy+}`.
  for (const app of model.apps) {
    const at = app.routesInMiddleware ?? [];
    if (!at.length) continue;
    for (const loc of at) mounts.push({ method: 'all', path: '*', source: loc, appId: app.id, functionName: null, reason: 'answered by middleware by ctx.path' });
    const served = fallbackFor(app);
    if (served) {
      for (const loc of at) {
        diagnostics.push(diagnostic('info', loc, `routes inside middleware by ctx.path: served by ${served}`, 'plan/routes-in-middleware'));
      }
      continue;
    }
    if (options.granularity !== 'app') {
      for (const loc of at) {
        diagnostics.push(diagnostic('warning', loc, 'routes inside middleware by ctx.path, which per-route functions cannot serve; use --granularity app', 'plan/routes-in-middleware'));
      }
      continue;
    }
    for (let i = hits.length - 1; i >= 0; i--) if (hits[i]!.app === app) hits.splice(i, 1);
    hits.push({ app, key: `${app.id}/*`, parentKey: app.id, parentPrefix: '', method: 'all', path: '/*', apiPaths: ['/', '/{proxy+}'], loc: app.loc });
  }

  // Group routes into functions; routes left out by the selection stay with the fallback.
  const groups = new Map<string, RouteHit[]>();
  const blockedHits: RouteHit[] = [];
  for (const hit of hits) {
    if (hit.blockedBy) {
      blockedHits.push(hit);
      continue;
    }
    if (options.selected && !hit.apiPaths && !options.selected(hit.method, hit.path)) {
      unselected.push(hit);
      continue;
    }
    const g = options.granularity === 'route' ? hit.key : options.granularity === 'router' ? hit.parentKey : hit.app.id;
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(hit);
  }

  const taken = new Set(options.takenNames ?? []);
  const reportedHandlers = new Set<string>();
  const functions: HttpFunctionPlan[] = [];
  /** A route without a function of its own: info when the fallback serves it, else an error. */
  const notSplit = (hit: RouteHit, reason: string, code: string): void => {
    const served = fallbackFor(hit.app);
    const what = `${hit.method.toUpperCase()} ${hit.path}`;
    diagnostics.push(
      served
        ? diagnostic('info', hit.loc, `${what} has no function of its own (${reason}); ${served} serves it`, code)
        : diagnostic('error', hit.loc, `${what} is not served: ${reason}`, code),
    );
    coverage.set(hit.key, { ...coverage.get(hit.key)!, reason });
  };
  const coverage = new Map<string, RouteCoverage>(
    hits.filter((h) => !h.apiPaths).map((h) => [h.key, { method: h.method, path: h.path, source: h.loc, appId: h.app.id, functionName: null }]),
  );
  for (const hit of unselected) notSplit(hit, 'not selected by the route selection', 'plan/not-selected');
  for (const hit of blockedHits) notSplit(hit, conditionReason(hit.blockedBy!), 'plan/condition');
  const reportedConditions = new Set<string>();

  // 1. API paths: exact where API Gateway can express the route's path, else the nearest one
  //    that covers it (the function's own router makes the exact match).
  const plannedRoute = (hit: RouteHit): PlannedRoute | null => {
    const base = { method: hit.method, path: hit.path, source: hit.loc };
    if (hit.apiPaths) return { ...base, apiPaths: hit.apiPaths };
    const major = majorFor(hit.app);
    if (hit.regex) {
      const r = regexRoutePaths(hit.app.framework, hit.parentPrefix, hit.regex, major);
      if (!r.paths) {
        notSplit(hit, r.reason, 'plan/api-path');
        return null;
      }
      if (fallbackFor(hit.app) && r.paths.every((p) => /^\/\{[^/]+\+\}$/.test(p))) {
        notSplit(hit, `${r.reason}; the nearest API path, ${r.paths[0]}, takes every request`, 'plan/api-path');
        return null;
      }
      return { ...base, apiPaths: r.paths, coarse: r.reason };
    }
    const api = toApiGatewayPath(hit.path, { expressMajor: major });
    if (api.ok) return { ...base, apiPaths: api.paths };
    const coarse = coarseApiGatewayPath(hit.path, { expressMajor: major });
    if (!coarse) {
      notSplit(hit, api.reason, 'plan/api-path');
      return null;
    }
    // `/{proxy+}` is every request: such a function would be a second whole app.
    if (fallbackFor(hit.app) && coarse.every((p) => /^\/\{[^/]+\+\}$/.test(p))) {
      notSplit(hit, `${api.reason}; the nearest API path, ${coarse[0]}, takes every request`, 'plan/api-path');
      return null;
    }
    return { ...base, apiPaths: coarse, coarse: api.reason };
  };
  const pending: Array<{ hits: RouteHit[]; routes: PlannedRoute[] }> = [];
  for (const group of groups.values()) {
    const p = { hits: [] as RouteHit[], routes: [] as PlannedRoute[] };
    for (const hit of group) {
      const route = plannedRoute(hit);
      if (route) {
        p.hits.push(hit);
        p.routes.push(route);
      }
    }
    if (p.routes.length) pending.push(p);
  }

  // 2. Route keys every function can hold at once (route-keys.ts): one variable name per
  //    position, a greedy variable absorbs its plain siblings, one function per key.
  const allPaths = pending.flatMap((p) => p.routes.flatMap((r) => r.apiPaths));
  const unified = unifyPathVariables(allPaths, pending.flatMap((p) => p.routes.flatMap((r) => (r.coarse ? [] : r.apiPaths))));
  const widened = widenGreedySiblings([...new Set(allPaths.map((a) => unified.get(a) ?? a))]);
  for (const p of pending) {
    for (const r of p.routes) {
      const moved: string[] = [];
      r.apiPaths = [
        ...new Set(
          r.apiPaths.map((a) => {
            const u = unified.get(a) ?? a;
            const w = widened.get(u) ?? u;
            if (w !== u) moved.push(w);
            return w;
          }),
        ),
      ];
      if (moved.length && !r.coarse) r.coarse = `widened to ${moved[0]}: API Gateway (REST) allows no other path variable beside a greedy one`;
    }
  }
  // 3. REST: the catch-all's `ANY /{proxy+}` (whole-app function or proxy) is the root's one
  //    variable child, so a root-level variable path (`/{slug}`) cannot sit beside it. The
  //    catch-all serves the whole app, so such paths are left to it (HTTP API `$default` has no
  //    such limit: the split stays).
  if (options.api === 'rest') {
    for (const p of pending) {
      for (let i = p.routes.length - 1; i >= 0; i--) {
        const r = p.routes[i]!;
        const hit = p.hits[i]!;
        const served = fallbackFor(hit.app);
        const rootVariable = r.apiPaths.filter((a) => /^\/\{[^/+]+\}(\/|$)/.test(a));
        if (!served || !rootVariable.length) continue;
        const why = `a REST API allows one variable child of \`/\`, and the catch-all's \`/{proxy+}\` is it`;
        r.apiPaths = r.apiPaths.filter((a) => !rootVariable.includes(a));
        if (r.apiPaths.length) {
          diagnostics.push(diagnostic('info', r.source, `${r.method.toUpperCase()} ${r.path}: ${rootVariable.join(', ')} left to ${served} (${why}); it serves those requests exactly`, 'plan/rest-root-variable'));
          continue;
        }
        p.routes.splice(i, 1);
        p.hits.splice(i, 1);
        notSplit(hit, `its API path ${rootVariable.join(', ')} is a root-level variable: ${why}`, 'plan/rest-root-variable');
      }
    }
  }
  const merged = mergeSharedKeys(pending, (i) => pending[i]!.hits[0]!.app);
  for (const { index, route, key } of merged.dropped) {
    const p = pending[index]!;
    const at = p.routes.indexOf(route);
    const hit = p.hits[at]!;
    p.routes.splice(at, 1);
    p.hits.splice(at, 1);
    notSplit(hit, `its API route \`${key}\` belongs to a function of another app`, 'plan/route-key-taken');
  }

  for (const set of merged.sets) {
    const group = set.flatMap((i) => pending[i]!.hits);
    const routes = set.flatMap((i) => pending[i]!.routes);
    if (!routes.length) continue;
    const targets = new Set(group.map((h) => h.key));
    const first = group[0]!;
    const conditionsInChain: RegistrationCondition[] = [];
    const app = prune(first.app, first.app.id, '', targets, routes.map(requestSpace), nodes, 0, majorFor(first.app), conditionsInChain, first.app.framework)!;
    const uncarried = [first.app, ...subAppsIn(app, nodes)].flatMap((a) => a.uncarried ?? []);
    if (uncarried.length) {
      // Not generated rather than generated wrong (a page that cannot render, a missing replacer).
      const why = uncarried.map((u) => `${u.what} at ${formatLocation(u.loc)}`).join(', ');
      for (const hit of group) notSplit(hit, `the app's ${why} cannot be carried into a generated function`, 'plan/setting-not-carried');
      continue;
    }
    const uncarriedInChain = conditionsInChain.find((c) => !c.code);
    if (uncarriedInChain) {
      // Middleware (or an overlapping route) registered under a condition only the original can evaluate.
      const at = formatLocation(uncarriedInChain.loc);
      const served = fallbackFor(first.app);
      if (!reportedConditions.has(at)) {
        reportedConditions.add(at);
        diagnostics.push(
          diagnostic(served ? 'info' : 'warning', uncarriedInChain.loc, `the condition \`${uncarriedInChain.text}\` cannot be evaluated by a generated function as the original does (${uncarriedInChain.reason}); routes whose requests pass what it guards ${served ? `are served by ${served}` : 'get no function'}`, 'plan/condition'),
        );
      }
      for (const hit of group) notSplit(hit, conditionReason(uncarriedInChain), 'plan/condition');
      continue;
    }
    const blocked = unsupportedHandlers(app);
    if (blocked.length) {
      const served = fallbackFor(first.app);
      for (const h of blocked) {
        const at = formatLocation(h.loc);
        if (reportedHandlers.has(at)) continue;
        reportedHandlers.add(at);
        const why = h.source.kind === 'unsupported' ? h.source.reason : '';
        diagnostics.push(
          diagnostic(served ? 'info' : 'warning', h.loc, `\`${h.text}\` cannot be imported by a generated module (${why}); routes that go through it get no function of their own`, 'plan/unsupported-handler'),
        );
      }
      for (const hit of group) notSplit(hit, 'its middleware chain has a handler that cannot be imported', 'plan/route-skipped');
      continue;
    }
    // A merged function is named after its first route with an exact API path, if any.
    const named = group[routes.findIndex((r) => !r.coarse)] ?? first;
    const baseName =
      options.granularity === 'route'
        ? routeIdentifier(named.method, named.regex ? joinPaths(named.parentPrefix, regexNamingPath(named.regex)) : named.path)
        : options.granularity === 'router'
          ? `${routeIdentifier('', first.parentPrefix || '/').replace(/^Root$/, 'root').replace(/^./, (c) => c.toLowerCase())}Router`
          : appFunctionName(first.app.id.split('#')[1] ?? 'app');
    const name = uniqueCappedName(baseName, taken, options.maxNameLength, routes[0]!.source, diagnostics);
    for (const hit of group) {
      const c = coverage.get(hit.key);
      if (c) c.functionName = name;
      // `--granularity app` for an app routing in middleware: its one function serves that middleware.
      if (hit.apiPaths) for (const m of mounts) if (m.appId === hit.app.id) m.functionName = name;
    }
    const framework = first.app.framework === 'koa' ? 'the router' : 'Express';
    for (const r of routes) {
      if (!r.coarse) continue;
      const what = `${r.method.toUpperCase()} ${r.path}`;
      diagnostics.push(
        diagnostic('info', r.source, `${what} is routed to ${name} from ${r.apiPaths.join(', ')} (${r.coarse}); ${framework} makes the exact match, and other requests there get the app's own answer`, 'plan/coarse-api-path'),
      );
    }
    for (const m of merged.notes) {
      if (!set.includes(m.index)) continue;
      const what = `${m.route.method.toUpperCase()} ${m.route.path}`;
      const other = `${m.other.method.toUpperCase()} ${m.other.path} (${formatLocation(m.other.source)})`;
      diagnostics.push(diagnostic('info', m.route.source, `${what} shares the API route \`${m.key}\` with ${other}: API Gateway allows one function per route, so ${name} serves both`, 'plan/route-key-merged'));
    }
    functions.push({
      kind: 'http',
      framework: first.app.framework,
      name,
      module: `${options.outDir}/http/${name}${options.extension}`,
      exportName: 'handler',
      // One method and path registered twice (under complementary conditions) is one route.
      routes: routes.filter((r, i) => routes.findIndex((o) => o.method === r.method && o.path === r.path) === i),
      ...appState(first.app),
      app,
      source: routes[0]!.source,
    });
  }
  if (fallbackApp) functions.push(fallbackFunction(fallbackApp, uniqueName(fallbackBaseName(fallbackApp), taken), options));
  return { functions, diagnostics, coverage: [...coverage.values(), ...mounts], ...(proxy ? { proxy } : {}) };
}

/**
 * The whole-app function: the complete app, imported as the user built it, plus the files that
 * register more on it (`server.ts` adding middleware), so that it answers exactly as the
 * original does, unmatched paths and methods included.
 */
function fallbackFunction(app: AppModel, name: string, options: HttpPlanOptions): HttpFunctionPlan {
  const sideEffects = new Set<string>();
  for (const layer of app.layers) sideEffects.add(layer.loc.file);
  for (const l of app.errorListeners) sideEffects.add(l.loc.file);
  for (const e of app.contextExtensions ?? []) sideEffects.add(e.value.loc.file);
  sideEffects.delete(app.file);
  return {
    kind: 'http',
    framework: app.framework,
    name,
    module: `${options.outDir}/http/${name}${options.extension}`,
    exportName: 'handler',
    routes: [{ method: 'all', path: '*', apiPaths: [CATCH_ALL_API_PATH], source: app.loc }],
    settings: {},
    app: { id: app.id, options: {}, layers: [] },
    source: app.loc,
    fallback: { app: app.self!, sideEffects: [...sideEffects].sort() },
  };
}

/** The first of a registration's conditions no generated module can evaluate, if any. */
function uncarriedCondition(conditions: RegistrationCondition[] | undefined): RegistrationCondition | undefined {
  return conditions?.find((c) => !c.code);
}

/** Why a condition keeps routes in the original's hands, for diagnostics and the coverage list. */
function conditionReason(c: RegistrationCondition): string {
  return `registered under the condition \`${c.text}\` at ${formatLocation(c.loc)}, which a generated function cannot evaluate as the original does: ${c.reason}`;
}

/** The app/router trimmed to the layers requests for `routes` can pass through, in order. */
function prune(
  node: RouterModel,
  key: string,
  prefix: string,
  targets: Set<string>,
  routes: RequestSpace[],
  nodes: Map<string, RouterModel>,
  depth: number,
  major: number | null,
  conditions: RegistrationCondition[],
  framework: AppModel['framework'],
): PlannedRouter | null {
  if (depth > MAX_DEPTH) return null;
  const layers: PlannedLayer[] = [];
  const keep = (layer: LayerModel, planned: PlannedLayer): void => {
    if (layer.conditions?.length) {
      conditions.push(...layer.conditions);
      planned.conditions = layer.conditions;
    }
    layers.push(planned);
  };
  node.layers.forEach((layer: LayerModel, i) => {
    const k = `${key}/${i}`;
    switch (layer.kind) {
      case 'use':
        // Path-scoped middleware that no request of this function can reach only costs imports.
        if (layer.path !== null && !routes.some((r) => prefixCouldMatch(joinPaths(prefix, layer.path!), r, major))) break;
        keep(layer, { kind: 'use', path: layer.path, handlers: layer.handlers, ...(layer.allowedMethods ? { allowedMethods: layer.allowedMethods } : {}) });
        break;
      case 'param':
        keep(layer, { kind: 'param', name: layer.name, handler: layer.handler });
        break;
      case 'route': {
        const full = joinPaths(prefix, layer.path);
        const variants = layer.regex ? regexVariants(framework, prefix, layer.regex, major) : undefined;
        if (targets.has(k) || routes.some((r) => routesOverlap(layer.method, full, r, major, variants))) {
          const regex = layer.regex ? { regex: layer.regex } : {};
          keep(layer, { kind: 'route', method: layer.method, path: layer.path, ...regex, handlers: layer.handlers, ...(layer.name ? { name: layer.name } : {}) });
        }
        break;
      }
      case 'mount': {
        const child = nodes.get(layer.routerId);
        if (!child) break;
        const childPrefix = mountedPrefix(prefix, layer.path, child);
        // A Koa router tests a regex route against the whole path, whatever its prefix says.
        if (!routes.some((r) => prefixCouldMatch(childPrefix, r, major)) && !(framework === 'koa' && hasRegexRoute(child, nodes, depth))) break;
        const pruned = prune(child, k, childPrefix, targets, routes, nodes, depth + 1, major, conditions, framework);
        if (pruned && pruned.layers.length) keep(layer, { kind: 'mount', path: layer.path, router: pruned });
        break;
      }
    }
  });
  const planned: PlannedRouter = { id: node.id, options: node.options, layers };
  if (depth > 0 && 'settings' in node && node.framework === 'express') planned.subApp = appState(node as AppModel);
  if (node.construct) planned.construct = node.construct;
  const listeners = (node as Partial<AppModel>).errorListeners;
  if (listeners?.length) planned.errorListeners = listeners;
  const extensions = (node as Partial<AppModel>).contextExtensions;
  if (extensions?.length) planned.contextExtensions = extensions;
  return planned;
}

/** The settings and `app.locals` writes a generated app carries from `app`. */
function appState(app: AppModel): AppState {
  return {
    settings: { ...app.settings },
    ...(app.computedSettings && Object.keys(app.computedSettings).length ? { computedSettings: { ...app.computedSettings } } : {}),
    ...(app.conditionalSettings?.length ? { conditionalSettings: app.conditionalSettings } : {}),
    ...(app.locals?.length ? { locals: app.locals } : {}),
    ...(app.engineCalls?.length ? { engineCalls: app.engineCalls } : {}),
  };
}

/** The Express sub-apps mounted in a trimmed chain (their state is carried too, or their routes are not split). */
function subAppsIn(router: PlannedRouter, nodes: Map<string, RouterModel>): AppModel[] {
  const out: AppModel[] = [];
  for (const layer of router.layers) {
    if (layer.kind !== 'mount') continue;
    if (layer.router.subApp) out.push(nodes.get(layer.router.id) as AppModel);
    out.push(...subAppsIn(layer.router, nodes));
  }
  return out;
}

/** Whether a router (or one mounted in it) registers a regex route. */
function hasRegexRoute(node: RouterModel, nodes: Map<string, RouterModel>, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  return node.layers.some((l) => (l.kind === 'route' ? !!l.regex : l.kind === 'mount' && !!nodes.get(l.routerId) && hasRegexRoute(nodes.get(l.routerId)!, nodes, depth + 1)));
}

/** Handlers a planned router references outside its layers: a Koa app subclass, error listeners, context values. */
function ownHandlers(router: PlannedRouter): HandlerModel[] {
  return [...(router.construct?.subclass ? [router.construct.subclass] : []), ...(router.errorListeners ?? []), ...(router.contextExtensions ?? []).map((e) => e.value)];
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

/** What a function's module imports from the user's code: its chain, or the app object of the fallback. */
export function functionHandlers(fn: HttpFunctionPlan): HandlerModel[] {
  return fn.fallback ? [fn.fallback.app] : handlersIn(fn.app);
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
