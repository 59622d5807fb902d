/**
 * Code a generated module runs to compute a value (a registration's condition, a setting, an
 * `app.locals` value) as the original computes it, or the reason it cannot:
 *
 *     // Before: src/app.js
 *     const config = require('./config');
 *     const viewsDir = path.join(__dirname, 'views');
 *     app.set('views', [path.join(__dirname, '../custom/views'), viewsDir]);
 *     app.set('json spaces', config.jsonSpaces);
 *     Object.assign(app.locals, require('./helpers'));
 *
 *     // After: lambda/http/getRoot.js (CommonJS; an ES module writes fileURLToPath(new URL('../../src', import.meta.url)))
 *     const { join } = require('node:path');
 *     const config = require('../../src/config.js');
 *     const helpers = require('../../src/helpers.js');
 *     app.set('views', [join(__dirname, '../../custom/views'), join(__dirname, '../../src/views')]);
 *     app.set('json spaces', config.jsonSpaces);
 *     Object.assign(app.locals, helpers);
 *
 * An expression is carried when every name it reads is one the generated module binds to the
 * same value: `process.env`, another module's export or a package (imported, so the value is
 * the very object the original reads), a module-level constant of the same file (exported: imported, else
 * inlined, so the generated module computes it at its own load), `__dirname` / `__filename` /
 * `import.meta.url|dirname|filename` of the module that wrote it (a `modulePath` piece: emit
 * writes a path from the generated module to that module, which the IaC's esbuild plugin keeps
 * right when bundled), `path` / `url` built-ins, `require('x')` of a package or project module,
 * and a few pure built-ins (`Boolean`, `includes`, ...). Anything else (parameters, `this`,
 * mutable variables, calls that may have effects, functions defined inline) is `Refused` with a
 * reason: those values stay with the whole-app function, which runs the original code.
 */
import { Node, SourceFile, SyntaxKind, ts, type Identifier } from 'ts-morph';
import { descendantsWhere } from './descendants';
import type { ConditionCode, ImportRef } from '../model/service-model';
import { importRefFor, projectModule, requireSpecifier, resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

/** What the scanner knows about the objects an expression reads. */
export interface ConditionReaders {
  /** The id of the Express app `node` is, if it is one. */
  expressApp?: (node: Node) => string | undefined;
}

/** Readers, the apps whose `env` setting the code reads (filled in), and whether exported constants are imported. */
export type Translation = ConditionReaders & {
  apps: string[];
  /** A module-level constant of the same file that is exported is imported rather than inlined. */
  preferExports?: boolean;
};

/** Express's own default of the `env` setting (express/lib/application.js `defaultConfiguration`). */
export const EXPRESS_ENV_DEFAULT = "(process.env.NODE_ENV || 'development')";

/** Built-in values a test may read as they are. */
const GLOBAL_VALUES = new Set(['undefined', 'NaN', 'Infinity', 'Boolean', 'Number', 'String', 'parseInt', 'parseFloat', 'isNaN', 'JSON', 'Array']);
/** Built-in functions without effects whose answer depends only on their arguments. */
const PURE_FUNCTIONS = new Set(['Boolean', 'Number', 'String', 'parseInt', 'parseFloat', 'isNaN']);
/** Methods of strings and arrays without effects, and `JSON.parse`, `Array.isArray`. */
const PURE_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'split', 'indexOf', 'test', 'match', 'toString']);
const PURE_STATICS: Record<string, Set<string>> = { JSON: new Set(['parse']), Array: new Set(['isArray']) };
/** Node's `path` and `url` modules, and what of them computes without effects (`path.posix.join` too). */
const BUILTINS: Record<string, Set<string>> = {
  path: new Set(['join', 'resolve', 'dirname', 'basename', 'extname', 'normalize', 'relative', 'isAbsolute', 'sep', 'delimiter', 'posix', 'win32']),
  url: new Set(['fileURLToPath', 'pathToFileURL']),
};

const MAX_TEXT = 80;
const MAX_DEPTH = 8;
export const shorten = (text: string): string => {
  const one = text.replace(/\s+/g, ' ');
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
};

export class Refused extends Error {}

/** `path`/`node:path`/`url`/`node:url` → `path`/`url`; null for anything else. */
function builtinModule(specifier: string): string | null {
  const name = specifier.replace(/^node:/, '');
  return BUILTINS[name] ? name : null;
}

