import * as path from 'node:path';
import { Node, SyntaxKind, ts } from 'ts-morph';
import type { HandlerModel, HandlerSource, ImportRef } from '../model/service-model';
import { middlewareIdentifier, uniqueName, type NameHint } from '../plan/naming';
import { literalValue, UNKNOWN } from './literal';
import { classOfThis, constructedClass, fieldValue } from './class-apps';
import { underCondition } from './conditions';
import { importRefFor, requireSpecifier, resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

const MAX_TEXT = 80;
/** Source text on one line, cut to a length a message can quote. */
export const shorten = (text: string): string => {
  const one = text.replace(/\s+/g, ' ');
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
};

/** Declared parameter count of a function-like value, when statically visible. */
function arityOf(node: Node | undefined): number | null {
  if (!node) return null;
  if (Node.isFunctionDeclaration(node) || Node.isFunctionExpression(node) || Node.isArrowFunction(node) || Node.isMethodDeclaration(node)) {
    // Function.length stops at the first default or rest parameter.
    let n = 0;
    for (const p of node.getParameters()) {
      if (p.isRestParameter() || p.hasInitializer()) break;
      if (p.getName() === 'this') continue;
      n++;
    }
    return n;
  }
  if (Node.isVariableDeclaration(node) || Node.isPropertyAssignment(node) || Node.isPropertyDeclaration(node)) {
    return arityOf(node.getInitializer());
  }
  return null;
}

/** Resolves the value of `expr` (identifier or property chain) to its declaration for arity. */
function declarationOfValue(expr: Node): Node | undefined {
  if (Node.isIdentifier(expr)) {
    const b = resolveIdentifier(expr);
    return b.kind === 'top-level' || b.kind === 'local' ? b.decl : undefined;
  }
  if (Node.isPropertyAccessExpression(expr)) {
    const sym = expr.getNameNode().getSymbol();
    return sym?.getDeclarations()[0];
  }
  return expr;
}

/**
 * Names of variables the expression reads from enclosing function scopes (which cannot be
 * hoisted to module scope), plus `this`/`arguments` of an enclosing function.
 */
export function capturedLocals(expr: Node): string[] {
  const enclosing = expr.getParentWhile((n) => !Node.isSourceFile(n) && !isFunctionLike(n));
  const fn = enclosing?.getParent();
  if (!fn || Node.isSourceFile(fn)) {
    // Registration at module scope: only `this` in an arrow is suspicious, and at module scope it is stable.
    return [];
  }
  const captured = new Set<string>();
  for (const id of expr.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const parent = id.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) continue;
    if (Node.isPropertyAssignment(parent) && parent.getNameNode() === id) continue;
    const decl = id.getSymbol()?.getDeclarations()[0];
    if (!decl || decl.getSourceFile() !== expr.getSourceFile()) continue;
    // Declared inside the expression itself: fine. Declared at module scope: fine.
    if (decl.getPos() >= expr.getPos() && decl.getEnd() <= expr.getEnd()) continue;
    if (!decl.getFirstAncestor(isFunctionLike)) continue;
    captured.add(id.getText());
  }
  const usesThis = (n: Node): boolean =>
    n.getDescendants().some((d) => {
      if (d.getKind() !== SyntaxKind.ThisKeyword && !(Node.isIdentifier(d) && d.getText() === 'arguments')) return false;
      // `this` bound by a nested non-arrow function inside the expression is its own.
      const owner = d.getFirstAncestor((a) => isFunctionLike(a) && !Node.isArrowFunction(a));
      return !owner || owner.getPos() < expr.getPos();
    });
  if (!(Node.isFunctionExpression(expr)) && usesThis(expr)) captured.add('this');
  return [...captured].sort();
}

function isFunctionLike(n: Node): boolean {
  return (
    Node.isFunctionDeclaration(n) ||
    Node.isFunctionExpression(n) ||
    Node.isArrowFunction(n) ||
    Node.isMethodDeclaration(n) ||
    Node.isConstructorDeclaration(n) ||
    Node.isGetAccessorDeclaration(n) ||
    Node.isSetAccessorDeclaration(n)
  );
}

/** Express's own middleware factories: pure functions of their (literal) options. */
const BUILTIN_FACTORIES: Record<string, Set<string>> = {
  express: new Set(['json', 'urlencoded', 'text', 'raw']),
};

