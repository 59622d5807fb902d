import { type CallExpression, Node, SourceFile, SyntaxKind, ts } from 'ts-morph';
import { descendantsWhere, wrappedOfKind } from './descendants';
import { formatLocation, type SourceLocation } from '../model/diagnostic';
import type { AppModel, ConditionCode, ImportRef, RegistrationCondition } from '../model/service-model';
import { isFunctionLike } from './job-startup';
import { importRefFor, resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

/**
 * Conditions around a registration, and whether a generated module can evaluate them as the
 * original does:
 *
 *     const { env } = process;
 *     if (env.TRUST_PROXY) app.set('trust proxy', true);          // carried: `if (process.env.TRUST_PROXY) app.set(...)`
 *     process.env.NODE_ENV !== 'test' && app.use(logger('dev'));   // carried
 *     if (config.features.admin) app.use('/admin', admin);         // carried: `config` is imported
 *     if (req.query.debug) app.use(debug);                         // not: reads a parameter
 *     if (app.get('env') === 'development') app.use(errorhandler()); // carried: `(process.env.NODE_ENV || 'development') === ...`
 *
 * A test is carried when it reads only `process.env`, imports (a config module, a package),
 * module-level constants (inlined, so the generated module computes them at its own load) and
 * a few pure built-ins (`Boolean`, `includes`, ...). Anything else (parameters, `this`, mutable
 * variables, calls that may have effects) gets a `reason` instead: those registrations stay
 * with the whole-app function, which runs the original code. An Express app's `env` setting
 * (`app.get('env')`, with `readers.expressApp` naming the app) is what Express's
 * `defaultConfiguration` makes it, `process.env.NODE_ENV || 'development'`, read when the app is
 * created; the condition records the app (`appEnv`) so that the scanner can take it back when
 * the app sets `env` itself ({@link withoutAppEnv}).
 */

/** What the scanner knows about the objects a test reads. */
export interface ConditionReaders {
  /** The id of the Express app `node` is, if it is one. */
  expressApp?: (node: Node) => string | undefined;
}

/** Express's own default of the `env` setting (express/lib/application.js `defaultConfiguration`). */
export const EXPRESS_ENV_DEFAULT = "(process.env.NODE_ENV || 'development')";

/** Built-in values a test may read as they are. */
const GLOBAL_VALUES = new Set(['undefined', 'NaN', 'Infinity', 'Boolean', 'Number', 'String', 'parseInt', 'parseFloat', 'isNaN', 'JSON', 'Array']);
/** Built-in functions without effects whose answer depends only on their arguments. */
const PURE_FUNCTIONS = new Set(['Boolean', 'Number', 'String', 'parseInt', 'parseFloat', 'isNaN']);
/** Methods of strings and arrays without effects, and `JSON.parse`, `Array.isArray`. */
const PURE_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'split', 'indexOf', 'test', 'match', 'toString']);
const PURE_STATICS: Record<string, Set<string>> = { JSON: new Set(['parse']), Array: new Set(['isArray']) };

const MAX_TEXT = 80;
const MAX_DEPTH = 8;
const shorten = (text: string): string => {
  const one = text.replace(/\s+/g, ' ');
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
};

class Refused extends Error {}

/**
 * Whether `node` runs only when a condition holds, within its function (or the module):
 * under an `if`, a `?:`, or on the right of `&&`/`||`/`??`.
 */
export function underCondition(node: Node): boolean {
  let child = node;
  for (let n = node.getParent(); n && !Node.isSourceFile(n) && !isFunctionLike(n); child = n, n = n.getParent()) {
    if (Node.isIfStatement(n) && child !== n.getExpression()) return true;
    if (Node.isConditionalExpression(n) && child !== n.getCondition()) return true;
    if (Node.isBinaryExpression(n) && child === n.getRight() && isLogical(n.getOperatorToken().getKind())) return true;
  }
  return false;
}