/** The code of a value a generated module computes as the original does, or why it cannot. */
export function carriedValue(expr: Node, ctx: ScanContext, readers: ConditionReaders = {}, options: { factoryCall?: boolean } = {}): { code: ConditionCode } | { reason: string } {
  try {
    const apps: string[] = [];
    const translation = { ...readers, apps, preferExports: true };
    const home = expr.getSourceFile();
    // `engine({ extname: '.hbs' })`: a package's factory called where the value is made (an engine
    // function), with arguments carried like any value.
    const factory = options.factoryCall && Node.isCallExpression(expr) && packageFunction(expr.getExpression()) ? expr : null;
    const code = factory
      ? [...translate(factory.getExpression(), home, ctx, 0, translation), '(', ...factory.getArguments().flatMap((a, i) => [...(i ? [', '] : []), ...translate(a, home, ctx, 0, translation)]), ')']
      : translate(expr, home, ctx, 0, translation);
    // Whether the app sets `env` itself is known only once the scan is done (conditions are taken back then).
    if (apps.length) return { reason: "it reads the app's `env` setting" };
    return { code };
  } catch (e) {
    if (e instanceof Refused) return { reason: e.message };
    throw e;
  }
}

interface Piece {
  start: number;
  end: number;
  code: ConditionCode;
}

/** `app.get('env')` on an Express app: the id of the app, else undefined. */
function appEnvRead(call: import('ts-morph').CallExpression, readers: Translation): string | undefined {
  const callee = call.getExpression();
  const args = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'get' || args.length !== 1) return undefined;
  const arg = args[0]!;
  if (!(Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) || arg.getLiteralText() !== 'env') return undefined;
  return readers.expressApp?.(callee.getExpression());
}

/** `path.join` (`import * as path from 'path'`, `const path = require('node:path')`): the import of `join` from that built-in. */
function builtinMember(access: import('ts-morph').PropertyAccessExpression): ImportRef | null {
  const obj = access.getExpression();
  if (!Node.isIdentifier(obj) || isGlobal(obj)) return null;
  const b = resolveIdentifier(obj);
  if (b.kind !== 'package' || b.exportName !== 'default') return null;
  const mod = builtinModule(b.specifier);
  return mod && BUILTINS[mod]!.has(access.getName()) ? { from: `node:${mod}`, isPackage: true, exportName: access.getName() } : null;
}

