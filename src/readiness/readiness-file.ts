/**
 * One source file as the readiness rules see it: the TypeScript AST (the scan's own, when the
 * scan parsed the file), an index of the node kinds rules look at, built in one walk, what
 * each local name was imported from, and helpers for the questions every rule asks (is this
 * inside a request handler? at module load? what number is this?).
 */
import { ts } from 'ts-morph';
import type { SourceLocation } from '../model/diagnostic';

/** Where a local name comes from: `import x from 'm'`, `const { a: x } = require('m')`, ... */
export interface ImportBinding {
  module: string;
  /** `default`, `*` (namespace / whole `require`), or the imported name. */
  name: string;
}

const REQ_NAMES = new Set(['req', 'request']);
const RES_NAMES = new Set(['res', 'response', 'reply']);
const CTX_NAMES = new Set(['ctx', 'context']);

export class ReadinessFile {
  readonly calls: ts.CallExpression[] = [];
  readonly news: ts.NewExpression[] = [];
  readonly propertyAccesses: ts.PropertyAccessExpression[] = [];
  /** `a = b`, `a += b`, `a++`, `--a`, `delete a.b`. */
  readonly writes: Array<{ node: ts.Node; target: ts.Expression }> = [];
  /** Declarations of top-level `let`/`var`/`const` statements. */
  readonly topLevelVariables: Array<{ decl: ts.VariableDeclaration; kind: 'let' | 'var' | 'const' }> = [];
  readonly imports = new Map<string, ImportBinding>();

  constructor(
    /** Relative to the service root, POSIX separators. */
    readonly rel: string,
    readonly sf: ts.SourceFile,
  ) {
    this.index(sf);
  }

  get text(): string {
    return this.sf.text;
  }

  loc(node: ts.Node): SourceLocation {
    const { line, character } = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    return { file: this.rel, line: line + 1, column: character + 1 };
  }

  /** The module a local name was imported or required from, if any. */
  moduleOf(name: string): string | undefined {
    return this.imports.get(name)?.module;
  }

  /** Local names bound to `module` (any import form). */
  namesFrom(module: string | ((m: string) => boolean)): string[] {
    const test = typeof module === 'string' ? (m: string) => m === module : module;
    return [...this.imports].filter(([, b]) => test(b.module)).map(([n]) => n);
  }

  /** Whether the file imports or requires `module` at all. */
  uses(module: string | ((m: string) => boolean)): boolean {
    return this.namesFrom(module).length > 0 || this.requiredModules.some(typeof module === 'string' ? (m) => m === module : module);
  }

  /** Modules required without binding a name (`require('ws')` used inline). */
  readonly requiredModules: string[] = [];

  /** The innermost function-like node around `node`, or undefined at module level. */
  enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
    for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p) && !ts.isTypeNode(p)) return p as ts.SignatureDeclaration;
    return undefined;
  }

  /** Whether `node` runs when the module loads (not inside any function). */
  atModuleLoad(node: ts.Node): boolean {
    return this.enclosingFunction(node) === undefined;
  }

  /** The nearest enclosing function that handles a request (see {@link isHandlerFunction}). */
  enclosingHandler(node: ts.Node): ts.SignatureDeclaration | undefined {
    for (let fn = this.enclosingFunction(node); fn; fn = this.enclosingFunction(fn)) if (isHandlerFunction(fn)) return fn;
    return undefined;
  }

  private index(sf: ts.SourceFile): void {
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st)) {
        const flags = st.declarationList.flags;
        const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
        for (const decl of st.declarationList.declarations) this.topLevelVariables.push({ decl, kind });
      }
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
        const module = st.moduleSpecifier.text;
        const c = st.importClause;
        if (c.name) this.imports.set(c.name.text, { module, name: 'default' });
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) this.imports.set(c.namedBindings.name.text, { module, name: '*' });
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
          for (const el of c.namedBindings.elements) this.imports.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
        }
      }
    }
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        this.calls.push(node);
        const required = requireSpecifier(node);
        if (required !== undefined) this.bindRequire(node, required);
      } else if (ts.isNewExpression(node)) this.news.push(node);
      else if (ts.isPropertyAccessExpression(node)) this.propertyAccesses.push(node);
      else if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) this.writes.push({ node, target: node.left });
      else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
        this.writes.push({ node, target: node.operand });
      } else if (ts.isDeleteExpression(node)) this.writes.push({ node, target: node.expression });
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** `const x = require('m')`, `const { a, b: c } = require('m')`, `const x = require('m').y`. */
  private bindRequire(call: ts.CallExpression, module: string): void {
    let expr: ts.Node = call;
    let member: string | undefined;
    if (ts.isPropertyAccessExpression(call.parent) && call.parent.expression === call) {
      member = call.parent.name.text;
      expr = call.parent;
    }
    const decl = expr.parent;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer === expr) {
      if (ts.isIdentifier(decl.name)) {
        this.imports.set(decl.name.text, { module, name: member ?? '*' });
        return;
      }
      if (ts.isObjectBindingPattern(decl.name) && member === undefined) {
        for (const el of decl.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          this.imports.set(el.name.text, { module, name: imported });
        }
        return;
      }
    }
    this.requiredModules.push(module);
  }
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** The specifier of `require('x')` / `import('x')`, else undefined. */
export function requireSpecifier(call: ts.CallExpression): string | undefined {
  const arg = call.arguments[0];
  if (call.arguments.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) return undefined;
  if (ts.isIdentifier(call.expression) && call.expression.text === 'require') return arg.text;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return arg.text;
  return undefined;
}

