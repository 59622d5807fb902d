/**
 * Route tables registered in a loop, unrolled when the table is statically known:
 *
 *     const routes = [
 *       { method: 'get', path: '/items', handler: listItems },
 *       { method: 'post', path: '/items', middleware: [auth], handler: createItem },
 *     ];
 *     for (const r of routes) router[r.method](r.path, ...(r.middleware ?? []), r.handler);
 *     for (const { method, path, handler } of routes) router[method](path, handler);
 *     routes.forEach(([method, path, handler]) => router[method](path, handler));  // tuple rows
 *
 * Each iteration maps the loop's variables to the nodes of the table they stand for, so the
 * registration can be read as if it had been written out once per row. Nested loops multiply.
 * A loop over anything else (`Object.entries(...)`, a value built at run time, a classic
 * `for (;;)`) is left to the caller to report.
 */
import { CallExpression, Node, SyntaxKind } from 'ts-morph';

/** One iteration: loop variable → the table node it stands for (null: not decomposable). */
export interface Iteration {
  values: Map<string, Node | null>;
  /** The innermost table row, for locations. */
  row: Node;
}

export type LoopResult = { iterations: Iteration[] } | { reason: string };

const MAX_ITERATIONS = 500;
/** A property a table row does not have (`r.middleware` on a row without one). */
const MISSING = Symbol('missing');
type Value = Node | null | typeof MISSING;

