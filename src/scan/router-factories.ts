import { Node, type SourceFile } from 'ts-morph';
import { resolveIdentifier } from './resolve';

/**
 * Routers made by a function, the shape of many starters:
 *
 *     export default () => { const router = new Router(); router.get(...); return router; };
 *     const status = makeStatusRouter();   // or app.use('/health', makeHealthRouter())
 *
 * `returnedByFactory(call)` is the expression the called function returns (`router`), when the
 * call takes no arguments and the function, declared here or imported, has exactly one
 * `return`; the caller looks that expression up as the app or router it tracks.
 */
export function returnedByFactory(call: Node): Node | undefined {
  if (!Node.isCallExpression(call) || call.getArguments().length) return undefined;
  const callee = call.getExpression();
  if (!Node.isIdentifier(callee)) return undefined;
  const b = resolveIdentifier(callee);
  let fn: Node | undefined = b.kind === 'top-level' || b.kind === 'local' ? b.decl : b.kind === 'module' && b.exportName === 'default' ? defaultExportValue(b.sf) : undefined;
  if (fn && Node.isVariableDeclaration(fn)) fn = fn.getInitializer();
  if (!fn || !(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))) return undefined;
  const body = fn.getBody();
  const returned = body && Node.isBlock(body) ? body.getStatements().filter(Node.isReturnStatement).map((r) => r.getExpression()) : [body];
  return returned.length === 1 ? returned[0] : undefined;
}

/** The value of `export default …` / `module.exports = …` in a file. */
export function defaultExportValue(sf: SourceFile): Node | undefined {
  for (const st of sf.getStatements()) {
    if (Node.isExportAssignment(st)) return st.getExpression();
    const e = Node.isExpressionStatement(st) ? st.getExpression() : undefined;
    if (e && Node.isBinaryExpression(e) && e.getLeft().getText() === 'module.exports') return e.getRight();
  }
  return sf.getFunctions().find((f) => f.isDefaultExport());
}
