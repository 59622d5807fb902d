import { Node, SyntaxKind } from 'ts-morph';
import { EMPTY_ENV, fieldValue, memberOfInstance, type Env } from './class-apps';

/** Marker for "not statically known". */
export const UNKNOWN = Symbol('unknown');
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/**
 * The value of an expression when it can be folded: a literal, an array/object of those, a
 * `const` bound to one (across files), a template or `+` of strings, a property of a constant
 * object (`config.apiPrefix`), a class field given once (`this.path`, or `route.path` for a
 * loop variable `env` binds to a class); otherwise UNKNOWN.
 */
export function literalValue(node: Node | undefined, depth = 0, env: Env = EMPTY_ENV): Literal | typeof UNKNOWN {
  if (!node || depth > 8) return UNKNOWN;
  const fold = (n: Node | undefined) => literalValue(n, depth + 1, env);
  if (Node.isTemplateExpression(node)) {
    let out = node.getHead().getLiteralText();
    for (const span of node.getTemplateSpans()) {
      const v = fold(span.getExpression());
      if (typeof v !== 'string' && typeof v !== 'number') return UNKNOWN;
      out += String(v) + span.getLiteral().getLiteralText();
    }
    return out;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const l = fold(node.getLeft());
    const r = fold(node.getRight());
    if (typeof l === 'string' && (typeof r === 'string' || typeof r === 'number')) return l + String(r);
    if (typeof l === 'number' && typeof r === 'string') return String(l) + r;
    return UNKNOWN;
  }
  if (Node.isPropertyAccessExpression(node)) {
    const field = memberOfInstance(node, env);
    if (field) return fold(fieldValue(field.cls, field.name));
    // `config.apiPrefix` where config also holds values known only at run time (`port: Number(process.env.PORT)`).
    const prop = objectLiteralOf(node.getExpression(), depth)?.getProperty(node.getName());
    if (prop && Node.isPropertyAssignment(prop)) return fold(prop.getInitializer());
    const obj = fold(node.getExpression());
    if (obj !== UNKNOWN && obj && typeof obj === 'object' && !Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, node.getName())) {
      return obj[node.getName()]!;
    }
    return UNKNOWN;
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === 41 /* MinusToken */) {
    const v = fold(node.getOperand());
    return typeof v === 'number' ? -v : UNKNOWN;
  }
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
    return fold(node.getExpression());
  }
  if (Node.isArrayLiteralExpression(node)) {
    const out: Literal[] = [];
    for (const el of node.getElements()) {
      const v = fold(el);
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
      const v = fold(p.getInitializer());
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
      return fold(decl.getInitializer());
    }
    // `export default { apiPrefix: '/api' }` imported as `config`.
    if (decl && Node.isExportAssignment(decl)) return fold(decl.getExpression());
  }
  return UNKNOWN;
}

/** The object literal an expression is bound to: itself, a `const`, or a default export (across files). */
function objectLiteralOf(node: Node, depth: number): import('ts-morph').ObjectLiteralExpression | undefined {
  for (let n: Node | undefined = node, d = depth; n && d <= 8; d++) {
    if (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
    else if (Node.isObjectLiteralExpression(n)) return n;
    else if (Node.isIdentifier(n)) {
      let sym: import('ts-morph').Symbol | undefined = n.getSymbol();
      if (sym?.isAlias()) sym = sym.getAliasedSymbol() ?? sym;
      const decl: Node | undefined = sym?.getDeclarations()[0];
      if (decl && Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const') n = decl.getInitializer();
      else if (decl && Node.isExportAssignment(decl)) n = decl.getExpression();
      else return undefined;
    } else return undefined;
  }
  return undefined;
}
