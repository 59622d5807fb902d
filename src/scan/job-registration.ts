/**
 * What surrounds a job registration, for jobs registered where real apps register them: the
 * function it is made in and how often that runs from the entry, the conditions it sits under,
 * what a non-constant schedule depends on, and the job function in any expression shape.
 */
import { Node, SyntaxKind } from 'ts-morph';
import type { HandlerModel, JobCondition, JobRegistration } from '../model/service-model';
import { describeHandler } from './handlers';
import { enclosingFunctions, functionLabel, StartupGraph, unwrapExpression } from './job-startup';
import { isExportsObject } from './module-exports';
import { findExport } from './module-exports';
import { resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

/** The function a registration is made in and how often it runs at start-up; null at module level. */
export function registrationOf(node: Node, graph: StartupGraph, ctx: ScanContext): JobRegistration | undefined {
  const [inner] = enclosingFunctions(node);
  if (!inner) return undefined;
  return { within: functionLabel(inner), runs: graph.runsOf(inner), entry: graph.entry ? ctx.rel(graph.entry) : null };
}

const LAMBDA_GUARD = /process\.env\.AWS_LAMBDA_FUNCTION_NAME|process\.env\[['"]AWS_LAMBDA_FUNCTION_NAME['"]\]/;

/** `process.env.X`, `process.env['X']`: X. */
function envName(node: Node): string | null {
  const n = unwrapExpression(node);
  if (Node.isPropertyAccessExpression(n) && n.getExpression().getText() === 'process.env') return n.getName();
  if (Node.isElementAccessExpression(n) && n.getExpression().getText() === 'process.env') {
    const arg = n.getArgumentExpression();
    if (arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) return arg.getLiteralValue();
  }
  return null;
}

/** A condition the handler can check the same way: `process.env.X`, `!process.env.X`, `process.env.X === 'v'` / `!==`. */
function envCondition(test: Node, negated: boolean): JobCondition['env'] | undefined {
  const t = unwrapExpression(test);
  if (Node.isPrefixUnaryExpression(t) && t.getOperatorToken() === SyntaxKind.ExclamationToken) return envCondition(t.getOperand(), !negated);
  const direct = envName(t);
  if (direct) return { name: direct, negate: negated };
  if (Node.isBinaryExpression(t)) {
    const op = t.getOperatorToken().getKind();
    const eq = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const ne = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!eq && !ne) return undefined;
    const [l, r] = [unwrapExpression(t.getLeft()), unwrapExpression(t.getRight())];
    const name = envName(l) ?? envName(r);
    const other = envName(l) ? r : l;
    if (name && (Node.isStringLiteral(other) || Node.isNoSubstitutionTemplateLiteral(other))) {
      return { name, negate: negated !== ne, equals: other.getLiteralValue() };
    }
  }
  return undefined;
}

/**
 * The `if` conditions a registration is made under, innermost function (or the module) only;
 * the Lambda guard that `--keep-schedules` writes is not one of them.
 */
export function conditionsAround(node: Node): JobCondition[] {
  const out: JobCondition[] = [];
  let child: Node = node;
  for (let p = node.getParent(); p && !Node.isSourceFile(p); child = p, p = p.getParent()) {
    if (Node.isFunctionDeclaration(p) || Node.isFunctionExpression(p) || Node.isArrowFunction(p) || Node.isMethodDeclaration(p)) break;
    let test: Node | undefined;
    let negated = false;
    if (Node.isIfStatement(p) && child !== p.getExpression()) {
      test = p.getExpression();
      negated = child === p.getElseStatement();
    } else if (Node.isBinaryExpression(p) && p.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken && child === p.getRight()) {
      test = p.getLeft();
    }
    if (!test || LAMBDA_GUARD.test(test.getText())) continue;
    const env = envCondition(test, negated);
    out.unshift({ text: `${negated ? '!' : ''}${test.getText().replace(/\s+/g, ' ').slice(0, 80)}`, ...(env ? { env } : {}) });
  }
  return out;
}

/** What a non-constant schedule or timezone depends on, in words. */
export function dependsOn(node: Node, depth = 0): string {
  const n = unwrapExpression(node);
  const text = `\`${n.getText().replace(/\s+/g, ' ').slice(0, 50)}\``;
  if (depth > 4) return `the value of ${text}`;
  if (Node.isTemplateExpression(n)) {
    const parts = n.getTemplateSpans().map((s) => dependsOn(s.getExpression(), depth + 1));
    return `a string built at run time from ${[...new Set(parts)].join(' and ')}`;
  }
  if (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    return `a string built at run time from ${dependsOn(n.getLeft(), depth + 1)} and ${dependsOn(n.getRight(), depth + 1)}`;
  }
  if (Node.isCallExpression(n)) return `the result of ${text} at run time`;
  if (envName(n)) return `the environment variable ${envName(n)}`;
  if (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) return `${text}, read at run time (settings or data)`;
  if (Node.isIdentifier(n)) {
    const decl = n.getSymbol()?.getDeclarations()[0];
    if (decl && Node.isParameterDeclaration(decl)) {
      const fn = decl.getParent();
      return `the parameter ${text} of ${fn ? functionLabel(fn) : 'its function'}, so each call can pass another schedule`;
    }
    if (decl && Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      const kind = decl.getVariableStatement()?.getDeclarationKind();
      if (kind !== 'const') return `the variable ${text}, which can change at run time`;
      if (init) return dependsOn(init, depth + 1);
    }
    if (decl && Node.isBindingElement(decl)) return `${text}, destructured from a value read at run time`;
    return `the value of ${text}`;
  }
  return `the value of ${text}`;
}

/** The name a job function has of its own: an identifier, or a function expression's name. */
export function jobOwnName(fnNode: Node): string | undefined {
  const n = unwrapExpression(fnNode);
  if (Node.isIdentifier(n)) return n.getText();
  if (Node.isFunctionExpression(n)) return n.getName();
  return undefined;
}

/**
 * The job function as a generated module reaches it: parentheses and casts dropped, a member of
 * a module object (`Notifications.prune` with `const Notifications = module.exports`, or
 * `User.reset.clean` inside a mixin applied to the `User` module) imported from that module;
 * everything else as route handlers are.
 */
export function describeJobFunction(expr: Node, suggested: string, ctx: ScanContext, graph: StartupGraph): HandlerModel {
  const e = unwrapExpression(expr);
  // `cache.flush.bind(cache)`: import `cache.flush` and bind it to `cache` in the generated module.
  const bound = boundMethod(e);
  if (bound) {
    const inner = describeJobFunction(bound, suggested, ctx, graph);
    if (inner.source.kind === 'import') return { ...inner, text: e.getText().replace(/\s+/g, ' ').slice(0, 80), boundToOwner: true };
  }
  if (Node.isPropertyAccessExpression(e) && /^this\./.test(e.getText())) {
    return {
      text: e.getText(),
      loc: ctx.loc(e),
      source: { kind: 'unsupported', reason: `\`${e.getText()}\` belongs to the instance the registration runs in (\`this\`), which no generated module can reach; make it a module-level or exported function` },
      arity: null,
      isErrorHandler: false,
    };
  }
  const member: string[] = [];
  let root: Node = e;
  while (Node.isPropertyAccessExpression(root)) {
    member.unshift(root.getName());
    root = unwrapExpression(root.getExpression());
  }
  if (member.length && (Node.isIdentifier(root) || isExportsObject(root))) {
    const binding = Node.isIdentifier(root) && !isExportsObject(root) ? resolveIdentifier(root) : null;
    const viaModule =
      binding === null ||
      binding.kind === 'local' ||
      (binding.kind === 'top-level' && findExport(binding.sf, binding.name, ctx.rel(binding.sf)) === null);
    const mod = viaModule ? graph.moduleOf(root) : null;
    if (mod) {
      return {
        text: e.getText().replace(/\s+/g, ' ').slice(0, 80),
        loc: ctx.loc(e),
        source: { kind: 'import', ref: { from: ctx.rel(mod), isPackage: false, exportName: 'default', member } },
        arity: null,
        isErrorHandler: false,
      };
    }
  }
  return describeHandler(e, suggested, ctx);
}

/** `owner.method.bind(owner)` with no bound arguments: `owner.method`; otherwise null. */
function boundMethod(e: Node): Node | null {
  if (!Node.isCallExpression(e) || e.getArguments().length !== 1) return null;
  const callee = e.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'bind') return null;
  const method = unwrapExpression(callee.getExpression());
  if (!Node.isPropertyAccessExpression(method)) return null;
  const owner = unwrapExpression(method.getExpression()).getText();
  return unwrapExpression(e.getArguments()[0]!).getText() === owner ? method : null;
}
