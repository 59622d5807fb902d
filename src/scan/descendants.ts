import { type Node, type SourceFile, ts } from 'ts-morph';

/** ts-morph's wrapper factory, reached through any node of the file (the `_` method is ts-morph's own, stable across versions). */
interface Wrapping {
  _getNodeFromCompilerNode(node: ts.Node): Node;
}

/** Pushes `n`'s parse-tree children on `stack` so that they pop in source order. */
function pushChildren(n: ts.Node, stack: ts.Node[]): void {
  const from = stack.length;
  ts.forEachChild(n, (c) => {
    stack.push(c);
  });
  for (let i = from, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j]!, stack[i]!];
}

/** The ts-morph node for a compiler node of the file `within` belongs to. */
export function wrap<T extends Node = Node>(within: Node, n: ts.Node): T {
  return (within as unknown as Wrapping)._getNodeFromCompilerNode(n) as T;
}

/** The kinds {@link nodesOfKind} serves from a per-file index: what the scanners look for among all nodes of a file. */
const INDEXED_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExternalModuleReference,
]);
type IndexedKind =
  | ts.SyntaxKind.CallExpression
  | ts.SyntaxKind.NewExpression
  | ts.SyntaxKind.BinaryExpression
  | ts.SyntaxKind.VariableDeclaration
  | ts.SyntaxKind.ClassDeclaration
  | ts.SyntaxKind.ImportEqualsDeclaration
  | ts.SyntaxKind.ExternalModuleReference;

interface FileIndex {
  /** Every node of an indexed kind, in source order (pre-order). */
  all: ts.Node[];
  byKind: Map<ts.SyntaxKind, ts.Node[]>;
}

/** Keyed by the compiler's source file: a file ts-morph re-parses gets a new one, so a new index. */
const indexes = new WeakMap<ts.SourceFile, FileIndex>();

function fileIndex(sf: ts.SourceFile): FileIndex {
  let index = indexes.get(sf);
  if (index) return index;
  index = { all: [], byKind: new Map([...INDEXED_KINDS].map((k) => [k, []])) };
  const stack: ts.Node[] = [];
  pushChildren(sf, stack);
  while (stack.length) {
    const n = stack.pop()!;
    if (INDEXED_KINDS.has(n.kind)) {
      index.all.push(n);
      index.byKind.get(n.kind)!.push(n);
    }
    pushChildren(n, stack);
  }
  indexes.set(sf, index);
  return index;
}

/**
 * The compiler nodes of `kind` in a file, in source order, from an index built by one walk per
 * file (the scanners ask the same file for its calls, declarations and assignments a dozen
 * times). Compiler nodes, so that callers test them cheaply and wrap only what they keep:
 * ts-morph keeps every wrapper alive, and a module with 100,000 exports has 100,000 of each.
 */
export function nodesOfKind<K extends IndexedKind>(sf: SourceFile, kind: K): readonly ts.Node[] {
  return fileIndex(sf.compilerNode).byKind.get(kind)!;
}

/** {@link nodesOfKind} filtered by `match`, wrapped as ts-morph nodes of type `T`. */
export function wrappedOfKind<T extends Node>(sf: SourceFile, kind: IndexedKind | readonly IndexedKind[], match: (n: ts.Node) => boolean = () => true): T[] {
  const out: T[] = [];
  if (typeof kind === 'number') {
    for (const n of nodesOfKind(sf, kind)) if (match(n)) out.push(wrap<T>(sf, n));
    return out;
  }
  for (const n of fileIndex(sf.compilerNode).all) if (kind.includes(n.kind as IndexedKind) && match(n)) out.push(wrap<T>(sf, n));
  return out;
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
  const stack: ts.Node[] = [];
  pushChildren(node.compilerNode, stack);
  while (stack.length) {
    const n = stack.pop()!;
    if (match(n)) out.push(wrap(node, n));
    pushChildren(n, stack);
  }
  return out;
}

/** The top-level statements of a file that `match` accepts (compiler nodes), wrapped. */
export function statementsWhere(sf: SourceFile, match: (st: ts.Statement) => boolean): Node[] {
  return sf.compilerNode.statements.filter(match).map((st) => wrap(sf, st));
}

/** A top-level `const|let|var` statement with a declaration initialised by a call (`require(...)`, a factory): for {@link statementsWhere}. */
export const declaresFromCall = (st: ts.Statement): boolean =>
  ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => d.initializer !== undefined && ts.isCallExpression(d.initializer));

const CALL_OR_NEW = [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression] as const;

/** Call and `new` expressions under `node`, in source order (a whole file: from its index). */
export function callsAndNews(node: Node, callee?: (expression: ts.Expression) => boolean): Node[] {
  const match = (n: ts.Node) => (ts.isCallExpression(n) || ts.isNewExpression(n)) && (!callee || callee(n.expression));
  if (ts.isSourceFile(node.compilerNode)) return wrappedOfKind(node as SourceFile, CALL_OR_NEW, match);
  return descendantsWhere(node, match);
}