/** The array literal an expression statically stands for, after following `const` bindings. */
function arrayLiteral(node: Node | null): Node[] | null {
  let n: Node | null | undefined = node;
  for (let depth = 0; n && depth < 6; depth++) {
    if (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
    else if (Node.isArrayLiteralExpression(n)) return n.getElements();
    else if (Node.isIdentifier(n)) {
      const decl: Node | undefined = n.getSymbol()?.getDeclarations()[0];
      if (!decl || !Node.isVariableDeclaration(decl) || decl.getVariableStatement()?.getDeclarationKind() !== 'const') return null;
      n = decl.getInitializer();
    } else return null;
  }
  return null;
}

/** A property of an object literal (or an element of an array literal) as a node. */
function member(container: Value, key: string | number): Value {
  if (!container || container === MISSING) return null;
  if (Node.isArrayLiteralExpression(container) && typeof key === 'number') return container.getElements()[key] ?? null;
  if (!Node.isObjectLiteralExpression(container)) {
    const elements = typeof key === 'number' ? arrayLiteral(container) : null;
    return elements?.[key as number] ?? null;
  }
  const prop = container.getProperty(String(key));
  if (!prop) return container.getProperties().every((p) => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) ? MISSING : null;
  if (Node.isPropertyAssignment(prop)) return prop.getInitializer() ?? null;
  if (Node.isShorthandPropertyAssignment(prop)) return shorthandValue(prop);
  return null;
}

/**
 * `{ handler }` in a table: the identifier of the binding it refers to, so the usual symbol
 * resolution (imports, exports) applies to it.
 */
function shorthandValue(prop: Node): Node | null {
  if (!Node.isShorthandPropertyAssignment(prop)) return null;
  const decl = prop.getValueSymbol()?.getDeclarations()[0];
  if (!decl) return null;
  if (Node.isImportSpecifier(decl)) return decl.getAliasNode() ?? decl.getNameNode();
  if (Node.isImportClause(decl)) return decl.getDefaultImport() ?? null;
  if (Node.isVariableDeclaration(decl) || Node.isFunctionDeclaration(decl) || Node.isClassDeclaration(decl) || Node.isBindingElement(decl)) {
    const name = decl.getNameNode();
    return name && Node.isIdentifier(name) ? name : null;
  }
  return null;
}

/** Binds a loop variable pattern to a table node. */
function bind(pattern: Node, value: Value, values: Map<string, Node | null>): void {
  if (Node.isIdentifier(pattern)) {
    values.set(pattern.getText(), value === MISSING ? null : value);
  } else if (Node.isObjectBindingPattern(pattern)) {
    for (const el of pattern.getElements()) {
      const key = el.getPropertyNameNode()?.getText() ?? el.getName();
      const v = member(value, key.replace(/^['"]|['"]$/g, ''));
      bind(el.getNameNode(), v === MISSING ? (el.getInitializer() ?? null) : v, values);
    }
  } else if (Node.isArrayBindingPattern(pattern)) {
    pattern.getElements().forEach((el, i) => {
      if (!Node.isBindingElement(el)) return;
      const v = member(value, i);
      bind(el.getNameNode(), v === MISSING || v === null ? (el.getInitializer() ?? v) : v, values);
    });
  }
}

interface Loop {
  node: Node;
  pattern: Node;
  iterable: Node;
}

/** The `for...of` / `.forEach(...)` loops around `node`, outermost first. */
function enclosingLoops(node: Node): Loop[] | { reason: string } {
  const loops: Loop[] = [];
  for (let n: Node | undefined = node.getParent(); n && !Node.isSourceFile(n); n = n.getParent()) {
    if (Node.isForOfStatement(n)) {
      const init = n.getInitializer();
      const decl = Node.isVariableDeclarationList(init) ? init.getDeclarations()[0] : undefined;
      if (!decl) return { reason: 'the loop variable is not declared in the loop' };
      loops.unshift({ node: n, pattern: decl.getNameNode(), iterable: n.getExpression() });
    } else if ((Node.isArrowFunction(n) || Node.isFunctionExpression(n)) && isForEachCallback(n)) {
      const call = n.getParentOrThrow() as CallExpression;
      const param = n.getParameters()[0];
      if (!param) continue;
      const callee = call.getExpression();
      loops.unshift({ node: n, pattern: param.getNameNode(), iterable: Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee });
    } else if (Node.isForStatement(n) || Node.isForInStatement(n) || Node.isWhileStatement(n) || Node.isDoStatement(n)) {
      return { reason: `a \`${n.getKindName().replace(/Statement$/, '').replace('ForIn', 'for...in').toLowerCase()}\` loop cannot be unrolled` };
    } else if (Node.isFunctionDeclaration(n) || Node.isMethodDeclaration(n) || ((Node.isArrowFunction(n) || Node.isFunctionExpression(n)) && !isForEachCallback(n))) {
      break;
    }
  }
  return loops;
}

function isForEachCallback(fn: Node): boolean {
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call) || call.getArguments()[0] !== fn) return false;
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'forEach';
}

/** Names the loops bind (and consts declared inside them), to tell whether a call reads them. */
function loopNames(loops: Loop[]): Set<string> {
  const names = new Set<string>();
  for (const loop of loops) {
    for (const id of [loop.pattern, ...loop.pattern.getDescendantsOfKind(SyntaxKind.Identifier)]) {
      if (Node.isIdentifier(id)) names.add(id.getText());
    }
  }
  return names;
}

/**
 * The iterations of the statically known loops around a registration call, or null when the
 * call is not inside a loop (or does not read the loop's variables), or a reason when the
 * loop's values cannot be known.
 */
export function loopIterations(call: CallExpression): LoopResult | null {
  const loops = enclosingLoops(call);
  if (!Array.isArray(loops)) return usesLoopState(call) ? loops : null;
  if (!loops.length) return null;
  const names = loopNames(loops);
  const reads = call.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => names.has(id.getText()) || isLoopLocal(id, loops));
  if (!reads) return null;
  let iterations: Iteration[] = [{ values: new Map(), row: call }];
  for (const loop of loops) {
    const next: Iteration[] = [];
    for (const it of iterations) {
      const rows = arrayLiteral(evaluate(loop.iterable, it, loops));
      if (!rows) return { reason: `the loop goes over \`${loop.iterable.getText()}\`, which is not an array literal the scan can read` };
      for (const row of rows) {
        if (Node.isSpreadElement(row)) return { reason: `the table \`${loop.iterable.getText()}\` spreads another array` };
        const values = new Map(it.values);
        bind(loop.pattern, row, values);
        next.push({ values, row });
      }
    }
    if (next.length > MAX_ITERATIONS) return { reason: `the loop registers more than ${MAX_ITERATIONS} routes` };
    iterations = next;
  }
  return { iterations };
}

/** A registration inside a `for`/`while` loop that reads a variable the loop changes. */
function usesLoopState(call: CallExpression): boolean {
  return call.getArguments().some((a) => !Node.isStringLiteral(a)) || Node.isElementAccessExpression(call.getExpression());
}

/** Whether `id` refers to a declaration made inside one of the loops (`const { path } = r;`). */
function isLoopLocal(id: Node, loops: Loop[]): boolean {
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl) return false;
  return loops.some((l) => decl.getPos() >= l.node.getPos() && decl.getEnd() <= l.node.getEnd());
}

