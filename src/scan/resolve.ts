import { Node, PropertyAccessExpression, SourceFile, SyntaxKind, ts } from 'ts-morph';
import type { ImportRef } from '../model/service-model';
import { findExport, isExportsObject } from './module-exports';
import type { ScanContext } from './scan-context';

/** Where an identifier's value is declared, after following imports across files. */
export type Binding =
  | { kind: 'top-level'; decl: Node; sf: SourceFile; name: string }
  | { kind: 'package'; specifier: string; exportName: string }
  | { kind: 'local'; decl: Node; name: string }
  /**
   * A whole module: `import * as ns` (exportName null: the first property read picks the
   * export) or a CommonJS/default export whose value is not a named declaration
   * (`module.exports = { ... }`, `export default { ... }`).
   */
  | { kind: 'module'; sf: SourceFile; exportName: string | null }
  | { kind: 'unknown' };

function isTopLevel(decl: Node): boolean {
  if (Node.isVariableDeclaration(decl)) return decl.getVariableStatement()?.getParent() instanceof SourceFile;
  return decl.getParent() instanceof SourceFile;
}

/** `require('x')` → 'x'. */
export function requireSpecifier(node: Node | undefined): string | null {
  if (!node || !Node.isCallExpression(node)) return null;
  const callee = node.getExpression();
  const [arg] = node.getArguments();
  if (Node.isIdentifier(callee) && callee.getText() === 'require' && arg && Node.isStringLiteral(arg)) {
    return arg.getLiteralValue();
  }
  return null;
}

/**
 * Compiler-level test of a variable declaration for the `require` bindings scanners look for:
 * initialised with `require(...)` or `require(...).member`. Lets a pass over every declaration
 * of a file wrap only these.
 */
export function initializedByRequire(n: ts.Node): boolean {
  const init = (n as ts.VariableDeclaration).initializer;
  const target = init && ts.isPropertyAccessExpression(init) ? init.expression : init;
  return !!target && ts.isCallExpression(target) && ts.isIdentifier(target.expression) && target.expression.text === 'require';
}

const isBare = (spec: string): boolean => !spec.startsWith('.') && !spec.startsWith('/');

/**
 * The project file a module specifier loads (`import … from '@/routes/users'`, `require('#lib/db')`,
 * `'./users.js'` for `users.ts`), resolved the way the project's compiler options say; null for
 * packages (node_modules, declaration files) and specifiers nothing resolves.
 */
export function projectModule(node: Node | undefined): SourceFile | null {
  if (!node) return null;
  let sf: SourceFile | undefined;
  if (Node.isImportDeclaration(node) || Node.isExportDeclaration(node)) sf = node.getModuleSpecifierSourceFile();
  else if (Node.isCallExpression(node)) {
    const decl = node.getArguments()[0]?.getSymbol()?.getDeclarations()[0];
    sf = decl && Node.isSourceFile(decl) ? decl : undefined;
  }
  if (!sf || sf.isInNodeModules() || sf.isFromExternalLibrary() || sf.isDeclarationFile()) return null;
  return sf;
}

/** A specifier that names a package: bare, and not mapped onto a project file (tsconfig `paths`, `imports`). */
function isPackageSpecifier(spec: string, importer: Node | undefined): boolean {
  return isBare(spec) && !projectModule(importer);
}

/** Follows an identifier through imports (ESM and CommonJS) to the declaration of its value. */
export function resolveIdentifier(id: Node): Binding {
  let sym = id.getSymbol();
  if (!sym) return { kind: 'unknown' };
  const first = sym.getDeclarations()[0];
  if (sym.isAlias()) {
    const target = sym.getAliasedSymbol();
    const decl = target?.getDeclarations()[0];
    if (!decl || decl.getSourceFile().isFromExternalLibrary() || decl.getSourceFile().isDeclarationFile()) {
      const pkg = packageBinding(first);
      if (pkg) return pkg;
      return { kind: 'unknown' };
    }
    if (Node.isSourceFile(decl)) return { kind: 'module', sf: decl, exportName: null };
    if (target!.getName() === 'export=' || Node.isExportAssignment(decl)) return { kind: 'module', sf: decl.getSourceFile(), exportName: 'default' };
    const cjs = commonJsExportName(decl);
    if (cjs) return { kind: 'module', sf: decl.getSourceFile(), exportName: cjs };
    sym = target!;
  }
  const decl = sym.getDeclarations()[0];
  if (!decl) return { kind: 'unknown' };
  // `const x = require('pkg')`, `const { a } = require('pkg')` where the package is not resolvable.
  const pkg = packageBinding(decl);
  if (pkg) return pkg;
  const name = sym.getName();
  if (isTopLevel(decl)) return { kind: 'top-level', decl, sf: decl.getSourceFile(), name };
  if (Node.isBindingElement(decl)) {
    const varDecl = decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    // `const { list } = require('./controller')`: the export `list` of that module.
    const required = requiredModule(varDecl?.getInitializer());
    if (required && varDecl?.getNameNode() === decl.getParent()) {
      return { kind: 'module', sf: required, exportName: decl.getPropertyNameNode()?.getText() ?? decl.getName() };
    }
    if (varDecl && isTopLevel(varDecl)) return { kind: 'top-level', decl, sf: decl.getSourceFile(), name: decl.getName() };
  }
  return { kind: 'local', decl, name };
}