/** `express.json({ limit: '1mb' })` with literal arguments, as a `package-call` source. */
function builtinFactoryCall(call: Node): HandlerSource | null {
  if (!Node.isCallExpression(call)) return null;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return null;
  const obj = callee.getExpression();
  if (!Node.isIdentifier(obj)) return null;
  const binding = resolveIdentifier(obj);
  if (binding.kind !== 'package' || binding.exportName !== 'default') return null;
  if (!BUILTIN_FACTORIES[binding.specifier]?.has(callee.getName())) return null;
  const args: unknown[] = [];
  for (const a of call.getArguments()) {
    const v = literalValue(a);
    if (v === UNKNOWN) return null;
    args.push(v);
  }
  return { kind: 'package-call', ref: { from: binding.specifier, isPackage: true, exportName: 'default', member: [callee.getName()] }, args };
}

/** The last name of a reference: `jobs.purgeSessions` → `purgeSessions`; null for other expressions. */
function refName(expr: Node): string | null {
  if (Node.isIdentifier(expr)) return expr.getText();
  if (Node.isPropertyAccessExpression(expr)) return expr.getName();
  return null;
}

/**
 * What `expr` says about its name (see `NameHint`): a reference, a call, a named function, or
 * a function whose body is one call (`() => jobs.sendDigest('daily')`), else null.
 */
export function nameHint(expr: Node | undefined): NameHint | null {
  if (!expr) return null;
  if (Node.isParenthesizedExpression(expr) || Node.isAsExpression(expr) || Node.isAwaitExpression(expr)) return nameHint(expr.getExpression());
  const ref = refName(expr);
  if (ref) return { ref };
  if (Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    // `jobs.run.bind(jobs)` is `jobs.run`.
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind') return nameHint(callee.getExpression());
    const call = refName(callee);
    if (!call) return null;
    const args = expr.getArguments().map((a) => {
      const r = refName(a);
      if (r) return { ref: r };
      return Node.isStringLiteral(a) || Node.isNoSubstitutionTemplateLiteral(a) ? { text: a.getLiteralText() } : null;
    });
    const owner = Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression()) ? callee.getExpression().getText() : undefined;
    return owner ? { call, args, owner } : { call, args };
  }
  if (Node.isFunctionExpression(expr) && expr.getName()) return { ref: expr.getName()! };
  if (Node.isArrowFunction(expr) || Node.isFunctionExpression(expr)) {
    const body = expr.getBody();
    if (!Node.isBlock(body)) return nameHint(body);
    const statements = body.getStatements();
    if (statements.length !== 1) return null;
    const only = statements[0]!;
    if (Node.isExpressionStatement(only) || Node.isReturnStatement(only)) return nameHint(only.getExpression());
  }
  return null;
}

/**
 * Name for an extracted middleware created by a call, after its factory and argument (see
 * `middlewareIdentifier`); when that name is taken and the factory is a method
 * (`passport.session()` beside `session({...})`), after its object too: `passportSessionMiddleware`
 * rather than `sessionMiddleware2`.
 */
function callName(expr: Node, taken: Set<string>): string | null {
  const hint = nameHint(expr);
  if (!hint || !('call' in hint)) return null;
  const name = middlewareIdentifier(hint);
  if (!taken.has(name) || !hint.owner) return name;
  const qualified = middlewareIdentifier({ ...hint, call: `${hint.owner}${hint.call[0]!.toUpperCase()}${hint.call.slice(1)}` });
  return taken.has(qualified) ? name : qualified;
}

/**
 * Export name for an extracted expression: a named function expression keeps its own name
 * when no module-scope binding has it; a call is named after its factory and argument
 * (`asyncHandler(createLink)` → `createLinkHandler`, `rateLimit({...})` → `rateLimitMiddleware`);
 * anonymous error handlers are `errorHandler`; others get `suggested`.
 */
function extractionName(expr: Node, suggested: string, arity: number | null, ctx: ScanContext): string {
  const sf = expr.getSourceFile();
  const taken = ctx.takenNames(sf);
  if (Node.isFunctionExpression(expr)) {
    const own = expr.getName();
    const declaredAtTop = own && (sf.getVariableDeclaration(own) || sf.getFunction(own) || sf.getClass(own) || sf.getImportDeclarations().some((i) => i.getText().includes(own)));
    if (own && !declaredAtTop && !ctx.isClaimed(sf, own)) {
      ctx.claim(sf, own);
      return own;
    }
  }
  const base = Node.isCallExpression(expr) ? (callName(expr, taken) ?? 'createMiddleware') : arity === 4 ? 'errorHandler' : suggested;
  return uniqueName(base, taken);
}

/**
 * The root-relative path of the module an identifier is imported or required from, when the
 * scan left that module out (over the size budget, binary, nested too deeply): its bindings
 * cannot be resolved, and a handler's reason should say why rather than "cannot tell".
 */
