/**
 * Koa scanner: `new Koa()` apps (and `class App extends Koa` subclasses), `@koa/router` and
 * `koa-router` routers, their registrations in the order they run, and what cannot be migrated.
 *
 * Koa's model differs from Express's, and the ServiceModel records it as follows:
 * - `app.use(mw)` is a `use` layer (Koa has no mount paths at app level); error-handling
 *   middleware (try/catch around `await next()`) is middleware like any other.
 * - `app.use(router.routes())` (or `.middleware()`) is a `mount` with path null;
 *   `router.use('/x', nested.routes())` a `mount` at `/x`. A router's own prefix
 *   (`new Router({ prefix })`, `router.prefix()`) is its `options.prefix`; the planner composes
 *   mount path, then prefix, as Koa does.
 * - `app.use(router.allowedMethods(opts))` is a `use` layer with `allowedMethods` and no handlers.
 * - `app.on('error', fn)` → `errorListeners`; `app.proxy = true` and other literal app fields →
 *   `settings`; literal `new Koa({...})` options → `options`.
 * - Route tables registered in a loop over a literal array are unrolled (see koa-loops.ts).
 * - Middleware that answers by `ctx.path`/`ctx.method` marks the app `routesInMiddleware`.
 * - Class-based apps and routers (`this.app = new Koa()`, `public router = new Router()`) are
 *   keyed by their field; `routes.forEach((r) => this.app.use(r.router.routes()))` and
 *   `for (const r of routes)` over route instances are read once per instance (class-apps.ts),
 *   in the order the constructor runs them.
 */
import * as http from 'node:http';
import { BinaryExpression, CallExpression, ClassDeclaration, Node, SourceFile, SyntaxKind, ts, type VariableDeclaration } from 'ts-morph';
import { wrappedOfKind } from './descendants';
import type { AllowedMethodsModel, AppModel, ContextExtension, HandlerModel, LayerModel, RegistrationCondition, RouterModel } from '../model/service-model';
import { classFieldAppSelf } from './class-app-self';
import { registrationConditions, setSetting } from './conditions';
import { routeIdentifier } from '../plan/naming';
import { classOfThis, classOrder, compareKeys, EMPTY_ENV, enclosingLoop, fieldKey, instancesOf, memberOfInstance, type Env } from './class-apps';
import { describeHandler } from './handlers';
import { classifyKoaClass, importsKoa, unwrapCompilerInitializer, unwrapInitializer } from './koa-bindings';
import { pureFactoryCall } from './koa-factories';
import { evaluate, loopIterations, type Iteration } from './koa-loops';
import { pathRoutingIn } from './koa-path-routing';
import { literalValue, UNKNOWN } from './literal';
import { declarationKey, memberValues, resolveIdentifier } from './resolve';
import { returnedByFactory } from './router-factories';
import type { ScanContext } from './scan-context';
import { namingPath, regexRoutePaths, routePathFields, type RoutePath } from './regex-paths';

/** Methods a Koa router registers routes for, lower case, plus `all` and the `del` alias. */
export const KOA_ROUTE_METHODS = new Set([...http.METHODS.map((m) => m.toLowerCase()), 'all', 'del']);
const ROUTER_CALLS = new Set([...KOA_ROUTE_METHODS, 'use', 'param', 'prefix', 'redirect', 'register', 'on']);
const APP_CALLS = new Set(['use', 'on', 'listen']);
/** Methods that return the router/app itself, so calls can be chained. */
const CHAINABLE = new Set([...KOA_ROUTE_METHODS, 'use', 'param', 'prefix', 'redirect', 'on']);
/** Koa application fields a generated app can be given (`app.proxy = true`). */
const APP_FIELDS = new Set(['proxy', 'subdomainOffset', 'proxyIpHeader', 'maxIpsCount', 'env', 'keys', 'silent']);

interface Tracked {
  model: AppModel | RouterModel;
  isApp: boolean;
  sf: SourceFile;
}

/**
 * A layer waiting to be put in order: Koa runs registrations in the order they execute. `key`
 * is the registration's position (inside a class, the chain of positions through the methods
 * the constructor calls; inside a loop, the loop's position, the iteration, then the call's).
 */
interface Pending {
  t: Tracked;
  key: number[];
  seq: number;
  layer: LayerModel;
}

