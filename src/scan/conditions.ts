import { type CallExpression, Node, SyntaxKind, ts } from 'ts-morph';
import { wrappedOfKind } from './descendants';
import { formatLocation, type SourceLocation } from '../model/diagnostic';
import type { AppModel, ConditionCode, RegistrationCondition } from '../model/service-model';
import { Refused, shorten, translate, type ConditionReaders } from './carried-code';
import { isFunctionLike } from './job-startup';
import type { ScanContext } from './scan-context';

export { EXPRESS_ENV_DEFAULT, type ConditionReaders } from './carried-code';

const MAX_DEPTH = 8;

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
 * Records an app setting, a literal `value` or computed `code` (`scan/carried-code.ts`): an
 * unconditional one replaces earlier values (conditional ones included); a conditional one is
 * carried with its conditions, or, when a condition cannot be carried, makes the app's state
 * uncarriable (its routes stay with the whole-app function).
 */
export function setSetting(app: AppModel, name: string, value: unknown, conditions: RegistrationCondition[], loc: SourceLocation, code?: ConditionCode): void {
  if (!conditions.length) {
    if (code) {
      delete app.settings[name];
      (app.computedSettings ??= {})[name] = code;
    } else {
      app.settings[name] = value;
      if (app.computedSettings) delete app.computedSettings[name];
    }
    if (app.conditionalSettings) app.conditionalSettings = app.conditionalSettings.filter((s) => s.name !== name);
    return;
  }
  const blocked = conditions.find((c) => !c.code);
  if (blocked) {
    (app.uncarried ??= []).push({ loc, setting: name, what: `setting \`${name}\` under the condition \`${blocked.text}\` at ${formatLocation(blocked.loc)} (${blocked.reason})` });
    return;
  }
  (app.conditionalSettings ??= []).push({ name, value, conditions, ...(code ? { code } : {}) });
}