function isLogical(kind: SyntaxKind): boolean {
  return kind === SyntaxKind.AmpersandAmpersandToken || kind === SyntaxKind.BarBarToken || kind === SyntaxKind.QuestionQuestionToken;
}

/**
 * The conditions a registration call runs under, outermost first: `if`/`else` branches,
 * `?:`, `&&`/`||` guards, and, for a registration inside a class method or a module-level
 * function, the conditions around its one call site (`if (dev) this.initializeSwagger()`).
 */
export function registrationConditions(call: Node, ctx: ScanContext, depth = 0, readers: ConditionReaders = {}): RegistrationCondition[] {
  const out: RegistrationCondition[] = [];
  let child: Node = call;
  for (let n = call.getParent(); n && !Node.isSourceFile(n); child = n, n = n.getParent()) {
    if (Node.isIfStatement(n)) {
      if (child === n.getThenStatement()) out.unshift(condition(n.getExpression(), false, ctx, readers));
      else if (child === n.getElseStatement()) out.unshift(condition(n.getExpression(), true, ctx, readers));
    } else if (Node.isConditionalExpression(n)) {
      if (child === n.getWhenTrue()) out.unshift(condition(n.getCondition(), false, ctx, readers));
      else if (child === n.getWhenFalse()) out.unshift(condition(n.getCondition(), true, ctx, readers));
    } else if (Node.isBinaryExpression(n) && child === n.getRight()) {
      const op = n.getOperatorToken().getKind();
      if (op === SyntaxKind.AmpersandAmpersandToken) out.unshift(condition(n.getLeft(), false, ctx, readers));
      else if (op === SyntaxKind.BarBarToken) out.unshift(condition(n.getLeft(), true, ctx, readers));
      else if (op === SyntaxKind.QuestionQuestionToken) out.unshift(refused(n.getLeft(), `${shorten(n.getLeft().getText())} == null`, 'it is a `??` fallback', ctx));
    } else if (Node.isCaseClause(n) || Node.isDefaultClause(n)) {
      const sw = n.getFirstAncestorByKind(SyntaxKind.SwitchStatement);
      const at = sw?.getExpression() ?? n;
      out.unshift(refused(at, `switch (${shorten(at.getText())})`, 'a `switch` case is not carried into generated functions', ctx));
    } else if (Node.isCatchClause(n)) {
      out.unshift(refused(n, 'catch', 'it is registered only when an error is caught', ctx));
    } else if (Node.isMethodDeclaration(n) || Node.isFunctionDeclaration(n)) {
      out.unshift(...callSiteConditions(n, ctx, depth, readers));
      break;
    }
  }
  return out;
}

/** Conditions around the one place a method (`this.m()`) or module-level function (`f()`) is called. */
function callSiteConditions(fn: Node, ctx: ScanContext, depth: number, readers: ConditionReaders): RegistrationCondition[] {
  if (depth > MAX_DEPTH) return [];
  const sites: Node[] = [];
  if (Node.isMethodDeclaration(fn)) {
    const cls = fn.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
    const name = fn.getName();
    for (const c of cls?.getDescendantsOfKind(SyntaxKind.CallExpression) ?? []) {
      const callee = c.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getKind() === SyntaxKind.ThisKeyword && callee.getName() === name) sites.push(c);
    }
  } else if (Node.isFunctionDeclaration(fn) && fn.getName()) {
    const decl = fn.getSymbol()?.getDeclarations()[0];
    const sf = fn.getSourceFile();
    const named = (n: ts.Node) => ts.isIdentifier((n as ts.CallExpression).expression) && (n as ts.CallExpression).expression.getText(sf.compilerNode) === fn.getName();
    for (const c of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, named)) {
      const callee = c.getExpression();
      if (Node.isIdentifier(callee) && callee.getText() === fn.getName() && callee.getSymbol()?.getDeclarations()[0] === decl) sites.push(c);
    }
  }
  const perSite = sites.map((s) => registrationConditions(s, ctx, depth + 1, readers));
  if (perSite.length === 1) return perSite[0]!;
  const conditional = perSite.findIndex((c) => c.length);
  if (conditional < 0) return [];
  const first = perSite[conditional]![0]!;
  return [{ text: first.text, loc: first.loc, reason: 'the function that registers it is called from several places, not all under this condition' }];
}