/**
 * The table node an expression stands for in one iteration: loop variables and their
 * properties (`r.path`, `r['method']`, `const { path } = r`) are replaced by the table's
 * nodes; an expression that reads no loop variable stands for itself. null when it reads a
 * loop variable in a way the scan cannot follow.
 */
export function evaluate(node: Node, it: Iteration, loops?: Loop[]): Node | null {
  const v = evaluateValue(node, it, loops ?? enclosingLoopsOrEmpty(node));
  return v === MISSING ? null : v;
}

const isNullish = (n: Node): boolean => Node.isNullLiteral(n) || (Node.isIdentifier(n) && n.getText() === 'undefined');

function evaluateValue(node: Node, it: Iteration, scope: Loop[]): Value {
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node) || Node.isSatisfiesExpression(node)) {
    const inner = evaluateValue(node.getExpression(), it, scope);
    return inner === node.getExpression() ? node : inner;
  }
  // `r.middleware ?? []`: a row without the property takes the fallback.
  if (Node.isBinaryExpression(node) && [SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken].includes(node.getOperatorToken().getKind())) {
    const left = evaluateValue(node.getLeft(), it, scope);
    const right = evaluateValue(node.getRight(), it, scope);
    if (left === node.getLeft() && right === node.getRight()) return node;
    if (left === MISSING || (left && isNullish(left))) return right;
    return left && node.getOperatorToken().getKind() === SyntaxKind.QuestionQuestionToken ? left : null;
  }
  if (Node.isIdentifier(node)) {
    if (it.values.has(node.getText())) return it.values.get(node.getText()) ?? null;
    const decl = node.getSymbol()?.getDeclarations()[0];
    if (decl && scope.some((l) => decl.getPos() >= l.node.getPos() && decl.getEnd() <= l.node.getEnd())) return loopLocal(decl, it, scope);
    return node;
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const target = node.getExpression();
    const base = evaluateValue(target, it, scope);
    if (base === target) return node;
    let key: string | number | null = null;
    if (Node.isPropertyAccessExpression(node)) key = node.getName();
    else {
      const arg = node.getArgumentExpression();
      if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) key = arg.getLiteralValue();
      else if (arg && Node.isNumericLiteral(arg)) key = arg.getLiteralValue();
    }
    return key === null ? null : member(base, key);
  }
  const reads = node.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => it.values.has(id.getText()));
  return reads ? null : node;
}

function enclosingLoopsOrEmpty(node: Node): Loop[] {
  const loops = enclosingLoops(node);
  return Array.isArray(loops) ? loops : [];
}

/** Value of a `const` declared inside the loop body, in one iteration. */
function loopLocal(decl: Node, it: Iteration, loops: Loop[]): Value {
  if (Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    return init && Node.isIdentifier(decl.getNameNode()) ? evaluateValue(init, it, loops) : null;
  }
  if (Node.isBindingElement(decl)) {
    // Walk up the pattern to its declaration, then back down through the table's nodes.
    const path: Array<string | number> = [];
    let n: Node = decl;
    while (Node.isBindingElement(n)) {
      const pattern = n.getParentOrThrow();
      if (Node.isObjectBindingPattern(pattern)) {
        path.unshift((n.getPropertyNameNode()?.getText() ?? n.getName()).replace(/^['"]|['"]$/g, ''));
      } else if (Node.isArrayBindingPattern(pattern)) {
        path.unshift((pattern.getElements() as Node[]).indexOf(n));
      }
      n = pattern.getParentOrThrow();
    }
    if (!Node.isVariableDeclaration(n)) return null;
    const init = n.getInitializer();
    let v: Value = init ? evaluateValue(init, it, loops) : null;
    for (const key of path) v = member(v, key);
    return v;
  }
  return null;
}