/** Code for `expr` in a generated module (see the file comment); throws Refused. */
export function translate(expr: Node, home: SourceFile, ctx: ScanContext, depth: number, readers: Translation): ConditionCode {
  if (depth > MAX_DEPTH) throw new Refused(`\`${shorten(expr.getText())}\` is defined through too many constants`);
  const pieces: Piece[] = [];
  const replace = (n: Node, code: ConditionCode) => pieces.push({ start: n.getStart(), end: n.getEnd(), code });

  const visit = (n: Node): void => {
    if (Node.isTypeNode(n)) return;
    if (n.getKind() === SyntaxKind.ThisKeyword) throw new Refused('it reads `this`, state of an instance');
    if (Node.isIdentifier(n)) {
      const code = identifierCode(n, home, ctx, depth, readers);
      if (code) replace(n, code);
      return;
    }
    if (Node.isPropertyAccessExpression(n)) {
      const obj = n.getExpression();
      // `import.meta.url` of the module that wrote it.
      if (Node.isMetaProperty(obj)) {
        const name = n.getName();
        if (name !== 'url' && name !== 'dirname' && name !== 'filename') throw new Refused(`it reads \`${n.getText()}\``);
        replace(n, [{ modulePath: name, file: ctx.rel(n.getSourceFile()) }]);
        return;
      }
      // `import * as config from './config'`: `config.flags` is the export `flags`.
      if (Node.isIdentifier(obj)) {
        const builtin = builtinMember(n);
        if (builtin) {
          replace(n, [{ ref: builtin }]);
          return;
        }
        const b = isGlobal(obj) ? null : resolveIdentifier(obj);
        if (b?.kind === 'module' && b.exportName === null) {
          replace(n, [{ ref: { from: ctx.rel(b.sf), isPackage: false, exportName: n.getName() } }]);
          return;
        }
        if (obj.getText() === 'process' && isGlobal(obj)) {
          if (n.getName() !== 'env') throw new Refused(`it reads \`${n.getText()}\`, which differs between the server and Lambda`);
          return;
        }
      }
      visit(obj);
      return;
    }
    if (Node.isCallExpression(n)) {
      const app = appEnvRead(n, readers);
      if (app) {
        readers.apps.push(app);
        replace(n, [EXPRESS_ENV_DEFAULT]);
        return;
      }
      // `fileURLToPath(import.meta.url)`, `path.dirname(fileURLToPath(import.meta.url))`: the module's own __filename / __dirname.
      const own = ownLocation(n);
      if (own) {
        replace(n, [{ modulePath: own, file: ctx.rel(n.getSourceFile()) }]);
        return;
      }
      const required = requiredRef(n, ctx);
      if (required) {
        replace(n, [{ ref: required }]);
        return;
      }
      checkPureCall(n);
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee) || Node.isIdentifier(callee)) visit(callee);
      for (const a of n.getArguments()) visit(a);
      return;
    }
    if (Node.isBinaryExpression(n)) {
      const op = n.getOperatorToken().getKind();
      if (op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment) throw new Refused(`it assigns (\`${shorten(n.getText())}\`)`);
    }
    if ((Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) && (n.getOperatorToken() === SyntaxKind.PlusPlusToken || n.getOperatorToken() === SyntaxKind.MinusMinusToken)) {
      throw new Refused(`it changes a variable (\`${shorten(n.getText())}\`)`);
    }
    if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isClassExpression(n) || Node.isMethodDeclaration(n) || Node.isGetAccessorDeclaration(n) || Node.isSetAccessorDeclaration(n)) {
      throw new Refused('it defines a function');
    }
    // `new URL('./views/', import.meta.url)` builds a value and nothing else.
    if (Node.isNewExpression(n) && Node.isIdentifier(n.getExpression()) && n.getExpression().getText() === 'URL' && isGlobal(n.getExpression())) {
      for (const a of n.getArguments() ?? []) visit(a);
      return;
    }
    if (Node.isNewExpression(n) || Node.isAwaitExpression(n) || Node.isYieldExpression(n) || Node.isTaggedTemplateExpression(n) || Node.isDeleteExpression(n)) {
      throw new Refused(`\`${shorten(n.getText())}\` may have effects or answer differently at another load`);
    }
    if (Node.isShorthandPropertyAssignment(n)) {
      // `{ config }` → `{ config: <its code> }`.
      const code = identifierCode(n.getNameNode(), home, ctx, depth, readers);
      if (code) replace(n, [`${n.getName()}: `, ...code]);
      return;
    }
    if (Node.isPropertyAssignment(n)) {
      const name = n.getNameNode();
      if (Node.isComputedPropertyName(name)) visit(name.getExpression());
      const init = n.getInitializer();
      if (init) visit(init);
      return;
    }
    n.forEachChild(visit);
  };
  visit(expr);

  const text = expr.getText();
  const base = expr.getStart();
  const out: ConditionCode = [];
  let at = base;
  const push = (part: ConditionCode[number]) => {
    const last = out[out.length - 1];
    if (typeof part === 'string' && typeof last === 'string') out[out.length - 1] = last + part;
    else if (part !== '') out.push(part);
  };
  for (const p of pieces.sort((a, b) => a.start - b.start)) {
    push(text.slice(at - base, p.start - base));
    for (const c of p.code) push(c);
    at = p.end;
  }
  push(text.slice(at - base));
  return out;
}

/** `require('ejs')`, `require('./helpers')` with the global `require`: the module's default export (module.exports). */
function requiredRef(call: import('ts-morph').CallExpression, ctx: ScanContext): ImportRef | null {
  const spec = requireSpecifier(call);
  if (spec === null || !isGlobal(call.getExpression())) return null;
  const builtin = builtinModule(spec);
  if (builtin) throw new Refused(`it reads \`require('${spec}')\` as a whole`);
  const sf = projectModule(call);
  if (sf) return { from: ctx.rel(sf), isPackage: false, exportName: 'default' };
  if (spec.startsWith('.') || spec.startsWith('/')) throw new Refused(`it requires \`${spec}\`, which is not a module of the service the scan reads`);
  return { from: spec, isPackage: true, exportName: 'default' };
}