function notScannedModule(id: Node, ctx: ScanContext): string | null {
  if (!ctx.notScanned.size) return null;
  const decl = id.getSymbol()?.getDeclarations()[0];
  const imp = decl?.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
  const call = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : decl?.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)?.getInitializer();
  const spec = imp ? imp.getModuleSpecifierValue() : requireSpecifier(call);
  if (spec === null) return null;
  // The module is an empty text to the program (not a module), so resolve the specifier itself.
  const from = id.getSourceFile().getFilePath();
  const resolved = ts.resolveModuleName(spec, from, id.getProject().getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
  if (!resolved) return null;
  const file = path.resolve(resolved);
  return [...ctx.notScanned.keys()].some((f) => path.resolve(f) === file) ? ctx.rel(file) : null;
}

/**
 * Describes one handler/middleware argument: where the generated module can import it from,
 * or what rewrite makes it importable, or why it cannot be.
 * `suggested` is the export name an inline handler gets (e.g. `getUsersByIdHandler`).
 */
export function describeHandler(expr: Node, suggested: string, ctx: ScanContext): HandlerModel {
  const loc = ctx.loc(expr);
  const base = { text: shorten(expr.getText()), loc };
  const finish = (source: HandlerSource, arity: number | null): HandlerModel => ({
    ...base,
    source,
    arity,
    isErrorHandler: arity === 4,
  });

  // `controller.list`, `handlers.users.get`: import the root object and read the members.
  let root: Node = expr;
  const member: string[] = [];
  while (Node.isPropertyAccessExpression(root)) {
    member.unshift(root.getName());
    root = root.getExpression();
  }
  if (root.getKind() === SyntaxKind.ThisKeyword && member.length) {
    return finish(instanceMember(root, member, ctx), arityOf(declarationOfValue(expr)));
  }
  if (Node.isIdentifier(root)) {
    const arity = arityOf(declarationOfValue(expr));
    const binding = resolveIdentifier(root);
    if (binding.kind === 'local') {
      return finish({ kind: 'unsupported', reason: `\`${binding.name}\` is declared inside a function, so no other module can import it` }, arity);
    }
    if (binding.kind === 'unknown') {
      const skipped = notScannedModule(root, ctx);
      if (skipped) return finish({ kind: 'unsupported', reason: `\`${root.getText()}\` comes from ${skipped}, which the scan did not read: see that file's diagnostic` }, arity);
      return finish({ kind: 'unsupported', reason: `cannot tell where \`${root.getText()}\` is defined` }, arity);
    }
    if (binding.kind === 'module' && binding.exportName === null) {
      // `import * as ctrl` + `ctrl.list`: import `list` itself.
      const [first, ...rest] = member;
      if (!first) return finish({ kind: 'unsupported', reason: `a whole module namespace is not a handler` }, arity);
      return finish({ kind: 'import', ref: { from: ctx.rel(binding.sf), isPackage: false, exportName: first, ...(rest.length ? { member: rest } : {}) } }, arity);
    }
    const ref = importRefFor(binding, ctx);
    const withMember = (r: ImportRef): ImportRef => (member.length ? { ...r, member: [...(r.member ?? []), ...member] } : r);
    if (ref) return finish({ kind: 'import', ref: withMember(ref) }, arity);
    if (binding.kind === 'top-level') {
      if (!Node.isVariableDeclaration(binding.decl) && !Node.isFunctionDeclaration(binding.decl) && !Node.isClassDeclaration(binding.decl)) {
        return finish({ kind: 'unsupported', reason: `\`${binding.name}\` is not a variable, function or class declaration that can be exported` }, arity);
      }
      const file = ctx.rel(binding.sf);
      return finish(
        { kind: 'export', file, localName: binding.name, ref: withMember({ from: file, isPackage: false, exportName: binding.name }) },
        arity,
      );
    }
  }

  const builtin = Node.isCallExpression(expr) ? builtinFactoryCall(expr) : null;
  if (builtin) return finish(builtin, null);

  // A call inside a class method runs once per instance, one under a condition only when it
  // holds: neither can be hoisted to module scope; the generated module makes the same call.
  if (Node.isCallExpression(expr) && (classOfThis(expr) || underCondition(expr))) return finish(recreatedCall(expr, ctx), null);

  if (Node.isFunctionExpression(expr) || Node.isArrowFunction(expr) || Node.isCallExpression(expr)) {
    const captured = capturedLocals(expr);
    const arity = Node.isCallExpression(expr) ? null : arityOf(expr);
    if (captured.length) {
      return finish(
        { kind: 'unsupported', reason: `it uses ${captured.map((c) => `\`${c}\``).join(', ')} from the enclosing function, which cannot be moved to module scope` },
        arity,
      );
    }
    const sf = expr.getSourceFile();
    const exportName = extractionName(expr, suggested, arity, ctx);
    const file = ctx.rel(sf);
    return finish(
      { kind: 'extract', file, exportName, start: expr.getStart(), end: expr.getEnd(), ref: { from: file, isPackage: false, exportName } },
      arity,
    );
  }
  return finish({ kind: 'unsupported', reason: `a ${expr.getKindName()} cannot be referenced from a generated module` }, null);
}

/**
 * `this.users.getUserById` inside a class: `users = new UsersController()` (no arguments)
 * becomes `new UsersController().getUserById` in the generated module; `this.handle` (a
 * member of the class itself) becomes `new ThisClass().handle` when the class is importable
 * and its constructor takes no arguments.
 */
function instanceMember(thisNode: Node, member: string[], ctx: ScanContext): HandlerSource {
  const cls = classOfThis(thisNode);
  if (!cls) return { kind: 'unsupported', reason: '`this` here is not an instance of a class the scan can follow' };
  const [field, ...rest] = member as [string, ...string[]];
  const value = fieldValue(cls, field);
  const constructed = constructedClass(value);
  const target = constructed && value && Node.isNewExpression(value) && !value.getArguments().length ? constructed : undefined;
  if (target && rest.length) {
    const ref = classRef(target, ctx);
    if (ref) return { kind: 'instance', ref, member: rest, ...named(target) };
    return { kind: 'unsupported', reason: `class \`${target.getName() ?? 'default'}\` is not exported, so no other module can create it` };
  }
  const own = cls.getInstanceMember(field);
  if (own && !value) {
    const ctor = cls.getConstructors()[0];
    if (ctor && ctor.getParameters().some((p) => !p.hasInitializer() && !p.isOptional())) {
      return { kind: 'unsupported', reason: `\`${cls.getName() ?? 'class'}\` needs constructor arguments, so a generated module cannot create its own instance` };
    }
    const ref = classRef(cls, ctx);
    if (ref) return { kind: 'instance', ref, member, ...named(cls) };
    return { kind: 'unsupported', reason: `class \`${cls.getName() ?? 'default'}\` is not exported, so no other module can create it` };
  }
  return { kind: 'unsupported', reason: `\`this.${field}\` is not a field set once to \`new Class()\` without arguments` };
}

