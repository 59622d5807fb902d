import * as path from 'node:path';
import { type CallExpression, type ImportEqualsDeclaration, Node, type Project, type SourceFile, SyntaxKind, ts, type VariableStatement } from 'ts-morph';
import { declaresFromCall, statementsWhere, wrap, wrappedOfKind } from './descendants';
import type { SourceLocation } from '../model/diagnostic';
import type { ModuleGraph, ModuleImport, StartupEffect } from '../model/service-model';

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
  for (const d of wrappedOfKind<ImportEqualsDeclaration>(sf, SyntaxKind.ImportEqualsDeclaration)) {
    const ref = d.getModuleReference();
    if (Node.isExternalModuleReference(ref) && !d.isTypeOnly()) {
      const e = ref.getExpression();
      if (e && Node.isStringLiteral(e) && (!typescript || usedAsValue(d.getName()))) out.push({ spec: e.getLiteralValue(), node: d });
    }
  }
  const isRequire = (n: ts.Node) => ts.isIdentifier((n as ts.CallExpression).expression) && (n as ts.CallExpression).expression.getText(sf.compilerNode) === 'require';
  for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, isRequire)) {
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

/** Packages whose calls at the top level start something, and what. */
const STARTING_PACKAGES: Record<string, { what: string; calls?: string[]; constructs?: RegExp }> = {
  'node-cron': { what: 'a node-cron schedule', calls: ['schedule'] },
  'node-schedule': { what: 'a node-schedule job', calls: ['scheduleJob'] },
  ws: { what: 'a websocket server', constructs: /^(WebSocketServer|\w+\.(Server|WebSocketServer))$/ },
};

/** Local names bound to each starting package's import/require in the file. */
function packageBindings(sf: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of sf.getImportDeclarations()) {
    const pkg = d.getModuleSpecifierValue();
    if (!STARTING_PACKAGES[pkg]) continue;
    for (const n of [d.getDefaultImport(), d.getNamespaceImport(), ...d.getNamedImports().map((i) => i.getAliasNode() ?? i.getNameNode())]) if (n) out.set(n.getText(), pkg);
  }
  for (const v of (statementsWhere(sf, declaresFromCall) as VariableStatement[]).flatMap((st) => st.getDeclarations())) {
    const init = v.getInitializer();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require') continue;
    const arg = init.getArguments()[0];
    const pkg = arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : '';
    if (!STARTING_PACKAGES[pkg]) continue;
    const name = v.getNameNode();
    if (Node.isIdentifier(name)) out.set(name.getText(), pkg);
    else if (Node.isObjectBindingPattern(name)) for (const e of name.getElements()) out.set(e.getName(), pkg);
  }
  return out;
}

/**
 * Top-level statements that start something when the module loads: `setInterval(...)`,
 * `new WebSocketServer(...)` (ws), `cron.schedule(...)` / `schedule.scheduleJob(...)`, as an
 * expression statement or a single declaration's initialiser (chains such as `.unref()` too).
 */
export function startupEffects(sf: SourceFile, rel: string): StartupEffect[] {
  const bindings = packageBindings(sf);
  const out: StartupEffect[] = [];
  const statements = [...statementsWhere(sf, mayStart), ...startFunctionStatements(sf).filter((st) => mayStart(st.compilerNode as ts.Statement))];
  for (const statement of statements) {
    let e: Node | undefined;
    if (Node.isExpressionStatement(statement)) e = statement.getExpression();
    else if (Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) e = statement.getDeclarations()[0]!.getInitializer();
    const found = e ? startingExpression(e, bindings) : null;
    if (found) {
      const { line, column } = sf.getLineAndColumnAtPos(found.node.getStart());
      out.push({ loc: { file: rel, line, column }, what: found.what });
    }
  }
  return out;
}

/**
 * The body statements of the functions the module calls while it loads (`start();`,
 * `main().catch(...)`, `await start()`): a top-level function declaration or a `const` bound to
 * a function expression, called by name in a top-level statement. What they start runs at
 * load too (after an `await`, still during the first invocation's cold start).
 */