function checkPureCall(call: import('ts-morph').CallExpression): void {
  const callee = call.getExpression();
  const refuse = () => new Refused(`it calls \`${shorten(callee.getText())}()\`, which may have effects or answer differently at another load`);
  if (Node.isIdentifier(callee)) {
    if (PURE_FUNCTIONS.has(callee.getText()) && isGlobal(callee)) return;
    // `join(...)` imported from 'path', `fileURLToPath(...)` from 'node:url'.
    const b = isGlobal(callee) ? null : resolveIdentifier(callee);
    if (b?.kind === 'package' && BUILTINS[builtinModule(b.specifier) ?? '']?.has(b.exportName)) return;
    throw refuse();
  }
  if (!Node.isPropertyAccessExpression(callee)) throw refuse();
  if (builtinMember(callee)) return;
  const obj = callee.getExpression();
  const name = callee.getName();
  // `path.posix.join(...)`
  if (Node.isPropertyAccessExpression(obj) && (obj.getName() === 'posix' || obj.getName() === 'win32') && builtinMember(obj) && BUILTINS.path!.has(name)) return;
  if (Node.isIdentifier(obj) && PURE_STATICS[obj.getText()] && isGlobal(obj)) {
    if (PURE_STATICS[obj.getText()]!.has(name)) return;
    throw refuse();
  }
  if (!PURE_METHODS.has(name)) throw refuse();
}

/** Which built-in path function `callee` is (`path.dirname`, `dirname` from 'node:path', `url.fileURLToPath`), if any. */
function builtinFunction(callee: Node): string | null {
  if (Node.isPropertyAccessExpression(callee)) return builtinMember(callee)?.exportName ?? null;
  if (!Node.isIdentifier(callee) || isGlobal(callee)) return null;
  const b = resolveIdentifier(callee);
  return b.kind === 'package' && builtinModule(b.specifier) ? b.exportName : null;
}

/** `fileURLToPath(import.meta.url)` → `filename`; `dirname(fileURLToPath(import.meta.url))` → `dirname`. */
function ownLocation(call: import('ts-morph').CallExpression): 'dirname' | 'filename' | null {
  const [arg, more] = call.getArguments();
  if (!arg || more || !Node.isCallExpression(arg) && !Node.isPropertyAccessExpression(arg)) return null;
  const fn = builtinFunction(call.getExpression());
  if (fn === 'fileURLToPath') return Node.isPropertyAccessExpression(arg) && Node.isMetaProperty(arg.getExpression()) && arg.getName() === 'url' ? 'filename' : null;
  return fn === 'dirname' && Node.isCallExpression(arg) && ownLocation(arg) === 'filename' ? 'dirname' : null;
}

/** `engine` imported from a package, `exphbs.create` / `hbs.engine` on one: a function of a package. */
function packageFunction(callee: Node): boolean {
  const base = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
  if (!Node.isIdentifier(base) || isGlobal(base)) return false;
  const b = resolveIdentifier(base);
  return b.kind === 'package' && !builtinModule(b.specifier);
}

/** Whether `sf` is an ES module (imports or exports with ES syntax), not CommonJS. */
function isEsModule(sf: SourceFile): boolean {
  return (sf.compilerNode as ts.SourceFile & { externalModuleIndicator?: unknown }).externalModuleIndicator !== undefined;
}

/** A name no project declaration binds: a built-in (or something the scan cannot see). */
function isGlobal(id: Node): boolean {
  const decls = id.getSymbol()?.getDeclarations() ?? [];
  return decls.every((d) => d.getSourceFile().isDeclarationFile() || d.getSourceFile().isInNodeModules());
}

