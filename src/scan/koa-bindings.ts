import { Node, SyntaxKind, ts } from 'ts-morph';
import type { ImportRef } from '../model/service-model';
import { resolveIdentifier } from './resolve';

/** Packages whose default export is the Koa application class. */
export const KOA_PACKAGES = new Set(['koa']);
/** Router packages and the exports that are the Router class. */
export const ROUTER_PACKAGES = new Set(['@koa/router', 'koa-router']);
const ROUTER_EXPORTS = new Set(['default', 'Router']);

/** What a `new X(...)` (or `X(...)`) constructs, when it is a Koa app or router. */
export type KoaClass =
  | { kind: 'app'; ref: ImportRef; subclass: Node | null }
  | { kind: 'router'; ref: ImportRef };

const MAX_DEPTH = 4;

/** `import X = require('pkg')` → `{ specifier, exportName: 'default' }`. */
function importEqualsPackage(id: Node): { specifier: string; exportName: string } | null {
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isImportEqualsDeclaration(decl)) return null;
  const ref = decl.getModuleReference();
  if (!Node.isExternalModuleReference(ref)) return null;
  const expr = ref.getExpression();
  return expr && Node.isStringLiteral(expr) ? { specifier: expr.getLiteralValue(), exportName: 'default' } : null;
}

/** The package export an identifier is bound to, if it comes straight from a package. */
function packageExport(id: Node): { specifier: string; exportName: string } | null {
  const eq = importEqualsPackage(id);
  if (eq) return eq;
  const b = resolveIdentifier(id);
  return b.kind === 'package' ? { specifier: b.specifier, exportName: b.exportName } : null;
}

/** The class a class-like declaration extends, as an expression. */
function extendsExpression(decl: Node): Node | undefined {
  const cls = Node.isVariableDeclaration(decl) ? decl.getInitializer() : decl;
  if (!cls || (!Node.isClassDeclaration(cls) && !Node.isClassExpression(cls))) return undefined;
  return cls.getExtends()?.getExpression();
}

/**
 * Classifies the class expression of a `new` (or a call, for routers that allow it): the Koa
 * application class, a user class that extends it (`class App extends Koa`, any depth, across
 * files), or a Koa Router class, whatever local name it was imported under.
 */
export function classifyKoaClass(expr: Node, depth = 0): KoaClass | null {
  if (depth > MAX_DEPTH || !Node.isIdentifier(expr)) return null;
  const pkg = packageExport(expr);
  if (pkg) {
    const ref: ImportRef = { from: pkg.specifier, isPackage: true, exportName: pkg.exportName };
    if (KOA_PACKAGES.has(pkg.specifier) && pkg.exportName === 'default') return { kind: 'app', ref, subclass: null };
    if (ROUTER_PACKAGES.has(pkg.specifier) && ROUTER_EXPORTS.has(pkg.exportName)) return { kind: 'router', ref };
    return null;
  }
  const b = resolveIdentifier(expr);
  if (b.kind !== 'top-level' && b.kind !== 'local') return null;
  const base = extendsExpression(b.decl);
  const parent = base ? classifyKoaClass(base, depth + 1) : null;
  // Only app subclasses matter: a generated module constructs the user's class to keep its overrides.
  if (parent?.kind === 'app') return { kind: 'app', ref: parent.ref, subclass: expr };
  return null;
}

/** Whether the file imports or requires any Koa package (used to scope heuristics). */
export function importsKoa(text: string): boolean {
  return /['"](koa|@koa\/router|koa-router)['"]/.test(text);
}

/** Strips parentheses, type assertions and `module.exports = ` chains around an initializer. */
/** {@link unwrapInitializer} on compiler nodes, for cheap tests before wrapping. */
export function unwrapCompilerInitializer(node: ts.Expression | undefined): ts.Expression | undefined {
  let n = node;
  while (n && (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken))) {
    n = ts.isBinaryExpression(n) ? n.right : n.expression;
  }
  return n;
}

export function unwrapInitializer(node: Node | undefined): Node | undefined {
  let n = node;
  for (;;) {
    if (!n) return n;
    if (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isNonNullExpression(n)) {
      n = n.getExpression();
    } else if (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      n = n.getRight();
    } else {
      return n;
    }
  }
}