const named = (cls: import('ts-morph').ClassDeclaration): { className?: string } => {
  const name = cls.getName();
  return name ? { className: name } : {};
};

function classRef(cls: import('ts-morph').ClassDeclaration, ctx: ScanContext): ImportRef | null {
  const name = cls.getName();
  if (cls.isDefaultExport()) return { from: ctx.rel(cls.getSourceFile()), isPackage: false, exportName: 'default' };
  if (name) return importRefFor({ kind: 'top-level', decl: cls, sf: cls.getSourceFile(), name }, ctx);
  return null;
}

/** The importable value an identifier or property chain (`express.json`, `config.cors`) names. */
function valueRef(expr: Node, ctx: ScanContext): ImportRef | null {
  let root: Node = expr;
  const member: string[] = [];
  while (Node.isPropertyAccessExpression(root)) {
    member.unshift(root.getName());
    root = root.getExpression();
  }
  if (!Node.isIdentifier(root)) return null;
  const binding = resolveIdentifier(root);
  if (binding.kind === 'module' && binding.exportName === null) {
    const [first, ...rest] = member;
    return first ? { from: ctx.rel(binding.sf), isPackage: false, exportName: first, ...(rest.length ? { member: rest } : {}) } : null;
  }
  const ref = importRefFor(binding, ctx);
  return ref && member.length ? { ...ref, member: [...(ref.member ?? []), ...member] } : ref;
}

/**
 * `cors({ origin: ORIGIN })` inside a class method: the same call made by the generated module,
 * when the callee and every argument are literals or importable values.
 */
function recreatedCall(call: import('ts-morph').CallExpression, ctx: ScanContext): HandlerSource {
  const ref = valueRef(call.getExpression(), ctx);
  const where = classOfThis(call) ? 'inside a class' : 'under a condition';
  if (!ref) return { kind: 'unsupported', reason: `it is created ${where} by \`${shorten(call.getExpression().getText())}\`, which no other module can import` };
  const args: Array<{ literal: unknown } | { ref: ImportRef }> = [];
  for (const a of call.getArguments()) {
    const v = literalValue(a);
    if (v !== UNKNOWN) {
      args.push({ literal: v });
      continue;
    }
    const r = Node.isIdentifier(a) || Node.isPropertyAccessExpression(a) ? valueRef(a, ctx) : null;
    if (!r) return { kind: 'unsupported', reason: `it is created ${where} with the argument \`${shorten(a.getText())}\`, which a generated module cannot re-create` };
    args.push({ ref: r });
  }
  return { kind: 'call', ref, args };
}