/** Replacement code for an identifier the code reads, null to keep it as written; throws Refused. */
function identifierCode(id: Identifier, home: SourceFile, ctx: ScanContext, depth: number, readers: Translation): ConditionCode | null {
  const name = id.getText();
  if (isGlobal(id)) {
    if (GLOBAL_VALUES.has(name)) return null;
    // The location of the module that wrote it, not of the generated module.
    if (name === '__dirname' || name === '__filename') return [{ modulePath: name === '__dirname' ? 'dirname' : 'filename', file: ctx.rel(id.getSourceFile()) }];
    if (name === 'process') throw new Refused('it reads `process` other than `process.env`');
    throw new Refused(`it reads \`${name}\`, which the scan cannot resolve`);
  }
  const binding = resolveIdentifier(id);
  switch (binding.kind) {
    case 'package':
    case 'module': {
      // A module as a whole (`const helpers = require('./helpers')` of `exports.x = …`, `import * as helpers`):
      // its module.exports for CommonJS, its namespace object for an ES module.
      const ref = binding.kind === 'module' && binding.exportName === null ? { from: ctx.rel(binding.sf), isPackage: false, exportName: isEsModule(binding.sf) ? '*' : 'default' } : importRefFor(binding, ctx);
      if (!ref) throw new Refused(`it reads the module \`${name}\` as a whole`);
      if (ref.isPackage && builtinModule(ref.from)) {
        // `join` imported from 'path' by name; the module as a whole only through its members (builtinMember).
        if (ref.exportName === 'default' || !BUILTINS[builtinModule(ref.from)!]!.has(ref.exportName)) throw new Refused(`it reads \`${name}\` of the built-in \`${ref.from}\``);
        return [{ ref: { ...ref, from: `node:${builtinModule(ref.from)}` } }];
      }
      return [{ ref }];
    }
    case 'local':
      throw new Refused(`it reads \`${name}\`, a parameter or local variable of the enclosing function`);
    case 'unknown':
      throw new Refused(`it reads \`${name}\`, which the scan cannot resolve`);
    case 'top-level':
      break;
  }
  const decl = binding.decl;
  const varDecl = Node.isVariableDeclaration(decl) ? decl : Node.isBindingElement(decl) ? decl.getFirstAncestorByKind(SyntaxKind.VariableDeclaration) : undefined;
  if (varDecl && varDecl.getVariableStatement()?.getDeclarationKind() !== 'const' && isReassigned(binding.name, decl, binding.sf)) {
    throw new Refused(`it reads \`${binding.name}\`, a variable the code changes after it is declared`);
  }
  if (binding.sf !== home || (readers.preferExports && varDecl)) {
    // Another module's export (a config module), or this module's exported constant: the generated module imports it too.
    const ref = importRefFor(binding, ctx);
    if (ref) return [{ ref }];
    if (binding.sf !== home) throw new Refused(`it reads \`${binding.name}\`, which ${ctx.rel(binding.sf)} does not export`);
  }
  if (!varDecl) throw new Refused(`it reads \`${name}\`, a ${decl.getKindName()} of this module`);
  const init = varDecl.getInitializer();
  if (!init) throw new Refused(`it reads \`${name}\`, which is declared without a value`);
  if (Node.isVariableDeclaration(decl)) return wrapped(init, translate(init, home, ctx, depth + 1, readers));
  // `const { env } = process`, `const { NODE_ENV } = process.env`: one level of destructuring.
  const element = decl as import('ts-morph').BindingElement;
  const pattern = element.getParent();
  const property = element.getPropertyNameNode()?.getText() ?? element.getName();
  if (pattern?.getParent() !== varDecl || !Node.isObjectBindingPattern(pattern) || element.getInitializer() || element.getDotDotDotToken() || !/^[A-Za-z_$][\w$]*$/.test(property)) {
    throw new Refused(`it reads \`${name}\`, destructured in a way the scan does not follow`);
  }
  if (Node.isIdentifier(init) && init.getText() === 'process' && isGlobal(init)) {
    if (property !== 'env') throw new Refused(`it reads \`process.${property}\`, which differs between the server and Lambda`);
    return ['process.env'];
  }
  return [...wrapped(init, translate(init, home, ctx, depth + 1, readers)), `.${property}`];
}

/** Parentheses around an inlined constant unless it is one primary expression already. */
function wrapped(init: Node, code: ConditionCode): ConditionCode {
  const primary = Node.isIdentifier(init) || Node.isPropertyAccessExpression(init) || Node.isElementAccessExpression(init) || Node.isCallExpression(init) || Node.isParenthesizedExpression(init) || Node.isLiteralExpression(init) || Node.isArrayLiteralExpression(init) || Node.isObjectLiteralExpression(init);
  return primary ? code : ['(', ...code, ')'];
}

/** Whether a `let`/`var` binding is assigned (or incremented) anywhere in its file after its declaration. */
function isReassigned(name: string, decl: Node, sf: SourceFile): boolean {
  for (const id of descendantsWhere(sf, (n) => ts.isIdentifier(n) && n.getText(sf.compilerNode) === name)) {
    if (id.getText() !== name || id.getSymbol()?.getDeclarations()[0] !== decl) continue;
    const parent = id.getParent();
    if (Node.isBinaryExpression(parent) && parent.getLeft() === id) {
      const op = parent.getOperatorToken().getKind();
      if (op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment) return true;
    }
    if ((Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) && (parent.getOperatorToken() === SyntaxKind.PlusPlusToken || parent.getOperatorToken() === SyntaxKind.MinusMinusToken)) return true;
  }
  return false;
}
