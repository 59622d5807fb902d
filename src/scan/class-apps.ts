import { ClassDeclaration, Node, type NewExpression, SourceFile, SyntaxKind } from 'ts-morph';
import { wrappedOfKind } from './descendants';
import { resolveIdentifier } from './resolve';

/**
 * Class-based apps and routers, the shape of the popular TypeScript starters:
 *
 *     class App {
 *       public app = express();
 *       constructor(routes: Routes[]) { this.initializeRoutes(routes); }
 *       private initializeRoutes(routes: Routes[]) { routes.forEach((r) => this.app.use('/', r.router)); }
 *     }
 *     new App([new UsersRoute(), new AuthRoute()]).listen();
 *
 * Fields (`this.app`, `this.router`, `this.path`) are keyed by their declaration; loops over
 * arrays of route instances are followed to the classes they hold (through constructor and
 * method parameters), so a registration inside the loop is read once per instance.
 */

/** Loop variable declaration → the class its current element is an instance of. */
export type Env = ReadonlyMap<Node['compilerNode'], ClassDeclaration>;

export const EMPTY_ENV: Env = new Map();

/** The class a `this` belongs to (arrow functions see through; other functions have their own `this`). */
export function classOfThis(node: Node): ClassDeclaration | undefined {
  for (let n = node.getParent(); n; n = n.getParent()) {
    if (Node.isClassDeclaration(n)) return n;
    if (Node.isFunctionDeclaration(n) || Node.isFunctionExpression(n) || Node.isClassExpression(n)) return undefined;
  }
  return undefined;
}

/**
 * The node a class field is keyed by: its property declaration, or, when the class only
 * assigns it (`this.app = express()` in JavaScript), the first such assignment.
 */
export function fieldKey(cls: ClassDeclaration, name: string): Node | undefined {
  const prop = cls.getInstanceProperty(name);
  if (prop && (Node.isPropertyDeclaration(prop) || Node.isParameterDeclaration(prop))) return prop;
  return fieldAssignments(cls, name)[0];
}

/** `this.name = value` assignments inside the class (not in nested classes or functions). */
export function fieldAssignments(cls: ClassDeclaration, name: string): Node[] {
  const out: Node[] = [];
  for (const bin of cls.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (bin.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    const left = bin.getLeft();
    if (Node.isPropertyAccessExpression(left) && left.getExpression().getKind() === SyntaxKind.ThisKeyword && left.getName() === name && classOfThis(left) === cls) {
      out.push(bin);
    }
  }
  return out;
}

/** The value a field holds when it is given exactly once (initializer or a single assignment). */
export function fieldValue(cls: ClassDeclaration, name: string): Node | undefined {
  const prop = cls.getInstanceProperty(name);
  const init = prop && Node.isPropertyDeclaration(prop) ? prop.getInitializer() : undefined;
  const assigned = fieldAssignments(cls, name);
  if (init && !assigned.length) return init;
  if (!init && assigned.length === 1) return (assigned[0] as import('ts-morph').BinaryExpression).getRight();
  return undefined;
}

/** `this.x` or `route.x` (loop variable bound in `env`): the class and field it reads. */
export function memberOfInstance(node: Node, env: Env): { cls: ClassDeclaration; name: string } | undefined {
  if (!Node.isPropertyAccessExpression(node)) return undefined;
  const obj = node.getExpression();
  if (obj.getKind() === SyntaxKind.ThisKeyword) {
    const cls = classOfThis(obj);
    return cls ? { cls, name: node.getName() } : undefined;
  }
  if (Node.isIdentifier(obj)) {
    const decl = obj.getSymbol()?.getDeclarations()[0];
    const cls = decl ? env.get(decl.compilerNode) : undefined;
    if (cls) return { cls, name: node.getName() };
  }
  return undefined;
}

/** The class `new X(...)` constructs, when X is a class declared in the project. */
export function constructedClass(node: Node | undefined): ClassDeclaration | undefined {
  if (!node || !Node.isNewExpression(node)) return undefined;
  const callee = node.getExpression();
  if (!Node.isIdentifier(callee)) return undefined;
  const b = resolveIdentifier(callee);
  return b.kind === 'top-level' && Node.isClassDeclaration(b.decl) ? b.decl : undefined;
}

/**
 * The classes of the elements an iterated expression holds, in order, or null when they
 * cannot be told. Follows array literals, `const` arrays, class fields, and parameters of
 * constructors (`new App([...])` anywhere in `files`) and methods (`this.init(routes)`).
 */
export function instancesOf(expr: Node, files: SourceFile[], depth = 0): ClassDeclaration[] | null {
  if (depth > 6) return null;
  if (Node.isParenthesizedExpression(expr) || Node.isAsExpression(expr)) return instancesOf(expr.getExpression(), files, depth + 1);
  if (Node.isArrayLiteralExpression(expr)) {
    const out: ClassDeclaration[] = [];
    for (const el of expr.getElements()) {
      const cls = constructedClass(el) ?? (Node.isIdentifier(el) ? constantInstance(el) : undefined);
      if (!cls) return null;
      out.push(cls);
    }
    return out;
  }
  if (Node.isPropertyAccessExpression(expr) && expr.getExpression().getKind() === SyntaxKind.ThisKeyword) {
    const cls = classOfThis(expr);
    const value = cls ? fieldValue(cls, expr.getName()) : undefined;
    if (value) return instancesOf(value, files, depth + 1);
    // `constructor(private routes: Routes[])`: the constructor's argument.
    const param = cls?.getConstructors()[0]?.getParameter(expr.getName());
    return param ? argumentsFor(param, files, depth) : null;
  }
  if (!Node.isIdentifier(expr)) return null;
  const decl = expr.getSymbol()?.getDeclarations()[0];
  if (!decl) return null;
  if (Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const') {
    const init = decl.getInitializer();
    return init ? instancesOf(init, files, depth + 1) : null;
  }
  if (Node.isParameterDeclaration(decl)) return argumentsFor(decl, files, depth);
  return null;
}

function constantInstance(id: Node): ClassDeclaration | undefined {
  const decl = id.getSymbol()?.getDeclarations()[0];
  return decl && Node.isVariableDeclaration(decl) ? constructedClass(decl.getInitializer()) : undefined;
}

/** What every caller passes for a parameter; all callers must agree. */
function argumentsFor(param: import('ts-morph').ParameterDeclaration, files: SourceFile[], depth: number): ClassDeclaration[] | null {
  const fn = param.getParent();
  if (!Node.isConstructorDeclaration(fn) && !Node.isMethodDeclaration(fn)) return null;
  const index = fn.getParameters().indexOf(param);
  const cls = fn.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
  if (!cls) return null;
  const args: Node[] = [];
  if (Node.isConstructorDeclaration(fn)) {
    for (const sf of files) {
      for (const ne of wrappedOfKind<NewExpression>(sf, SyntaxKind.NewExpression)) {
        if (constructedClass(ne) !== cls) continue;
        const a = ne.getArguments()[index];
        if (a) args.push(a);
      }
    }
  } else if (Node.isMethodDeclaration(fn)) {
    for (const call of cls.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword && callee.getName() === fn.getName()) {
        const a = call.getArguments()[index];
        if (a) args.push(a);
      }
    }
  }
  if (args.length !== 1) return null;
  return instancesOf(args[0]!, files, depth + 1);
}