/** Finds Koa apps and routers across files, with their registrations in the order they run. */
export function scanKoa(files: SourceFile[], ctx: ScanContext): { apps: AppModel[]; routers: RouterModel[] } {
  // Cheap exit for services that do not use Koa at all (no symbol is resolved for them).
  const koaFiles = new Set(files.filter((sf) => importsKoa(sf.getFullText())));
  if (!koaFiles.size) return { apps: [], routers: [] };
  const tracked = new Map<object, Tracked>();
  for (const sf of files) {
    // Outside files that import Koa, only `new App()` of an imported subclass can create one.
    const koaFile = koaFiles.has(sf);
    const mayCreate = (n: ts.Node): boolean => {
      const d = n as ts.VariableDeclaration;
      const init = unwrapCompilerInitializer(d.initializer);
      return ts.isIdentifier(d.name) && !!init && (ts.isNewExpression(init) || (koaFile && ts.isCallExpression(init)));
    };
    for (const decl of wrappedOfKind<VariableDeclaration>(sf, SyntaxKind.VariableDeclaration, mayCreate)) {
      if (!koaFile && !Node.isNewExpression(unwrapInitializer(decl.getInitializer()))) continue;
      const created = creation(decl, sf, ctx);
      if (!created) continue;
      tracked.set(declarationKey(decl), created);
      // `new Koa().use(logger()).use(router.routes())`: the chain's calls register on it.
      const made = createdBy(decl.getInitializer());
      if (made !== unwrapInitializer(decl.getInitializer()) && made) tracked.set(declarationKey(made), created);
    }
    if (!koaFiles.has(sf)) continue;
    // Class fields: `public app = new Koa()`, `router = new Router({ prefix })`, `this.app = new Koa()`.
    for (const cls of wrappedOfKind<ClassDeclaration>(sf, SyntaxKind.ClassDeclaration)) {
      for (const [field, value] of classFieldValues(cls)) {
        const key = fieldKey(cls, field);
        const created = key ? creationFrom(value, `${cls.getName() ?? 'default'}.${field}`, key, null, sf, ctx) : null;
        if (!key || !created) continue;
        tracked.set(declarationKey(key), created);
        // The fallback reaches a class field app through the module-level instance.
        if (created.isApp) (created.model as AppModel).self = classFieldAppSelf(cls, field, ctx);
      }
    }
  }
  if (!tracked.size) return { apps: [], routers: [] };
  const scanner = new KoaRegistrations(tracked, ctx, files);
  for (const sf of files) scanner.scanFile(sf, koaFiles.has(sf));
  return scanner.finish();
}

/** Every field a class initializes or assigns (`this.x = …`), with the first value it gets. */
function classFieldValues(cls: ClassDeclaration): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const prop of cls.getInstanceProperties()) {
    const init = Node.isPropertyDeclaration(prop) ? prop.getInitializer() : undefined;
    if (init) out.set(prop.getName(), init);
  }
  for (const bin of cls.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const left = bin.getLeft();
    if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || !Node.isPropertyAccessExpression(left)) continue;
    if (left.getExpression().getKind() !== SyntaxKind.ThisKeyword || classOfThis(left) !== cls || out.has(left.getName())) continue;
    out.set(left.getName(), bin.getRight());
  }
  return out;
}

/** A tracked app or router when `decl` creates one. */
function creation(decl: Node, sf: SourceFile, ctx: ScanContext): Tracked | null {
  if (!Node.isVariableDeclaration(decl)) return null;
  const nameNode = decl.getNameNode();
  if (!Node.isIdentifier(nameNode)) return null;
  return creationFrom(decl.getInitializer(), nameNode.getText(), decl, nameNode, sf, ctx);
}

/**
 * A tracked app or router when `value` creates one; `name` names it in its id, `at` locates
 * it, `self` is the variable a generated module can import the app through (null for a class
 * field, which no module can import).
 */
