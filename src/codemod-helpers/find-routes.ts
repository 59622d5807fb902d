/**
 * findRoutes: the Express and Koa route registrations in one file, for plain jscodeshift
 * transforms. Purely syntactic and per file: a receiver counts when this file binds it to an
 * app or router constructor from the framework's package (or the caller names it).
 */
import * as http from 'node:http';
import type { ASTPath, CallExpression, Collection, JSCodeshift } from 'jscodeshift';
import { type AnyNode, isCall, isIdentifier, isInlineFunction, memberName, stringValue, unwrap, walk } from '../../transforms/lib/ast';
import type { Binding } from '../../transforms/lib/scope';
import { FileBindings, assignmentsTo, compareNodes, dottedName, packagesIn, programOf, sourcePosition } from './imports';

export type RouteFramework = 'express' | 'koa';

export interface FoundRoute {
  /** The registration call, e.g. `router.get('/users/:id', auth, getUser)`; for `app.route('/x').get(h)` the `.get(h)` call. */
  call: ASTPath<CallExpression>;
  framework: RouteFramework;
  /**
   * The app or router the route is registered on, as written (`app`, `router`, `this.router`,
   * `api.v1`); for `app.route('/x').get(h)` and `router.get(...).post(...)` the object at the
   * start of the chain.
   */
  receiver: string;
  /** Lower-case HTTP method, or `all`; Koa's `del` alias is reported as `delete`. */
  method: string;
  /**
   * The path as written when it is a string literal or a template literal without expressions,
   * else null (variables, regular expressions, arrays). A Koa router's `prefix` and the path a
   * router is mounted at are not included.
   */
  routePath: string | null;
  /** The route name of a Koa named route, `router.get('user', '/users/:id', h)`. */
  name?: string;
  /**
   * Paths of the arguments after the path: middleware first, the route handler last. Array
   * arguments (`[auth, validate]`) are flattened to their elements; spread arguments are left
   * out, so this is empty for `app.get('/x', ...handlers)`.
   */
  handlers: ASTPath[];
  /** 1-based line and column where the call starts (where the chain starts, for chained calls). */
  line: number;
  column: number;
}

export interface FindRoutesOptions {
  /**
   * More receivers, by name (`router`) or dotted name (`api.v1`): routers this file gets from
   * elsewhere, such as another module or a function parameter. They match wherever the name is
   * bound, and are Koa routers when the file imports `koa`, `koa-router` or `@koa/router`,
   * Express routers otherwise.
   */
  receivers?: string[];
}

/** Every method Express routes (its `methods` list is Node's), plus `all`. */
const EXPRESS_METHODS: ReadonlySet<string> = new Set([...http.METHODS.map((m) => m.toLowerCase()), 'all']);
/** @koa/router and koa-router take the same list, plus the `del` alias. */
const KOA_METHODS: ReadonlySet<string> = new Set([...EXPRESS_METHODS, 'del']);
const KOA_ROUTER_PACKAGES: ReadonlySet<string> = new Set(['@koa/router', 'koa-router']);
const KOA_PACKAGES: ReadonlySet<string> = new Set(['koa', ...KOA_ROUTER_PACKAGES]);
/** Calls other than routes that return the router itself, so a chain continues through them. */
const CHAINABLE: Record<RouteFramework, ReadonlySet<string>> = {
  express: new Set(['use', 'param']),
  koa: new Set(['use', 'param', 'prefix', 'redirect']),
};

function isMethod(name: string, framework: RouteFramework): boolean {
  return (framework === 'express' ? EXPRESS_METHODS : KOA_METHODS).has(name);
}

type Receiver =
  | { kind: 'router'; framework: RouteFramework; text: string }
  | { kind: 'route'; framework: 'express'; text: string; path: string | null };

/** A second argument that makes a Koa registration a named route: the router checks for a string or RegExp. */
function isStringOrRegExp(node: AnyNode): boolean {
  const n = unwrap(node);
  if (stringValue(n) !== null || n.type === 'TemplateLiteral' || n.type === 'RegExpLiteral') return true;
  if (n.type === 'Literal' && n.regex) return true;
  return n.type === 'BinaryExpression' && n.operator === '+' && (isStringOrRegExp(n.left) || isStringOrRegExp(n.right));
}

class RouteFinder {
  private readonly routerBindings = new Map<Binding, RouteFramework | null>();
  /** Member receivers (`this.router`, `api.v1`) assigned a router somewhere in the file. */
  private readonly memberRouters = new Map<string, RouteFramework>();
  private readonly assignments: AnyNode[] = [];
  private readonly extra: Set<string>;
  private readonly extraFramework: RouteFramework;

