/**
 * Finds Express and Koa route/middleware registrations in a file, for the transforms that run
 * standalone (without the scanner's positions): `app.get('/x', h)`, `router.use(mw)`,
 * `app.route('/x').get(h).post(h)`, Koa's named routes `router.get('name', '/x', h)` and
 * chained `router.get(...).post(...)`.
 */
import {
  type AnyNode, isCall, isIdentifier, memberName, requireSpecifier, stringValue, unwrap, walk,
} from './ast';
import { type ScopeAnalysis } from './scope';

export const REGISTRATION_METHODS = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'use',
]);

/** Packages whose app/router objects take registrations. */
const FRAMEWORK_PACKAGES = new Set(['express', 'koa', '@koa/router', 'koa-router']);

/** Names that, without a visible `express()` / `new Router()`, still mean an app or a router. */
const ROUTER_NAME = /^(app|router|api|routes?|server)$|(App|Router|Routes|Api)$/;

/** One handler position: an argument of the registration, or an element of an array argument. */
export interface HandlerSlot {
  node: AnyNode;
  /** The array the node sits in (call arguments or an array literal's elements). */
  container: AnyNode[];
  index: number;
}

export interface Registration {
  call: AnyNode;
  /** Lower-case method (`get`, `use`, ...). */
  method: string;
  /** The route path when it is a literal; null for `use` without a path or a computed path. */
  path: string | null;
  /** Whether a path argument was given at all (literal or not). */
  hasPath: boolean;
  /** Handler positions in order, arrays flattened. */
  handlers: HandlerSlot[];
}

/** Root identifier of a callee such as `express`, `express.Router`, `Router`. */
function calleeRoot(node: AnyNode): AnyNode | null {
  let n = unwrap(node);
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n : null;
}

/** The package a module-level name was imported or required from. */
function importedFrom(name: string, scopes: ScopeAnalysis): string | null {
  const b = scopes.module.bindings.get(name);
  if (!b) return null;
  const decl = b.declaration;
  if (decl.type === 'ImportDeclaration') return stringValue(decl.source);
  if (decl.type === 'VariableDeclaration') {
    for (const d of decl.declarations) {
      if (!d.init) continue;
      let init = unwrap(d.init);
      while (init.type === 'MemberExpression') init = unwrap(init.object); // require('x').Router
      const spec = requireSpecifier(init);
      if (spec) return spec;
    }
  }
  return null;
}

/** Whether `name` is an app or router: created by a framework factory, or named like one. */
export function isRouterName(name: string, scopes: ScopeAnalysis): boolean {
  if (ROUTER_NAME.test(name)) return true;
  const b = scopes.module.bindings.get(name);
  if (!b || b.declaration.type !== 'VariableDeclaration') return false;
  for (const d of b.declaration.declarations) {
    if (!isIdentifier(d.id, name) || !d.init) continue;
    const init = unwrap(d.init);
    if (init.type !== 'CallExpression' && init.type !== 'NewExpression') continue;
    const root = calleeRoot(init.callee);
    if (root && FRAMEWORK_PACKAGES.has(importedFrom(root.name, scopes) ?? '')) return true;
  }
  return false;
}

type Receiver = { kind: 'router' } | { kind: 'route'; path: string | null };

/** What a registration's receiver is: an app/router (path argument first) or an `app.route(path)`. */
function receiverOf(node: AnyNode, scopes: ScopeAnalysis): Receiver | null {
  const n = unwrap(node);
  if (n.type === 'Identifier') return isRouterName(n.name, scopes) ? { kind: 'router' } : null;
  if (!isCall(n)) return null;
  const name = memberName(n.callee);
  if (!name) return null;
  if (name === 'route' && n.arguments.length === 1) {
    const inner = receiverOf(n.callee.object, scopes);
    return inner?.kind === 'router' ? { kind: 'route', path: stringValue(n.arguments[0]) } : null;
  }
  // `router.get(...).post(...)`: Express and Koa registrations return their receiver.
  if (REGISTRATION_METHODS.has(name.toLowerCase())) return receiverOf(n.callee.object, scopes);
  return null;
}

function isPathArgument(node: AnyNode | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (stringValue(n) !== null || n.type === 'TemplateLiteral' || n.type === 'RegExpLiteral') return true;
  if (n.type === 'Literal' && (n as AnyNode).regex) return true;
  if (n.type === 'ArrayExpression') return n.elements.length > 0 && n.elements.every((e: AnyNode | null) => e && isPathArgument(e));
  return false;
}

function slotsOf(args: AnyNode[], from: number): HandlerSlot[] {
  const slots: HandlerSlot[] = [];
  for (let i = from; i < args.length; i++) {
    const arg = args[i];
    if (arg.type === 'ArrayExpression') {
      arg.elements.forEach((e: AnyNode | null, k: number) => {
        if (e && e.type !== 'SpreadElement') slots.push({ node: e, container: arg.elements, index: k });
      });
    } else if (arg.type !== 'SpreadElement') {
      slots.push({ node: arg, container: args, index: i });
    }
  }
  return slots;
}

/** Reads one call as a registration, or returns null. */
export function asRegistration(call: AnyNode, scopes: ScopeAnalysis): Registration | null {
  if (!isCall(call)) return null;
  const name = memberName(call.callee);
  if (!name || !REGISTRATION_METHODS.has(name)) return null;
  const receiver = receiverOf(call.callee.object, scopes);
  if (!receiver) return null;
  const args: AnyNode[] = call.arguments;
  if (receiver.kind === 'route') {
    return { call, method: name, path: receiver.path, hasPath: true, handlers: slotsOf(args, 0) };
  }
  if (name === 'use') {
    const hasPath = isPathArgument(args[0]);
    return { call, method: name, path: hasPath ? stringValue(unwrap(args[0])) : null, hasPath, handlers: slotsOf(args, hasPath ? 1 : 0) };
  }
  // `app.get('setting')` reads a setting; a route needs a path and at least one handler.
  if (args.length < 2 || args[0].type === 'SpreadElement') return null;
  // Koa named routes: `router.get('user', '/users/:id', handler)`.
  const named = args.length >= 3 && stringValue(args[0]) !== null && isPathArgument(args[1]);
  const pathArg = named ? args[1] : args[0];
  return { call, method: name, path: stringValue(unwrap(pathArg)), hasPath: true, handlers: slotsOf(args, named ? 2 : 1) };
}

/** Every registration in the file, in source order. */
export function findRegistrations(program: AnyNode, scopes: ScopeAnalysis): Registration[] {
  const out: Registration[] = [];
  walk(program, (n) => {
    const r = asRegistration(n, scopes);
    if (r) out.push(r);
  });
  // By the method name's position, so `app.route('/x').get(a).post(b)` lists `get` first.
  return out.sort((a, b) => a.call.callee.property.start - b.call.callee.property.start);
}

/**
 * Calls passed to `use` that are not middleware instances worth extracting: mounting a router
 * (`require('./routes')`, Koa's `router.routes()` / `allowedMethods()`).
 */
export function isMountCall(node: AnyNode): boolean {
  const n = unwrap(node);
  if (!isCall(n)) return false;
  if (isIdentifier(n.callee, 'require')) return true;
  const name = memberName(n.callee);
  return name === 'routes' || name === 'allowedMethods' || name === 'middleware';
}