function paramName(p: ts.ParameterDeclaration | undefined): string | undefined {
  return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

/**
 * Whether a function handles a request, judged by its parameters as real services name them:
 * Express `(req, res, next)` (also `request`/`response`, or destructured `({ body }, res)`),
 * Koa `(ctx, next)`.
 */
export function isHandlerFunction(fn: ts.SignatureDeclaration): boolean {
  const [first, second] = fn.parameters;
  const a = paramName(first);
  const b = paramName(second);
  if (b !== undefined && RES_NAMES.has(b)) return true;
  if (a !== undefined && REQ_NAMES.has(a) && fn.parameters.length >= 2) return true;
  return a !== undefined && CTX_NAMES.has(a) && (fn.parameters.length === 1 || b === 'next');
}

/** The dotted text of a callee made of names (`fs.promises.writeFile`), else undefined. */
export function dottedName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const head = dottedName(expr.expression);
    return head === undefined ? undefined : `${head}.${expr.name.text}`;
  }
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr)) return dottedName(expr.expression);
  return undefined;
}

/** The last name of a callee (`b` of `a.b(...)`, `f` of `f(...)`), else undefined. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** The receiver of a method call (`a.b` of `a.b.c(...)`), else undefined. */
export function calleeObject(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined;
}

/** A property of an object literal by name. */
export function objectProperty(obj: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

/** Whether an object literal has a property `name` (any value). */
export function hasProperty(obj: ts.Expression | undefined, name: string): boolean {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return false;
  return obj.properties.some((p) => p.name !== undefined && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
}

/** A string literal's text (plain or no-substitution template), else undefined. */
export function stringValue(expr: ts.Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isParenthesizedExpression(expr)) return stringValue(expr.expression);
  return undefined;
}

/**
 * The value of a numeric constant expression: literals (`60_000`), `+ - * /` of them
 * (`15 * 60 * 1000`), parentheses; else undefined.
 */
export function numberValue(expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  if (ts.isNumericLiteral(expr)) return Number(expr.text.replace(/_/g, ''));
  if (ts.isParenthesizedExpression(expr)) return numberValue(expr.expression);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken) {
    const v = numberValue(expr.operand);
    return v === undefined ? undefined : -v;
  }
  if (ts.isBinaryExpression(expr)) {
    const a = numberValue(expr.left);
    const b = numberValue(expr.right);
    if (a === undefined || b === undefined) return undefined;
    switch (expr.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
        return a + b;
      case ts.SyntaxKind.MinusToken:
        return a - b;
      case ts.SyntaxKind.AsteriskToken:
        return a * b;
      case ts.SyntaxKind.SlashToken:
        return b === 0 ? undefined : a / b;
      default:
        return undefined;
    }
  }
  return undefined;
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A body size as body-parser and multer take it: a number of bytes or `'10mb'` (bytes package). */
export function byteSize(expr: ts.Expression | undefined): number | undefined {
  const n = numberValue(expr);
  if (n !== undefined) return n;
  const s = stringValue(expr);
  const m = s === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(s);
  return m ? Number(m[1]) * SIZE_UNITS[(m[2] ?? 'b').toLowerCase()]! : undefined;
}

/** `6 MB` / `512 KB` for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