function startFunctionStatements(sf: SourceFile): Node[] {
  const called = new Set<string>();
  for (const st of sf.compilerNode.statements) {
    if (!ts.isExpressionStatement(st)) continue;
    let e: ts.Expression = st.expression;
    for (;;) {
      if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isVoidExpression(e)) e = e.expression;
      else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['then', 'catch', 'finally'].includes(e.expression.name.text)) e = e.expression.expression;
      else break;
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) called.add(e.expression.text);
  }
  const out: Node[] = [];
  for (const st of sf.compilerNode.statements) {
    let body: ts.Node | undefined;
    if (ts.isFunctionDeclaration(st) && st.name && called.has(st.name.text)) body = st.body;
    else if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const d = st.declarationList.declarations[0]!;
      if (ts.isIdentifier(d.name) && called.has(d.name.text) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) body = d.initializer.body;
    }
    if (body && ts.isBlock(body)) out.push(...body.statements.map((b) => wrap(sf, b)));
  }
  return out;
}

/** Compiler-level test of what startupEffects looks at: a statement whose expression {@link startingExpression} can accept. */
function mayStart(st: ts.Statement): boolean {
  let e: ts.Expression | undefined;
  if (ts.isExpressionStatement(st)) e = st.expression;
  else if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) e = st.declarationList.declarations[0]!.initializer;
  for (;;) {
    if (e && (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e))) e = e.expression;
    else if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) e = e.right;
    else break;
  }
  return !!e && (ts.isCallExpression(e) || ts.isNewExpression(e) || ts.isPropertyAccessExpression(e));
}

function startingExpression(expression: Node, bindings: Map<string, string>): { node: Node; what: string } | null {
  let e: Node = expression;
  for (;;) {
    if (Node.isAwaitExpression(e) || Node.isParenthesizedExpression(e) || Node.isAsExpression(e)) e = e.getExpression();
    else if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.EqualsToken) e = e.getRight();
    else break;
  }
  // Walk down a call chain (`setInterval(f, 1000).unref()`), checking each link.
  for (let link: Node | undefined = e; link; ) {
    if (Node.isCallExpression(link)) {
      const callee = link.getExpression();
      const text = callee.getText();
      if (/^(globalThis\.|global\.)?setInterval$/.test(text)) return { node: link, what: 'a timer (setInterval)' };
      if (Node.isPropertyAccessExpression(callee)) {
        const owner = callee.getExpression();
        const pkg = Node.isIdentifier(owner) ? bindings.get(owner.getText()) : undefined;
        if (pkg && STARTING_PACKAGES[pkg]!.calls?.includes(callee.getName())) return { node: link, what: STARTING_PACKAGES[pkg]!.what };
        link = owner;
        continue;
      }
      if (Node.isIdentifier(callee) && STARTING_PACKAGES[bindings.get(text) ?? '']?.calls?.includes(text)) return { node: link, what: STARTING_PACKAGES[bindings.get(text)!]!.what };
      return null;
    }
    if (Node.isNewExpression(link)) {
      const callee = link.getExpression().getText();
      const root = callee.split('.')[0]!;
      const pkg = bindings.get(root);
      const spec = pkg ? STARTING_PACKAGES[pkg] : undefined;
      if (spec?.constructs?.test(callee)) return { node: link, what: spec.what };
      return null;
    }
    if (Node.isPropertyAccessExpression(link)) {
      link = link.getExpression();
      continue;
    }
    return null;
  }
  return null;
}

/** `.listen(...)` calls anywhere in the file (see ModuleGraph.listens). */
function listenCalls(sf: SourceFile, rel: string): SourceLocation[] {
  const isListen = (n: ts.Node): boolean => {
    const callee = (n as ts.CallExpression).expression;
    return ts.isPropertyAccessExpression(callee) ? callee.name.text === 'listen' : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression) && callee.argumentExpression.text === 'listen';
  };
  return wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, isListen).map((call) => ({ file: rel, ...sf.getLineAndColumnAtPos(call.getStart()) }));
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
  const startup: Record<string, StartupEffect[]> = {};
  const listens: Record<string, SourceLocation[]> = {};
  const queue = entries.map((e) => path.resolve(root, e));
  while (queue.length) {
    const file = queue.shift()!;
    const key = rel(file);
    if (imports[key]) continue;
    imports[key] = [];
    const sf = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    if (!sf) continue;
    const effects = startupEffects(sf, key);
    if (effects.length) startup[key] = effects;
    const listening = listenCalls(sf, key);
    if (listening.length) listens[key] = listening;
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
  return { entries: entries.map((e) => rel(path.resolve(root, e))), imports, startup, listens };
}
