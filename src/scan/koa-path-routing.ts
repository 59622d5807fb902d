/**
 * Koa apps that route inside middleware instead of with a router:
 *
 *     app.use(async (ctx, next) => {
 *       if (ctx.path === '/health') { ctx.body = 'ok'; return; }
 *       if (ctx.method === 'POST' && ctx.path.startsWith('/items/')) { ... }
 *       await next();
 *     });
 *
 * Per-route functions cannot serve the paths such middleware answers (API Gateway never sends
 * them), so the planner reports these apps unless the whole app is migrated as one function.
 */
import { Node, SyntaxKind } from 'ts-morph';
import { resolveIdentifier } from './resolve';

/** Packages whose middleware routes by path (`route.get('/x', fn)`, `mount('/x', app)`). */
const ROUTING_PACKAGES = new Set(['koa-route', 'koa-mount', 'koa-path-match', 'koa-better-router']);

/** Request properties that say which path or method was asked for. */
const PATH_PROPS = new Set(['path', 'url', 'originalUrl', 'method']);
const STRING_TESTS = new Set(['startsWith', 'endsWith', 'includes', 'match', 'matchAll', 'split', 'indexOf', 'search']);
const REGEX_TESTS = new Set(['test', 'exec']);
const COMPARISONS = new Set([
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
]);

/** The function a middleware expression refers to: inline, or a declaration it names. */
function functionOf(expr: Node): Node | null {
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr) || Node.isFunctionDeclaration(expr)) return expr;
  if (Node.isIdentifier(expr)) {
    const b = resolveIdentifier(expr);
    if (b.kind !== 'top-level' && b.kind !== 'local') return null;
    if (Node.isFunctionDeclaration(b.decl)) return b.decl;
    if (Node.isVariableDeclaration(b.decl)) {
      const init = b.decl.getInitializer();
      return init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) ? init : null;
    }
  }
  return null;
}

/** `ctx.path`, `ctx.request.path`, `ctx.req.url`, or a name destructured from them. */
function readsRequestPath(node: Node, ctxName: string, aliases: Set<string>): boolean {
  if (Node.isIdentifier(node)) return aliases.has(node.getText());
  if (!Node.isPropertyAccessExpression(node) || !PATH_PROPS.has(node.getName())) return false;
  const obj = node.getExpression();
  if (Node.isIdentifier(obj)) return obj.getText() === ctxName;
  return (
    Node.isPropertyAccessExpression(obj) &&
    ['request', 'req'].includes(obj.getName()) &&
    Node.isIdentifier(obj.getExpression()) &&
    obj.getExpression().getText() === ctxName
  );
}

/** Whether a read of the path is used to decide something (compared, switched on, tested). */
function decides(read: Node): boolean {
  let n: Node = read;
  while (n.getParent() && Node.isParenthesizedExpression(n.getParentOrThrow())) n = n.getParentOrThrow();
  const parent = n.getParent();
  if (!parent) return false;
  if (Node.isBinaryExpression(parent)) return COMPARISONS.has(parent.getOperatorToken().getKind());
  if (Node.isSwitchStatement(parent)) return parent.getExpression() === n;
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === n) return STRING_TESTS.has(parent.getName());
  if (Node.isCallExpression(parent) && parent.getArguments().includes(n)) {
    const callee = parent.getExpression();
    return Node.isPropertyAccessExpression(callee) && REGEX_TESTS.has(callee.getName());
  }
  return false;
}

/**
 * Where a middleware decides what to answer by the request path or method: the first such
 * comparison in its body, the call of a path-routing package, or null.
 */
export function pathRoutingIn(expr: Node): Node | null {
  if (Node.isCallExpression(expr)) {
    let root: Node = expr.getExpression();
    while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
    if (!Node.isIdentifier(root)) return null;
    const b = resolveIdentifier(root);
    return b.kind === 'package' && ROUTING_PACKAGES.has(b.specifier) ? expr : null;
  }
  const fn = functionOf(expr);
  if (!fn || !(Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn))) return null;
  const ctxParam = fn.getParameters()[0];
  if (!ctxParam || !Node.isIdentifier(ctxParam.getNameNode())) return null;
  const ctxName = ctxParam.getName();
  // `const { path, method } = ctx;`
  const aliases = new Set<string>();
  for (const decl of fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const init = decl.getInitializer();
    const pattern = decl.getNameNode();
    if (!init || !Node.isObjectBindingPattern(pattern)) continue;
    const fromCtx = (Node.isIdentifier(init) && init.getText() === ctxName) || readsRequestObject(init, ctxName);
    if (!fromCtx) continue;
    for (const el of pattern.getElements()) {
      if (PATH_PROPS.has(el.getPropertyNameNode()?.getText() ?? el.getName())) aliases.add(el.getName());
    }
  }
  for (const node of fn.getDescendants()) {
    if (!Node.isPropertyAccessExpression(node) && !Node.isIdentifier(node)) continue;
    if (Node.isIdentifier(node) && (!aliases.size || isDeclarationName(node))) continue;
    if (readsRequestPath(node, ctxName, aliases) && decides(node)) return node;
  }
  return null;
}

function readsRequestObject(node: Node, ctxName: string): boolean {
  return (
    Node.isPropertyAccessExpression(node) &&
    ['request', 'req'].includes(node.getName()) &&
    Node.isIdentifier(node.getExpression()) &&
    node.getExpression().getText() === ctxName
  );
}

function isDeclarationName(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  return Node.isBindingElement(parent) || Node.isVariableDeclaration(parent) || Node.isParameterDeclaration(parent);
}
