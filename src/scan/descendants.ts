import { type KindToNodeMappings, type Node, type SyntaxKind, ts } from 'ts-morph';

/** ts-morph's wrapper factory, reached through any node of the file (the `_` method is ts-morph's own, stable across versions). */
interface Wrapping {
  _getNodeFromCompilerNode(node: ts.Node): Node;
}

/**
 * The descendants of `node` that `match` accepts, in source order, as ts-morph nodes.
 *
 * Walks TypeScript's parse tree (`forEachChild`: no tokens, no syntax lists) and wraps only
 * the matches. `node.getDescendants()` instead materialises every token of the file and a
 * wrapper for each, which on a large service costs more memory and time than the rest of the
 * scan (and grows faster than the file count: ts-morph keeps every wrapper alive). Iterative,
 * so a deep tree cannot overflow the stack.
 */
export function descendantsWhere(node: Node, match: (n: ts.Node) => boolean): Node[] {
  const out: Node[] = [];
  const wrap = node as unknown as Wrapping;
  const stack: ts.Node[] = [];
  const pushChildren = (n: ts.Node) => {
    const children: ts.Node[] = [];
    ts.forEachChild(n, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  pushChildren(node.compilerNode);
  while (stack.length) {
    const n = stack.pop()!;
    if (match(n)) out.push(wrap._getNodeFromCompilerNode(n));
    pushChildren(n);
  }
  return out;
}

/** Call and `new` expressions under `node`, in source order. */
export function callsAndNews(node: Node, callee?: (expression: ts.Expression) => boolean): Node[] {
  return descendantsWhere(node, (n) => (ts.isCallExpression(n) || ts.isNewExpression(n)) && (!callee || callee(n.expression)));
}

/**
 * `node.getDescendantsOfKind(kind)` for a parse-tree kind (a declaration, expression or
 * statement, not a token such as an identifier, which ts-morph finds among the tokens): the
 * same nodes in the same order, found without ts-morph's nested generators and wrapping only
 * those `where` (a cheap test on the compiler node) accepts. `where` must accept every node the
 * caller would keep.
 */
export function descendantsOfKind<K extends SyntaxKind>(node: Node, kind: K, where?: (n: ts.Node) => boolean): Array<KindToNodeMappings[K]> {
  if (kind < ts.SyntaxKind.FirstNode || kind >= ts.SyntaxKind.FirstJSDocNode) throw new Error(`descendantsOfKind: ${ts.SyntaxKind[kind]} is not a parse-tree kind`);
  return descendantsWhere(node, (n) => n.kind === kind && (!where || where(n))) as Array<KindToNodeMappings[K]>;
}

/** Whether `n` is a call whose callee is the identifier `name` (`require(...)`). */
export function isCallOf(n: ts.Node | undefined, name: string): boolean {
  return n !== undefined && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name;
}

/** Whether `n` declares `x = require(...)` or `x = require(...).y` (what can bind a package). */
export function isRequireDeclaration(n: ts.Node): boolean {
  const init = ts.isVariableDeclaration(n) ? n.initializer : undefined;
  return isCallOf(init && ts.isPropertyAccessExpression(init) ? init.expression : init, 'require');
}