  constructor(private readonly b: FileBindings, packages: Set<string>, receivers: string[]) {
    this.extra = new Set(receivers);
    this.extraFramework = [...packages].some((p) => KOA_PACKAGES.has(p)) ? 'koa' : 'express';
    walk(b.program, (n) => this.collect(n));
  }

  /** Records assignments, class fields and object literal properties that create a router. */
  private collect(n: AnyNode): void {
    if (n.type === 'AssignmentExpression' && n.operator === '=') {
      this.assignments.push(n);
      const target = unwrap(n.left);
      if (target.type === 'MemberExpression') this.addMember(dottedName(target), n.right);
    } else if ((n.type === 'ClassProperty' || n.type === 'PropertyDefinition') && !n.static && !n.computed && isIdentifier(n.key) && n.value) {
      this.addMember(`this.${n.key.name}`, n.value);
    } else if (n.type === 'VariableDeclarator' && isIdentifier(n.id) && n.init && unwrap(n.init).type === 'ObjectExpression') {
      // `const api = { v1: express.Router() }` → `api.v1`.
      for (const p of unwrap(n.init).properties as AnyNode[]) {
        if ((p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed && isIdentifier(p.key)) this.addMember(`${n.id.name}.${p.key.name}`, p.value);
      }
    }
  }

  private addMember(text: string | null, value: AnyNode): void {
    const framework = text === null ? null : this.created(value);
    if (text !== null && framework) this.memberRouters.set(text, framework);
  }

  /**
   * The framework of the app or router an expression creates: `express()`, `express.Router()`,
   * `Router()` / `new Router()` from express, koa-router or @koa/router (through `a = b = ...`
   * chains and TypeScript casts).
   */
  private created(node: AnyNode): RouteFramework | null {
    let n = unwrap(node);
    while (n.type === 'AssignmentExpression' && n.operator === '=') n = unwrap(n.right);
    if (!isCall(n) && n.type !== 'NewExpression') return null;
    const target = this.b.resolve(n.callee);
    if (!target) return null;
    const member = target.path.join('.');
    if (target.pkg === 'express') {
      if (member === '' && isCall(n)) return 'express';
      if (member === 'Router') return 'express';
    }
    if (KOA_ROUTER_PACKAGES.has(target.pkg) && (member === '' || member === 'Router')) return 'koa';
    return null;
  }

  /** Whether a declared name holds an app or router: its initializer, or an assignment in its scope. */
  private bindingFramework(binding: Binding): RouteFramework | null {
    if (this.routerBindings.has(binding)) return this.routerBindings.get(binding) ?? null;
    this.routerBindings.set(binding, null);
    const raw = binding.declaration;
    const decl = raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw;
    let framework: RouteFramework | null = null;
    if (decl.type === 'VariableDeclaration') {
      const d = (decl.declarations as AnyNode[]).find((x) => x.id === binding.id);
      if (d?.init) framework = this.created(d.init);
    }
    if (!framework && (binding.kind === 'let' || binding.kind === 'var')) {
      for (const a of assignmentsTo(binding, this.assignments)) {
        framework = this.created(a.right);
        if (framework) break;
      }
    }
    this.routerBindings.set(binding, framework);
    return framework;
  }

  private receiverOf(node: AnyNode): Receiver | null {
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const binding = this.b.bindingOf(n);
      const framework = binding ? this.bindingFramework(binding) : null;
      if (framework) return { kind: 'router', framework, text: n.name };
      return this.extra.has(n.name) ? { kind: 'router', framework: this.extraFramework, text: n.name } : null;
    }
    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      const text = dottedName(n);
      if (text === null) return null;
      const framework = this.memberRouters.get(text) ?? (this.extra.has(text) ? this.extraFramework : null);
      return framework ? { kind: 'router', framework, text } : null;
    }
    if (!isCall(n)) return null;
    // Chains: `app.route('/x')`, and registrations return their receiver (`router.get(...).post(...)`).
    const callee = unwrap(n.callee);
    const name = memberName(callee);
    if (name === null) return null;
    const inner = this.receiverOf(callee.object);
    if (!inner) return null;
    if (name === 'route' && inner.kind === 'router' && inner.framework === 'express') {
      return n.arguments.length === 1 ? { kind: 'route', framework: 'express', text: inner.text, path: stringValue(unwrap(n.arguments[0])) } : null;
    }
    if (isMethod(name, inner.framework)) return inner;
    return inner.kind === 'router' && CHAINABLE[inner.framework].has(name) ? inner : null;
  }

  /** Reads one call as a route registration, or null. */
  routeOf(path: ASTPath<CallExpression>): FoundRoute | null {
    const call = path.node as AnyNode;
    const callee = unwrap(call.callee);
    const method = memberName(callee);
    if (method === null) return null;
    const receiver = this.receiverOf(callee.object);
    if (!receiver || !isMethod(method, receiver.framework)) return null;
    const args: AnyNode[] = call.arguments;
    const base = {
      call: path,
      framework: receiver.framework,
      receiver: receiver.text,
      method: method === 'del' ? 'delete' : method,
      ...sourcePosition(call),
    };
    if (receiver.kind === 'route') {
      return args.length ? { ...base, routePath: receiver.path, handlers: handlerPaths(path, 0) } : null;
    }
    // A route needs a path and a handler; `app.get('env')` reads a setting.
    if (args.length < 2) return null;
    const first = unwrap(args[0]);
    if (first.type === 'SpreadElement' || isInlineFunction(first)) return null;
    const named = receiver.framework === 'koa' && args.length >= 3 && stringValue(first) !== null && isStringOrRegExp(args[1]);
    const pathIndex = named ? 1 : 0;
    const route: FoundRoute = {
      ...base,
      routePath: stringValue(unwrap(args[pathIndex])),
      handlers: handlerPaths(path, pathIndex + 1),
    };
    if (named) route.name = stringValue(first) ?? undefined;
    return route;
  }
}

