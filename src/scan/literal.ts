import { Node } from 'ts-morph';

/** Marker for "not statically known". */
export const UNKNOWN = Symbol('unknown');
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/**
 * The value of an expression when it is a literal, a template without substitutions, an
 * array/object of those, or a `const` bound to one; otherwise UNKNOWN.
 */
export function literalValue(node: Node | undefined, depth = 0): Literal | typeof UNKNOWN {
  if (!node || depth > 8) return UNKNOWN;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === 41 /* MinusToken */) {
    const v = literalValue(node.getOperand(), depth + 1);
    return typeof v === 'number' ? -v : UNKNOWN;
  }
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
    return literalValue(node.getExpression(), depth + 1);
  }
  if (Node.isArrayLiteralExpression(node)) {
    const out: Literal[] = [];
    for (const el of node.getElements()) {
      const v = literalValue(el, depth + 1);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  if (Node.isObjectLiteralExpression(node)) {
    const out: { [key: string]: Literal } = {};
    for (const p of node.getProperties()) {
      if (!Node.isPropertyAssignment(p)) return UNKNOWN;
      const nameNode = p.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) return UNKNOWN;
      const v = literalValue(p.getInitializer(), depth + 1);
      if (v === UNKNOWN) return UNKNOWN;
      out[Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText()] = v;
    }
    return out;
  }
  if (Node.isIdentifier(node)) {
    let sym = node.getSymbol();
    if (sym?.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
    const decl = sym?.getDeclarations()[0];
    if (decl && Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const') {
      return literalValue(decl.getInitializer(), depth + 1);
    }
  }
  return UNKNOWN;
}