function refused(at: Node, text: string, reason: string, ctx: ScanContext): RegistrationCondition {
  return { text, loc: ctx.loc(at), reason };
}

/** One condition: its code for a generated module, or why there is none. */
function condition(test: Node, negate: boolean, ctx: ScanContext, readers: ConditionReaders): RegistrationCondition {
  const written = shorten(test.getText());
  const text = negate ? `!(${written})` : written;
  const loc = ctx.loc(test);
  try {
    const apps: string[] = [];
    const code = translate(test, test.getSourceFile(), ctx, 0, { ...readers, apps });
    const appEnv = apps.length ? { appEnv: apps[0]! } : {};
    if (new Set(apps).size > 1) throw new Refused('it reads the `env` setting of several apps');
    if (!negate) return { text, loc, code, ...appEnv };
    const primary = Node.isIdentifier(test) || Node.isPropertyAccessExpression(test) || Node.isCallExpression(test) || Node.isParenthesizedExpression(test);
    return { text, loc, code: primary ? ['!', ...code] : ['!(', ...code, ')'], ...appEnv };
  } catch (e) {
    if (e instanceof Refused) return { text, loc, reason: e.message };
    throw e;
  }
}

interface Piece {
  start: number;
  end: number;
  code: ConditionCode;
}

/** Readers, and the apps whose `env` setting the test reads (filled in). */
type Translation = ConditionReaders & { apps: string[] };

/** `app.get('env')` on an Express app: the id of the app, else undefined. */
function appEnvRead(call: import('ts-morph').CallExpression, readers: Translation): string | undefined {
  const callee = call.getExpression();
  const args = call.getArguments();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'get' || args.length !== 1) return undefined;
  const arg = args[0]!;
  if (!(Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) || arg.getLiteralText() !== 'env') return undefined;
  return readers.expressApp?.(callee.getExpression());
}

