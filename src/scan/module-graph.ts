import * as path from 'node:path';
import { Node, type Project, type SourceFile, SyntaxKind, ts } from 'ts-morph';
import type { ModuleGraph, ModuleImport } from '../model/service-model';

/**
 * The project files each module loads while it is itself loading, in the order it loads them:
 * static imports and re-exports (ES modules evaluate them first, in order), `import x =
 * require()` and `require()` calls outside functions (CommonJS runs them in order). Type-only
 * imports, and TypeScript imports whose bindings are used only as types (the compiler and
 * esbuild drop them), load nothing. Dynamic `import()` and requires inside functions run later.
 */
function loadTimeSpecifiers(sf: SourceFile): Array<{ spec: string; node: Node }> {
  const out: Array<{ spec: string; node: Node }> = [];
  const typescript = /\.[cm]?tsx?$/.test(sf.getFilePath());
  let valueNames: Set<string> | undefined;
  const usedAsValue = (name: string): boolean => (valueNames ??= valueIdentifiers(sf)).has(name);
  for (const d of sf.getImportDeclarations()) {
    if (d.isTypeOnly()) continue;
    const clause = d.getImportClause();
    if (clause && typescript) {
      const names = [clause.getDefaultImport()?.getText(), clause.getNamespaceImport()?.getText(), ...d.getNamedImports().filter((n) => !n.isTypeOnly()).map((n) => (n.getAliasNode() ?? n.getNameNode()).getText())].filter((n): n is string => !!n);
      if (!names.some(usedAsValue)) continue;
    }
    out.push({ spec: d.getModuleSpecifierValue(), node: d });
  }
  for (const d of sf.getExportDeclarations()) {
    const v = d.getModuleSpecifierValue();
    if (v && !d.isTypeOnly()) out.push({ spec: v, node: d });
  }
  for (const d of sf.getDescendantsOfKind(SyntaxKind.ImportEqualsDeclaration)) {
    const ref = d.getModuleReference();
    if (Node.isExternalModuleReference(ref) && !d.isTypeOnly()) {
      const e = ref.getExpression();
      if (e && Node.isStringLiteral(e) && (!typescript || usedAsValue(d.getName()))) out.push({ spec: e.getLiteralValue(), node: d });
    }
  }
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const arg = call.getArguments()[0];
    if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !arg || !(Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) continue;
    if (call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a))) continue;
    out.push({ spec: arg.getLiteralValue(), node: call });
  }
  return out.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** Identifiers a TypeScript file uses as values (outside imports and type positions). */
function valueIdentifiers(sf: SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return;
    if (ts.isIdentifier(node)) out.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf.compilerNode);
  return out;
}

/**
 * The load-time module graph of the files reachable from the entry points (root-relative
 * POSIX paths), each module's project imports in load order with where they are written.
 * Packages (node_modules) are not followed.
 */
export function buildModuleGraph(project: Project, root: string, entries: readonly string[]): ModuleGraph {
  const options = project.getCompilerOptions();
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const imports: Record<string, ModuleImport[]> = {};
  const queue = entries.map((e) => path.resolve(root, e));
  while (queue.length) {
    const file = queue.shift()!;
    const key = rel(file);
    if (imports[key]) continue;
    imports[key] = [];
    const sf = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    if (!sf) continue;
    for (const { spec, node } of loadTimeSpecifiers(sf)) {
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (target.split(path.sep).includes('node_modules') || !target.startsWith(root + path.sep)) continue;
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      imports[key].push({ file: rel(target), loc: { file: key, line, column } });
      queue.push(target);
    }
  }
  return { entries: entries.map((e) => rel(path.resolve(root, e))), imports };
}