function creationFrom(value: Node | undefined, name: string, at: Node, self: Node | null, sf: SourceFile, ctx: ScanContext): Tracked | null {
  const init = createdBy(value);
  if (!init || (!Node.isNewExpression(init) && !Node.isCallExpression(init))) return null;
  const cls = classifyKoaClass(init.getExpression());
  if (!cls) return null;
  // `Koa()` without `new` throws; old koa-router allowed `Router()`.
  if (cls.kind === 'app' && !Node.isNewExpression(init)) return null;
  const file = ctx.rel(sf);
  const model: RouterModel = { id: `${file}#${name}`, framework: 'koa', file, loc: ctx.loc(at), options: {}, layers: [], construct: { ref: cls.ref } };
  const [optionsArg] = init.getArguments();
  if (optionsArg) {
    const opts = literalValue(optionsArg);
    if (opts !== UNKNOWN && opts && typeof opts === 'object' && !Array.isArray(opts)) model.options = { ...opts };
    else {
      const what = cls.kind === 'app' ? 'app' : 'router';
      ctx.report('warning', optionsArg, `${what} options are not literal values; generated functions construct the ${what} with the defaults`, `koa/${what}-options`);
    }
  }
  if (cls.kind === 'router') return { model, isApp: false, sf };
  if (cls.subclass) model.construct = { ref: cls.ref, subclass: describeHandler(cls.subclass, cls.subclass.getText(), ctx) };
  const unbound: HandlerModel = {
    text: name,
    loc: ctx.loc(at),
    arity: null,
    isErrorHandler: false,
    source: { kind: 'unsupported', reason: 'it is not bound to a module-level variable' },
  };
  const app: AppModel = { ...model, settings: {}, listenCalls: [], errorListeners: [], ref: null, self: self ? describeHandler(self, name, ctx) : unbound };
  return { model: app, isApp: true, sf };
}

/** The construction at the start of a registration chain: `new Koa()` in `new Koa().use(a).use(b)`. */
function createdBy(init: Node | undefined): Node | undefined {
  let n = unwrapInitializer(init);
  while (n && Node.isCallExpression(n)) {
    const callee = n.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !CHAINABLE.has(callee.getName())) break;
    const inner = unwrapInitializer(callee.getExpression());
    if (!inner || !(Node.isCallExpression(inner) || Node.isNewExpression(inner))) break;
    n = inner;
  }
  return n;
}

/** Unwraps `(x)`, `x as T`, `x!`. */
function bare(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isNonNullExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
  return n;
}

/** Elements of an array literal (through parentheses and assertions), or null. */
function arrayElements(node: Node): Node[] | null {
  const n = bare(node);
  return Node.isArrayLiteralExpression(n) ? n.getElements() : null;
}

function isPathValue(node: Node | undefined): boolean {
  if (!node) return false;
  if (Node.isRegularExpressionLiteral(bare(node))) return true;
  return typeof literalValue(node) === 'string';
}

/** Whether a middleware wraps `await next()` in try/catch (named `errorMiddleware` when extracted). */
function isErrorMiddleware(expr: Node): boolean {
  if (!Node.isArrowFunction(expr) && !Node.isFunctionExpression(expr)) return false;
  return expr.getDescendantsOfKind(SyntaxKind.TryStatement).some((t) =>
    t.getTryBlock().getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => /^next$/.test(c.getExpression().getText())),
  );
}

/** Whether an argument looks like a handler (used to tell a route on an untracked router). */
function looksLikeHandler(node: Node): boolean {
  const n = bare(node);
  if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isPropertyAccessExpression(n)) return true;
  if (!Node.isIdentifier(n)) return false;
  const b = resolveIdentifier(n);
  if (b.kind !== 'top-level' && b.kind !== 'local') return false;
  if (Node.isFunctionDeclaration(b.decl)) return true;
  const init = Node.isVariableDeclaration(b.decl) ? b.decl.getInitializer() : undefined;
  return !!init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init));
}

class KoaRegistrations {
  private readonly pending: Pending[] = [];
  private seq = 0;
  private readonly reported = new Set<Node>();
  private readonly order = new Map<ClassDeclaration, Map<Node['compilerNode'], number[]>>();
  /**
   * The loop variable binding of the registration being read (`route` → `NotesRoute` inside
   * `routes.forEach((route) => …)`); empty outside such loops. Set per instance by scanFile.
   */
  private env: Env = EMPTY_ENV;

  constructor(
    private readonly tracked: Map<object, Tracked>,
    private readonly ctx: ScanContext,
    private readonly files: SourceFile[],
  ) {}