/**
 * The loop a registration runs in: `xs.forEach((x) => …)` or `for (const x of xs)`, with the
 * loop variable's declaration and the iterated expression.
 */
export function enclosingLoop(node: Node): { variable: Node; iterated: Node; loop: Node } | undefined {
  for (let n = node.getParent(); n && !Node.isSourceFile(n); n = n.getParent()) {
    if (Node.isForOfStatement(n)) {
      const init = n.getInitializer();
      const decl = Node.isVariableDeclarationList(init) ? init.getDeclarations()[0] : undefined;
      if (decl && Node.isIdentifier(decl.getNameNode())) return { variable: decl, iterated: n.getExpression(), loop: n };
    }
    if ((Node.isArrowFunction(n) || Node.isFunctionExpression(n)) && n.getParameters().length >= 1) {
      const call = n.getParent();
      if (call && Node.isCallExpression(call) && call.getArguments()[0] === n) {
        const callee = call.getExpression();
        if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'forEach') {
          return { variable: n.getParameters()[0]!, iterated: callee.getExpression(), loop: call };
        }
      }
    }
    if (Node.isMethodDeclaration(n) || Node.isConstructorDeclaration(n) || Node.isFunctionDeclaration(n)) return undefined;
  }
  return undefined;
}

/**
 * Execution order of a call inside a class: the constructor's statements in order, each
 * `this.method(...)` call followed into that method. A registration's key is the chain of
 * positions that leads to it; registrations the constructor does not reach keep their own
 * position after every reached one.
 */
export function classOrder(cls: ClassDeclaration): Map<Node['compilerNode'], number[]> {
  const order = new Map<Node['compilerNode'], number[]>();
  const visit = (body: Node, prefix: number[], seen: Set<string>) => {
    for (const call of body.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const key = [...prefix, call.getStart()];
      if (!order.has(call.compilerNode)) order.set(call.compilerNode, key);
      const callee = call.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword) {
        const method = cls.getInstanceMethod(callee.getName());
        const name = callee.getName();
        if (method && !seen.has(name)) visit(method, key, new Set([...seen, name]));
      }
    }
  };
  const ctor = cls.getConstructors()[0];
  for (const prop of cls.getInstanceProperties()) {
    if (Node.isPropertyDeclaration(prop)) visit(prop, [0], new Set());
  }
  if (ctor) visit(ctor, [1], new Set());
  for (const call of cls.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!order.has(call.compilerNode)) order.set(call.compilerNode, [2, call.getStart()]);
  }
  return order;
}

export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