/** Code for `expr` in a generated module (see the file comment); throws Refused. */
function translate(expr: Node, home: SourceFile, ctx: ScanContext, depth: number, readers: Translation): ConditionCode {
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
      // `import * as config from './config'`: `config.flags` is the export `flags`.
      if (Node.isIdentifier(obj)) {
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
      checkPureCall(n);
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee)) visit(callee.getExpression());
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
    if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isClassExpression(n)) throw new Refused('it defines a function');
    if (Node.isNewExpression(n) || Node.isAwaitExpression(n) || Node.isYieldExpression(n) || Node.isTaggedTemplateExpression(n) || Node.isDeleteExpression(n)) {
      throw new Refused(`\`${shorten(n.getText())}\` may have effects or answer differently at another load`);
    }
    if (Node.isShorthandPropertyAssignment(n)) throw new Refused(`it builds an object from \`${n.getName()}\``);
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
  const push = (part: string | { ref: ImportRef }) => {
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

function checkPureCall(call: import('ts-morph').CallExpression): void {
  const callee = call.getExpression();
  const refuse = () => new Refused(`it calls \`${shorten(callee.getText())}()\`, which may have effects or answer differently at another load`);
  if (Node.isIdentifier(callee)) {
    if (PURE_FUNCTIONS.has(callee.getText()) && isGlobal(callee)) return;
    throw refuse();
  }
  if (!Node.isPropertyAccessExpression(callee)) throw refuse();
  const obj = callee.getExpression();
  const name = callee.getName();
  if (Node.isIdentifier(obj) && PURE_STATICS[obj.getText()] && isGlobal(obj)) {
    if (PURE_STATICS[obj.getText()]!.has(name)) return;
    throw refuse();
  }
  if (!PURE_METHODS.has(name)) throw refuse();
}

/** A name no project declaration binds: a built-in (or something the scan cannot see). */
function isGlobal(id: Node): boolean {
  const decls = id.getSymbol()?.getDeclarations() ?? [];
  return decls.every((d) => d.getSourceFile().isDeclarationFile() || d.getSourceFile().isInNodeModules());
}

/** Replacement code for an identifier the test reads, null to keep it as written; throws Refused. */
function identifierCode(id: import('ts-morph').Identifier, home: SourceFile, ctx: ScanContext, depth: number, readers: Translation): ConditionCode | null {
  const name = id.getText();
  if (isGlobal(id)) {
    if (GLOBAL_VALUES.has(name)) return null;
    if (name === 'process') throw new Refused('it reads `process` other than `process.env`');
    throw new Refused(`it reads \`${name}\`, which the scan cannot resolve`);
  }
  const binding = resolveIdentifier(id);
  switch (binding.kind) {
    case 'package':
    case 'module': {
      const ref = importRefFor(binding, ctx);
      if (!ref) throw new Refused(`it reads the module \`${name}\` as a whole`);
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
  if (binding.sf !== home) {
    // Another module's export (a config module): the generated module imports it too.
    const ref = importRefFor(binding, ctx);
    if (!ref) throw new Refused(`it reads \`${binding.name}\`, which ${ctx.rel(binding.sf)} does not export`);
    return [{ ref }];
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
  const primary = Node.isIdentifier(init) || Node.isPropertyAccessExpression(init) || Node.isElementAccessExpression(init) || Node.isCallExpression(init) || Node.isParenthesizedExpression(init) || Node.isLiteralExpression(init);
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

/**
 * Takes back conditions that read the `env` setting of an app in `setsEnv` (an app that sets
 * `env` itself, so Express's default is not its value): they become conditions only the original
 * evaluates, and conditional settings under them make the app's state uncarriable.
 */
export function withoutAppEnv(apps: AppModel[], routers: Array<{ layers: Array<{ conditions?: RegistrationCondition[] }> }>, setsEnv: Map<string, string>): void {
  const takeBack = (c: RegistrationCondition): boolean => {
    const where = c.appEnv !== undefined ? setsEnv.get(c.appEnv) : undefined;
    if (where === undefined) return false;
    delete c.code;
    delete c.appEnv;
    c.reason = `it reads the app's \`env\` setting, which the app sets itself (${where})`;
    return true;
  };
  for (const node of [...apps, ...routers]) for (const layer of node.layers) for (const c of layer.conditions ?? []) takeBack(c);
  for (const app of apps) {
    for (const s of [...(app.conditionalSettings ?? [])]) {
      s.conditions.forEach(takeBack);
      const taken = s.conditions.find((c) => !c.code);
      if (!taken) continue;
      app.conditionalSettings = app.conditionalSettings!.filter((x) => x !== s);
      (app.uncarried ??= []).push({ loc: taken.loc, setting: s.name, what: `setting \`${s.name}\` under the condition \`${taken.text}\` at ${formatLocation(taken.loc)} (${taken.reason})` });
    }
  }
}

/**
 * Records an app setting: an unconditional one replaces earlier values (conditional ones
 * included); a conditional one is carried with its conditions, or, when a condition cannot be
 * carried, makes the app's state uncarriable (its routes stay with the whole-app function).
 */
export function setSetting(app: AppModel, name: string, value: unknown, conditions: RegistrationCondition[], loc: SourceLocation): void {
  if (!conditions.length) {
    app.settings[name] = value;
    if (app.conditionalSettings) app.conditionalSettings = app.conditionalSettings.filter((s) => s.name !== name);
    return;
  }
  const blocked = conditions.find((c) => !c.code);
  if (blocked) {
    (app.uncarried ??= []).push({ loc, setting: name, what: `setting \`${name}\` under the condition \`${blocked.text}\` at ${formatLocation(blocked.loc)} (${blocked.reason})` });
    return;
  }
  (app.conditionalSettings ??= []).push({ name, value, conditions });
}
