import { Node, SourceFile, SyntaxKind } from 'ts-morph';
import type { ImportRef } from '../model/service-model';

/** `module.exports` or `exports`, the CommonJS export object. */
export function isExportsObject(node: Node): boolean {
  if (Node.isIdentifier(node)) return node.getText() === 'exports';
  return Node.isPropertyAccessExpression(node) && node.getText() === 'module.exports';
}

/**
 * How another module can import the top-level binding `name` of `sf`, or null when it is not
 * exported. Covers ESM (`export const`, `export default x`, `export { x as y }`) and CommonJS
 * (`module.exports = x`, `module.exports = { x }`, `exports.y = x`).
 */
export function findExport(sf: SourceFile, name: string, rel: string): ImportRef | null {
  const ref = (exportName: string, member?: string[]): ImportRef => ({
    from: rel,
    isPackage: false,
    exportName,
    ...(member ? { member } : {}),
  });
  // `hasExportKeyword`, not `isExported`: TypeScript also calls a declaration exported when a
  // CommonJS file assigns it to `module.exports`, which is a default export, not a named one.
  for (const st of sf.getStatements()) {
    if (Node.isVariableStatement(st) && st.hasExportKeyword()) {
      if (st.getDeclarations().some((d) => d.getName() === name)) return ref(name);
    } else if ((Node.isFunctionDeclaration(st) || Node.isClassDeclaration(st)) && st.getName() === name) {
      if (st.isDefaultExport()) return ref('default');
      if (st.hasExportKeyword()) return ref(name);
    } else if (Node.isExportAssignment(st)) {
      const e = st.getExpression();
      if (Node.isIdentifier(e) && e.getText() === name) return ref('default');
    } else if (Node.isExportDeclaration(st) && !st.getModuleSpecifier()) {
      for (const spec of st.getNamedExports()) {
        if (spec.getName() === name) return ref(spec.getAliasNode()?.getText() ?? name);
      }
    } else if (Node.isExpressionStatement(st)) {
      const e = st.getExpression();
      if (!Node.isBinaryExpression(e) || e.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const left = e.getLeft();
      let right = e.getRight();
      // `module.exports = exports = x` chains
      while (Node.isBinaryExpression(right) && right.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        right = right.getRight();
      }
      if (isExportsObject(left)) {
        if (Node.isIdentifier(right) && right.getText() === name) return ref('default');
        if (Node.isObjectLiteralExpression(right)) {
          for (const p of right.getProperties()) {
            if (Node.isShorthandPropertyAssignment(p) && p.getName() === name) return ref(name);
            if (Node.isPropertyAssignment(p)) {
              const init = p.getInitializer();
              if (init && Node.isIdentifier(init) && init.getText() === name) return ref(p.getName());
            }
          }
        }
      } else if (Node.isPropertyAccessExpression(left) && isExportsObject(left.getExpression())) {
        if (Node.isIdentifier(right) && right.getText() === name) return ref(left.getName());
      }
    }
  }
  return null;
}