/**
 * The CommonJS export a declaration is, when it is a member of `module.exports = { ... }` or the
 * target of `exports.x = ...`: its export name, else null.
 */
function commonJsExportName(decl: Node): string | null {
  const parent = decl.getParent();
  if ((Node.isMethodDeclaration(decl) || Node.isPropertyAssignment(decl) || Node.isShorthandPropertyAssignment(decl)) && parent && Node.isObjectLiteralExpression(parent)) {
    const assign = parent.getParent();
    if (assign && Node.isBinaryExpression(assign) && assign.getRight() === parent && isExportsObject(assign.getLeft())) return decl.getName();
  }
  const access = Node.isBinaryExpression(decl) ? decl.getLeft() : decl;
  if (Node.isPropertyAccessExpression(access) && isExportsObject(access.getExpression())) return access.getName();
  return null;
}

/** The source file a relative `require('./x')` loads, when the program resolved it. */
function requiredModule(init: Node | undefined): SourceFile | null {
  const spec = requireSpecifier(init);
  if (!spec || !init || !Node.isCallExpression(init)) return null;
  return projectModule(init);
}

/** A binding that comes straight from a bare package specifier. */
function packageBinding(decl: Node | undefined): Binding | null {
  if (!decl) return null;
  if (Node.isImportSpecifier(decl)) {
    const spec = decl.getImportDeclaration().getModuleSpecifierValue();
    return isPackageSpecifier(spec, decl.getImportDeclaration()) ? { kind: 'package', specifier: spec, exportName: decl.getName() } : null;
  }
  if (Node.isImportClause(decl) || Node.isNamespaceImport(decl)) {
    const imp = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
    const spec = imp?.getModuleSpecifierValue();
    return spec && isPackageSpecifier(spec, imp) ? { kind: 'package', specifier: spec, exportName: 'default' } : null;
  }
  if (Node.isVariableDeclaration(decl)) {
    const spec = requireSpecifier(decl.getInitializer());
    return spec && isPackageSpecifier(spec, decl.getInitializer()) ? { kind: 'package', specifier: spec, exportName: 'default' } : null;
  }
  if (Node.isBindingElement(decl)) {
    const varDecl = decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
    const spec = requireSpecifier(varDecl?.getInitializer());
    if (spec && isPackageSpecifier(spec, varDecl?.getInitializer())) {
      return { kind: 'package', specifier: spec, exportName: decl.getPropertyNameNode()?.getText() ?? decl.getName() };
    }
  }
  return null;
}

/** Import reference for a resolved top-level binding, or null when it is not exported. */
export function importRefFor(binding: Binding, ctx: ScanContext): ImportRef | null {
  if (binding.kind === 'package') return { from: binding.specifier, isPackage: true, exportName: binding.exportName };
  if (binding.kind === 'module') {
    return binding.exportName ? { from: ctx.rel(binding.sf), isPackage: false, exportName: binding.exportName } : null;
  }
  if (binding.kind !== 'top-level') return null;
  return findExport(binding.sf, binding.name, ctx.rel(binding.sf));
}

/** The declaration node a tracked app/router is keyed by (the VariableDeclaration). */
export function declarationKey(decl: Node): object {
  return decl.compilerNode;
}

/**
 * What `mod.prop` may hold when `mod` is a module or an object: the declaration of `prop`
 * (`export const prop = …`) and the value assigned to it (`module.exports = { prop }`,
 * `{ prop: value }`, `exports.prop = value`). Callers look each one up as a declaration, or
 * follow it when it is an identifier or another member access.
 */
export function memberValues(access: PropertyAccessExpression): Node[] {
  const out: Node[] = [];
  for (const decl of access.getNameNode().getSymbol()?.getDeclarations() ?? []) {
    out.push(decl);
    if (Node.isShorthandPropertyAssignment(decl)) {
      const value = decl.getValueSymbol()?.getDeclarations()[0];
      if (value) out.push(value);
    } else if (Node.isPropertyAssignment(decl)) {
      const init = decl.getInitializer();
      if (init) out.push(init);
    } else if (Node.isPropertyAccessExpression(decl)) {
      const assign = decl.getParent();
      if (Node.isBinaryExpression(assign) && assign.getLeft() === decl) out.push(assign.getRight());
    }
  }
  return out;
}