  /** The tracked app/router an expression refers to, through `router.get(...).post(...)` chains. */
  private trackedOf(node: Node, depth = 0): Tracked | undefined {
    const n = bare(node);
    if (Node.isNewExpression(n)) return this.tracked.get(declarationKey(n));
    // `this.app`, `this.router`, `route.router` (a loop over route instances).
    const field = Node.isPropertyAccessExpression(n) ? memberOfInstance(n, this.env) : undefined;
    if (field) {
      const key = fieldKey(field.cls, field.name);
      const hit = key ? this.tracked.get(declarationKey(key)) : undefined;
      if (hit) return hit;
    }
    if (Node.isIdentifier(n)) {
      const b = resolveIdentifier(n);
      if (b.kind !== 'top-level' && b.kind !== 'local') return undefined;
      const hit = this.tracked.get(declarationKey(b.decl));
      // `const status = makeStatusRouter()`: the router the factory returns.
      const init = !hit && depth < 3 && Node.isVariableDeclaration(b.decl) ? b.decl.getInitializer() : undefined;
      return hit ?? (init && Node.isCallExpression(bare(init)) ? this.trackedOf(init, depth + 1) : undefined);
    }
    // `items.router` with `module.exports = { router }` (or `export const router`) in items.js.
    if (Node.isPropertyAccessExpression(n) && depth < 3) {
      for (const v of memberValues(n)) {
        const hit = Node.isIdentifier(v) || Node.isPropertyAccessExpression(v) ? this.trackedOf(v, depth + 1) : this.tracked.get(declarationKey(v));
        if (hit) return hit;
      }
      return undefined;
    }
    if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee) && CHAINABLE.has(callee.getName())) return this.trackedOf(callee.getExpression());
      const returned = depth < 3 ? returnedByFactory(n) : undefined;
      if (returned) return this.trackedOf(returned, depth + 1);
    }
    return undefined;
  }

  scanFile(sf: SourceFile, koaFile: boolean): void {
    // Only calls of a registering method (or a computed one) do anything below: only those are wrapped.
    const registering = (n: ts.Node): boolean => {
      const callee = (n as ts.CallExpression).expression;
      if (ts.isElementAccessExpression(callee)) return true;
      return ts.isPropertyAccessExpression(callee) && (ROUTER_CALLS.has(callee.name.text) || APP_CALLS.has(callee.name.text));
    };
    for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, registering)) {
      const callee = call.getExpression();
      const loop = this.instanceLoop(call);
      if (loop === null) continue;
      for (const [i, env] of (loop?.envs ?? [EMPTY_ENV]).entries()) {
        this.env = env;
        const key = this.orderKey(call, loop ? { at: loop.at, index: i } : null);
        if (Node.isPropertyAccessExpression(callee)) {
          const name = callee.getName();
          if (!ROUTER_CALLS.has(name) && !APP_CALLS.has(name)) continue;
          const t = this.trackedOf(callee.getExpression());
          if (t) this.registration(call, name, callee.getNameNode(), t, sf, key);
          else if (koaFile && i === 0) this.untracked(call, name, callee.getExpression());
        } else if (Node.isElementAccessExpression(callee)) {
          const t = this.trackedOf(callee.getExpression());
          if (t && !t.isApp) this.registration(call, null, callee.getArgumentExpressionOrThrow(), t, sf, key);
        }
      }
      this.env = EMPTY_ENV;
    }
    const assigningMember = (n: ts.Node): boolean => {
      const b = n as ts.BinaryExpression;
      return b.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(b.left);
    };
    for (const bin of wrappedOfKind<BinaryExpression>(sf, SyntaxKind.BinaryExpression, assigningMember)) this.assignment(bin);
  }

  /**
   * A call inside `routes.forEach((route) => …)` / `for (const route of routes)` that uses the
   * loop variable and iterates route instances: one binding per instance (undefined when the
   * call is not in such a loop; literal route tables are koa-loops.ts's). Null after reporting
   * a loop over instances the scan cannot follow, when the call registers on `route.router`.
   */
  private instanceLoop(call: CallExpression): { envs: Env[]; at: Node } | undefined | null {
    const loop = enclosingLoop(call);
    if (!loop) return undefined;
    const variable = loop.variable;
    const usesVariable = call.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getSymbol()?.getDeclarations()[0] === variable);
    if (!usesVariable) return undefined;
    const instances = instancesOf(loop.iterated, [...new Set([call.getSourceFile(), ...this.files])]);
    if (!instances) return undefined;
    return { envs: instances.map((cls) => new Map([[variable.compilerNode, cls]])), at: loop.loop };
  }

  /**
   * Where a registration runs: its position, inside a class the positions of the constructor's
   * `this.method()` calls that lead to it (classOrder), and inside a loop over instances the
   * loop's position, the iteration, then its own position.
   */
  private orderKey(call: CallExpression, loop: { at: Node; index: number } | null): number[] {
    const pos = call.getExpression().getEnd();
    const cls = classOfThis(call);
    let key = [pos];
    if (cls) {
      if (!this.order.has(cls)) this.order.set(cls, classOrder(cls));
      // The last position is the call's own: its method name, so `r.get(a).post(b)` keeps its order.
      const chain = this.order.get(cls)!.get(call.compilerNode);
      if (chain) key = [...chain.slice(0, -1), pos];
    }
    if (!loop) return key;
    return [...key.slice(0, -1), loop.at.getStart(), loop.index, key[key.length - 1]!];
  }

  /** `router.get('/x', h)` on something the scan cannot trace to a router: say so. */
  private untracked(call: CallExpression, name: string, receiver: Node): void {
    if (!KOA_ROUTE_METHODS.has(name) && name !== 'use') return;
    const args = call.getArguments();
    const pathIndex = args.length >= 3 && isPathValue(args[1]) ? 1 : 0;
    const path = literalValue(args[pathIndex]);
    if (typeof path !== 'string' || !path.startsWith('/') || !args.slice(pathIndex + 1).some(looksLikeHandler)) return;
    const root = bare(receiver);
    // An HTTP client (`axios.get('/x', ...)`) is a package; anything else could be a router.
    if (Node.isIdentifier(root) && resolveIdentifier(root).kind === 'package') return;
    this.ctx.report(
      'warning',
      call,
      `\`${name.toUpperCase()} ${path}\` is registered on \`${receiver.getText()}\`, which the scan cannot trace to a router created with \`new Router()\`; it is not migrated`,
      'koa/untracked-router',
    );
  }

  /** Conditions of the registration being read (see registrationConditions). */
  private conditions: RegistrationCondition[] = [];

  private push(t: Tracked, key: number[], layer: LayerModel): void {
    if (this.conditions.length) layer.conditions = this.conditions;
    this.pending.push({ t, key, seq: this.seq++, layer });
  }

  private registration(call: CallExpression, name: string | null, nameNode: Node, t: Tracked, sf: SourceFile, key: number[]): void {
    const { ctx } = this;
    // `app.listen()`, in any file, and `http.createServer(app.callback())`, whose server's
    // listen starts the app: their files get a listen guard. A listen inside a class method
    // runs when the method is called, not on import.
    if (t.isApp && (name === 'listen' || name === 'callback')) {
      if (classOfThis(call)) return;
      (t.model as AppModel).listenCalls.push(ctx.loc(call));
      return;
    }
    if (t.isApp && name === 'on') {
      const [event, listener] = call.getArguments();
      if (literalValue(event) === 'error' && listener) (t.model as AppModel).errorListeners.push(this.describe(listener, 'errorListener'));
      return;
    }
    if (name !== null && !(t.isApp ? APP_CALLS : ROUTER_CALLS).has(name)) return;
    if (sf !== t.sf) {
      ctx.report('warning', call, `\`${call.getExpression().getText()}\` is called outside the file that creates \`${t.model.id.split('#')[1]}\`, so the scan cannot tell its order; it is not migrated`, 'koa/cross-file-registration');
      return;
    }
    if (!t.isApp && (name === 'redirect' || name === 'register' || name === 'on')) {
      ctx.report('warning', call, `\`router.${name}()\` is not migrated; register the route with a handler instead`, 'koa/unsupported-registration');
      return;
    }

    // A loop over route instances was unrolled by scanFile (env); a literal route table is unrolled here.
    const loop = this.env === EMPTY_ENV ? loopIterations(call) : null;
    if (loop && 'reason' in loop) {
      ctx.report('warning', call, `routes registered in a loop are not migrated: ${loop.reason}`, 'koa/dynamic-route-table');
      return;
    }
    const callee = call.getExpression();
    const receiver = Node.isPropertyAccessExpression(callee) || Node.isElementAccessExpression(callee) ? callee.getExpression() : callee;
    // In `router.get(a).post(b)` both calls start at `router`: locate each at its method name.
    const outer = call.getParent();
    const chained = Node.isCallExpression(bare(receiver)) || (Node.isPropertyAccessExpression(outer) && Node.isCallExpression(outer.getParent()));
    const iterations: Array<Iteration | null> = loop ? loop.iterations : [null];
    this.conditions = registrationConditions(call, ctx);
    iterations.forEach((it, sub) => {
      let method = name;
      if (method === null) {
        const value = literalValue(it ? (evaluate(nameNode, it) ?? undefined) : nameNode);
        if (typeof value !== 'string' || !KOA_ROUTE_METHODS.has(value)) {
          if (this.reported.has(call)) return;
          this.reported.add(call);
          ctx.report('warning', call, `computed method \`${call.getExpression().getText()}\`: the route is registered at run time and is not migrated`, 'koa/computed-method');
          return;
        }
        method = value;
      }
      const args = this.arguments(call, it);
      if (!args) return;
      const at = it ? it.row : chained ? nameNode : call;
      const k = [...key, sub];
      if (method === 'use') this.use(t, args, k);
      else if (method === 'param') this.param(t, args, at, k);
      else if (method === 'prefix') this.prefix(t, args, at);
      else this.route(t, method, args, at, k);
    });
  }

  /** The call's arguments in one iteration, spreads of literal arrays flattened. */
  private arguments(call: CallExpression, it: Iteration | null): Node[] | null {
    const out: Node[] = [];
    for (const arg of call.getArguments()) {
      const spread = Node.isSpreadElement(arg);
      const expr = spread ? arg.getExpression() : arg;
      const value = it ? evaluate(expr, it) : expr;
      if (!value) {
        // Once per argument, not once per row of the table.
        if (this.reported.has(arg)) return null;
        this.reported.add(arg);
        this.ctx.report('warning', arg, `\`${arg.getText()}\` depends on the loop in a way the scan cannot read; the registration is not migrated`, 'koa/dynamic-route-table');
        return null;
      }
      if (!spread) {
        out.push(value);
        continue;
      }
      const elements = arrayElements(value) ?? arrayFromConst(value);
      if (!elements || elements.some((e) => Node.isSpreadElement(e))) {
        if (this.reported.has(arg)) return null;
        this.reported.add(arg);
        this.ctx.report('warning', arg, `spread \`${arg.getText()}\` is not an array literal; the registration is not migrated`, 'koa/dynamic-arguments');
        return null;
      }
      out.push(...elements);
    }
    return out;
  }

  /** A handler or middleware: a pure package factory call, else whatever describeHandler says. */
  private describe(expr: Node, suggested: string): HandlerModel {
    const h = describeHandler(expr, suggested, this.ctx);
    const pure = h.source.kind === 'extract' ? pureFactoryCall(bare(expr)) : null;
    return pure ? { ...h, source: pure, arity: null } : h;
  }

  /** Paths of a route or `use`: one string, an array of strings, or null after reporting why. */
  private paths(node: Node, what: string): string[] | null {
    if (Node.isRegularExpressionLiteral(bare(node))) {
      this.ctx.report('warning', node, `${what} uses a regular expression path, which API Gateway cannot express; it is not migrated`, 'koa/regex-path');
      return null;
    }
    const v = literalValue(node);
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string')) return v as string[];
    this.ctx.report('warning', node, `${what} has a path built at run time (\`${node.getText()}\`); it is not migrated`, 'koa/dynamic-path');
    return null;
  }

  private route(t: Tracked, rawMethod: string, args: Node[], at: Node, key: number[]): void {
    const method = rawMethod === 'del' ? 'delete' : rawMethod;
    // `router.get('name', '/path', ...)`: a named route when the second argument is a path too.
    const named = args.length >= 2 && isPathValue(args[1]);
    const routeName = named ? literalValue(args[0]) : undefined;
    if (named && typeof routeName !== 'string') {
      this.ctx.report('warning', args[0]!, 'route name is not a string literal; the route is not migrated', 'koa/dynamic-name');
      return;
    }
    const pathArg = named ? args[1] : args[0];
    if (!pathArg) return;
    const what = `\`${method.toUpperCase()}\` route`;
    // A regex alone (@koa/router throws on an array holding one, as path-to-regexp 8 reads every element).
    const paths: RoutePath[] | null = Node.isRegularExpressionLiteral(bare(pathArg)) ? regexRoutePaths(pathArg, this.ctx, what, 'koa/regex-path', () => null) : this.paths(pathArg, what);
    if (!paths) return;
    const rest = args.slice(named ? 2 : 1);
    const loc = this.ctx.loc(at);
    if (!paths.length) return;
    // One handler for every path of an array: an inline one is extracted once, under the first path's name.
    const base = `${routeIdentifier(method, namingPath(paths[0]!))}Handler`;
    // Numbered only on a real collision (the extraction's uniqueName), not by position.
    const handlers = rest.map((a) => this.describe(a, base));
    for (const p of paths) {
      this.push(t, key, { kind: 'route', method, ...routePathFields(p), ...(typeof routeName === 'string' ? { name: routeName } : {}), handlers, loc });
    }
  }

  private use(t: Tracked, args: Node[], key: number[]): void {
    let rest = args;
    let paths: Array<string | null> = [null];
    if (!t.isApp && args[0] && (isPathValue(args[0]) || Array.isArray(literalValue(args[0])))) {
      const p = this.paths(args[0], '`use()`');
      if (!p) return;
      paths = p;
      rest = args.slice(1);
    }
    for (const p of paths) {
      for (const arg of rest.flatMap((a) => this.composed(a))) {
        const loc = this.ctx.loc(arg);
        const call = this.routerCall(arg);
        if (call) {
          if (call.kind === 'mount') this.push(t, key, { kind: 'mount', path: p, routerId: call.router.model.id, loc });
          else this.push(t, key, { kind: 'use', path: p, handlers: [], loc, allowedMethods: call.allowedMethods });
          continue;
        }
        if (this.untracedRouter(arg)) continue;
        const suggested = isErrorMiddleware(bare(arg)) ? 'errorMiddleware' : `${p ? routeIdentifier('use', p) : 'use'}Middleware`;
        const handler = this.describe(arg, suggested);
        if (t.isApp) {
          const routing = pathRoutingIn(bare(arg));
          const app = t.model as AppModel;
          if (routing) (app.routesInMiddleware ??= []).push(this.ctx.loc(routing));
        }
        this.push(t, key, { kind: 'use', path: p, handlers: [handler], loc: handler.loc });
      }
    }
  }

  /** `compose([a, b])` from koa-compose runs a then b: the same as two `use` calls. */
  private composed(arg: Node): Node[] {
    const n = bare(arg);
    if (!Node.isCallExpression(n)) return [arg];
    const callee = n.getExpression();
    const [list, extra] = n.getArguments();
    if (!Node.isIdentifier(callee) || !list || extra) return [arg];
    const b = resolveIdentifier(callee);
    if (b.kind !== 'package' || b.specifier !== 'koa-compose') return [arg];
    const elements = arrayElements(list);
    if (!elements || elements.some((e) => Node.isSpreadElement(e))) return [arg];
    return elements.flatMap((e) => this.composed(e));
  }

  /** `router.routes()` / `.middleware()` (a mount) or `router.allowedMethods(opts)` of a tracked router. */
  private routerCall(arg: Node, depth = 0): { kind: 'mount'; router: Tracked } | { kind: 'allowed'; allowedMethods: AllowedMethodsModel } | null {
    const n = bare(arg);
    if (Node.isIdentifier(n) && depth < 3) {
      // `const routes = router.routes(); app.use(routes);`
      const b = resolveIdentifier(n);
      const init = (b.kind === 'top-level' || b.kind === 'local') && Node.isVariableDeclaration(b.decl) ? b.decl.getInitializer() : undefined;
      return init && Node.isCallExpression(bare(init)) ? this.routerCall(init, depth + 1) : null;
    }
    if (!Node.isCallExpression(n)) return null;
    const callee = n.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return null;
    const method = callee.getName();
    if (method !== 'routes' && method !== 'middleware' && method !== 'allowedMethods') return null;
    const router = this.trackedOf(callee.getExpression());
    if (!router || router.isApp) return null;
    if (method !== 'allowedMethods') return { kind: 'mount', router };
    const [optsArg] = n.getArguments();
    const opts = optsArg ? literalValue(optsArg) : {};
    if (opts === UNKNOWN || !opts || typeof opts !== 'object' || Array.isArray(opts)) {
      this.ctx.report('warning', optsArg ?? n, '`allowedMethods()` options are not literal values; generated functions use the defaults', 'koa/allowed-methods-options');
      return { kind: 'allowed', allowedMethods: { routerId: router.model.id, options: {} } };
    }
    return { kind: 'allowed', allowedMethods: { routerId: router.model.id, options: { ...opts } } };
  }

  /** `something.routes()` on a router the scan did not find: reported, and left out. */
  private untracedRouter(arg: Node): boolean {
    const n = bare(arg);
    if (!Node.isCallExpression(n)) return false;
    const callee = n.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !['routes', 'allowedMethods'].includes(callee.getName()) || n.getArguments().length > 1) return false;
    if (callee.getName() === 'routes') {
      this.ctx.report('warning', n, `\`${n.getText()}\` is a router the scan cannot trace to \`new Router()\`; its routes are not migrated`, 'koa/untracked-router');
    }
    return true;
  }

  private param(t: Tracked, args: Node[], at: Node, key: number[]): void {
    const [nameArg, fn] = args;
    const name = literalValue(nameArg);
    if (typeof name !== 'string' || !fn) {
      this.ctx.report('warning', at, '`param()` with a name that is not a string literal is not migrated', 'koa/dynamic-param');
      return;
    }
    this.push(t, key, { kind: 'param', name, handler: this.describe(fn, `${name}Param`), loc: this.ctx.loc(at) });
  }

  private prefix(t: Tracked, args: Node[], at: Node): void {
    const value = literalValue(args[0]);
    if (typeof value !== 'string') {
      this.ctx.report('warning', at, '`router.prefix()` with a prefix built at run time: the routes are planned without it', 'koa/dynamic-prefix');
      return;
    }
    // `prefix()` drops one trailing slash and replaces any earlier prefix.
    t.model.options.prefix = value.replace(/\/$/, '');
  }

  /**
   * `app.context.db = db`: each generated function builds its own app, so it re-assigns the
   * same binding (imported, or exported by a rewrite) when the value is one; any other value
   * (a call, an inline function, a binding inside a function) would be a second evaluation or
   * unreachable, so the app's routes stay with the whole-app function, with the reason.
   */
  private contextExtension(app: AppModel, target: ContextExtension['target'], name: string, bin: BinaryExpression): void {
    const right = bare(bin.getRight());
    const value = Node.isIdentifier(right) || Node.isPropertyAccessExpression(right) ? this.describe(right, name) : null;
    const conditional = registrationConditions(bin, this.ctx).length > 0;
    if (value && !conditional && (value.source.kind === 'import' || value.source.kind === 'export')) {
      (app.contextExtensions ??= []).push({ target, name, value });
      return;
    }
    const reason = conditional
      ? 'assigned under a condition'
      : value?.source.kind === 'unsupported'
        ? value.source.reason
        : 'computed where it is assigned; a generated function would compute another one';
    (app.uncarried ??= []).push({ loc: this.ctx.loc(bin), what: `\`${bin.getLeft().getText()}\` value (${reason})` });
  }

  /** `app.proxy = true`, `app.keys = [...]`, `app.context.db = db`. */
  private assignment(bin: BinaryExpression): void {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return;
    const left = bin.getLeft();
    if (!Node.isPropertyAccessExpression(left)) return;
    const target = left.getExpression();
    if (Node.isPropertyAccessExpression(target) && ['context', 'request', 'response'].includes(target.getName())) {
      const owner = this.trackedOf(target.getExpression());
      if (owner?.isApp) this.contextExtension(owner.model as AppModel, target.getName() as ContextExtension['target'], left.getName(), bin);
      return;
    }
    const t = this.trackedOf(target);
    if (!t?.isApp) return;
    const field = left.getName();
    const app = t.model as AppModel;
    if (!APP_FIELDS.has(field)) {
      const severity = field === 'onerror' ? 'warning' : 'info';
      this.ctx.report(severity, bin, `\`${left.getText()}\` is not copied to generated functions`, 'koa/app-field');
      return;
    }
    const value = literalValue(bin.getRight());
    if (value !== UNKNOWN) {
      setSetting(app, field, value, registrationConditions(bin, this.ctx), this.ctx.loc(bin));
      return;
    }
    // Koa reads NODE_ENV itself.
    if (field === 'env' && /process\.env\.NODE_ENV/.test(bin.getRight().getText())) return;
    this.ctx.report(field === 'env' ? 'info' : 'warning', bin, `\`${left.getText()}\` is not a literal value; generated functions use Koa's default`, 'koa/dynamic-setting');
  }

  finish(): { apps: AppModel[]; routers: RouterModel[] } {
    this.pending.sort((a, b) => compareKeys(a.key, b.key) || a.seq - b.seq);
    for (const p of this.pending) p.t.model.layers.push(p.layer);
    // A chained creation (`new Koa().use(a)`) is tracked under two keys: one model.
    const all = [...new Set(this.tracked.values())];
    const apps = all.filter((t) => t.isApp).map((t) => t.model as AppModel);
    for (const app of apps) {
      // An app with middleware but no router answers every path from middleware.
      const hasRouter = app.layers.some((l) => l.kind === 'mount');
      const hasMiddleware = app.layers.some((l) => l.kind === 'use' && !l.allowedMethods);
      if (!hasRouter && hasMiddleware && !app.routesInMiddleware?.length) app.routesInMiddleware = [app.loc];
    }
    return { apps, routers: all.filter((t) => !t.isApp).map((t) => t.model) };
  }
}

/** Elements of a `const` array literal an identifier is bound to. */
function arrayFromConst(node: Node): Node[] | null {
  const n = bare(node);
  if (!Node.isIdentifier(n)) return null;
  const decl = n.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isVariableDeclaration(decl) || decl.getVariableStatement()?.getDeclarationKind() !== 'const') return null;
  const init = decl.getInitializer();
  return init ? arrayElements(init) : null;
}