/** Argument paths from `from` on, arrays flattened, spreads and holes left out. */
function handlerPaths(callPath: ASTPath<CallExpression>, from: number): ASTPath[] {
  const out: ASTPath[] = [];
  const add = (p: ASTPath): void => {
    const node = p.node as AnyNode;
    if (node.type === 'SpreadElement') return;
    if (node.type === 'ArrayExpression') {
      (node.elements as Array<AnyNode | null>).forEach((e, k) => {
        if (e) add(p.get('elements', k));
      });
    } else {
      out.push(p);
    }
  };
  for (let i = from; i < callPath.node.arguments.length; i++) add(callPath.get('arguments', i));
  return out;
}

/**
 * The Express and Koa route registrations in one file, in source order (`app.get`,
 * `router.post`, every verb of `app.route('/x').get(a).post(b)`, Koa named routes). Receivers are
 * recognised by what this file binds them to: `express()`, `express.Router()`, a named
 * `Router()` from express, `new Router()` from koa-router or @koa/router, under any local name,
 * imported or required; also `let` + later assignment, class fields and `this.x = ...`
 * assignments. Unrelated calls (`map.get('x')`, `axios.get(url)`) and names that shadow the
 * imports are not reported; shapes it does not understand are skipped, never thrown on.
 *
 * @param j the transform's `api.jscodeshift` (any parser: `tsx`, `ts`, `babel`, ...).
 * @param root the file (`j(file.source)`), or a collection inside it to search only there.
 * @param options `receivers`: routers the file gets from elsewhere, such as an imported router.
 *
 * @example
 * import type { API, FileInfo } from 'jscodeshift';
 * import { findRoutes } from 'lambdashift';
 *
 * // Wraps every route handler in `asyncHandler(...)`.
 * export default function transform(file: FileInfo, api: API) {
 *   const j = api.jscodeshift;
 *   const root = j(file.source);
 *   for (const route of findRoutes(j, root, { receivers: ['router'] })) {
 *     const handler = route.handlers[route.handlers.length - 1];
 *     if (handler) j(handler).replaceWith((p) => j.callExpression(j.identifier('asyncHandler'), [p.node]));
 *   }
 *   return root.toSource();
 * }
 */
export function findRoutes(j: JSCodeshift, root: Collection, options: FindRoutesOptions = {}): FoundRoute[] {
  const program = programOf(root);
  if (!program) return [];
  const packages = packagesIn(program);
  const receivers = options.receivers ?? [];
  if (!receivers.length && !packages.has('express') && ![...KOA_ROUTER_PACKAGES].some((p) => packages.has(p))) return [];
  let finder: RouteFinder;
  try {
    finder = new RouteFinder(new FileBindings(program), packages, receivers);
  } catch {
    return [];
  }
  const routes: FoundRoute[] = [];
  for (const path of root.find(j.CallExpression).paths()) {
    try {
      const route = finder.routeOf(path);
      if (route) routes.push(route);
    } catch {
      // An unexpected node shape: skip the call.
    }
  }
  // By the method name, so `app.route('/x').get(a).post(b)` lists `get` first (each call of a chain starts at `app`).
  const key = (r: FoundRoute): AnyNode => (unwrap(r.call.node.callee as AnyNode).property ?? r.call.node) as AnyNode;
  return routes.sort((a, b) => compareNodes(key(a), key(b)));
}
