/**
 * Writes to an Express app's `locals` while the service configures it: `app.locals.title =
 * 'Shop'`, `app.locals = {...}`, `Object.assign(app.locals, helpers)`, `app.locals.nav.push(x)`,
 * `delete app.locals.x`. A generated function builds its own app, which starts with empty
 * locals: templates and handlers reading `app.locals` / `req.app.locals` would answer
 * differently, so the scan reports each such write as state the app cannot carry.
 *
 * Writes inside a callback passed to a call (a handler or middleware writing per request)
 * happen in the generated app too, and are not reported.
 */
import { Node, SyntaxKind, type PropertyAccessExpression, type SourceFile, type ts } from 'ts-morph';
import type { ConditionCode, LocalsWrite as LocalsWriteModel } from '../model/service-model';
import { carriedValue, type ConditionReaders } from './carried-code';
import { registrationConditions } from './conditions';
import { wrappedOfKind } from './descendants';
import type { ScanContext } from './scan-context';

export interface LocalsWrite {
  /** The expression holding the app (`app`, `this.app`). */
  owner: Node;
  /** The statement-level expression that writes. */
  at: Node;
}

/** `X.locals` at the base of a member chain (`X.locals.nav.items` → `X.locals`), if any. */
function localsBase(expr: Node): PropertyAccessExpression | undefined {
  for (let n: Node = expr; Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n); n = n.getExpression()) {
    if (Node.isPropertyAccessExpression(n) && n.getName() === 'locals') return n;
  }
  return undefined;
}

/** Whether `node` runs inside a function passed as an argument (a handler, a callback). */
function inCallback(node: Node): boolean {
  for (let p = node.getParent(); p; p = p.getParent()) {
    if ((Node.isArrowFunction(p) || Node.isFunctionExpression(p)) && Node.isCallExpression(p.getParent())) return true;
  }
  return false;
}

const ASSIGNMENT = /^(=|\+=|-=|\*=|\/=|%=|\*\*=|<<=|>>=|>>>=|&=|\|=|\^=|&&=|\|\|=|\?\?=)$/;

export function appLocalsWrites(sf: SourceFile): LocalsWrite[] {
  if (!sf.getFullText().includes('locals')) return [];
  const mentions = (n: ts.Node): boolean => n.getText(sf.compilerNode).includes('locals');
  const out: LocalsWrite[] = [];
  for (const n of wrappedOfKind<Node>(sf, [SyntaxKind.BinaryExpression, SyntaxKind.CallExpression], mentions)) {
    let locals: PropertyAccessExpression | undefined;
    if (Node.isBinaryExpression(n)) {
      if (ASSIGNMENT.test(n.getOperatorToken().getText())) locals = localsBase(n.getLeft());
    } else if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      const first = n.getArguments()[0];
      // `Object.assign(app.locals, ...)`, or a method called on something locals holds (`app.locals.nav.push(x)`).
      if (callee.getText() === 'Object.assign' && first && Node.isPropertyAccessExpression(first) && first.getName() === 'locals') locals = first;
      else if (Node.isPropertyAccessExpression(callee) && callee.getExpression() !== undefined) {
        const base = localsBase(callee.getExpression());
        if (base && base !== callee.getExpression()) locals = base;
      }
    }
    if (locals && !inCallback(n)) out.push({ owner: locals.getExpression(), at: n });
  }
  return out;
}

/**
 * The write as a generated app makes it (`scan/carried-code.ts`), or why it cannot:
 *
 *     app.locals.siteName = config.siteName;     →  { member: ['siteName'], how: 'assign', values: [<config>.siteName] }
 *     Object.assign(app.locals, helpers);        →  { member: [], how: 'merge', values: [<helpers>] }
 *     if (process.env.BETA) app.locals.beta = 1; →  … with the condition
 *     app.locals.nav.push(link);                 →  refused: it changes a value the locals hold
 */
export function carriedLocalsWrite(write: LocalsWrite, ctx: ScanContext, readers: ConditionReaders): { write: LocalsWriteModel } | { reason: string } {
  const { at } = write;
  if (!Node.isExpressionStatement(at.getParent())) return { reason: 'its value is used by the expression around it' };
  let target: Node;
  let values: Node[];
  let how: LocalsWriteModel['how'];
  if (Node.isBinaryExpression(at)) {
    const op = at.getOperatorToken().getText();
    if (op !== '=') return { reason: `\`${op}\` combines it with the value it had` };
    target = at.getLeft();
    values = [at.getRight()];
    how = 'assign';
  } else if (Node.isCallExpression(at) && at.getExpression().getText() === 'Object.assign') {
    [target, ...values] = at.getArguments() as [Node, ...Node[]];
    how = 'merge';
  } else {
    return { reason: 'it changes a value the locals hold' };
  }
  const base = localsBase(target);
  const member: string[] = [];
  for (let n: Node = target; n !== base; ) {
    if (Node.isPropertyAccessExpression(n)) member.unshift(n.getName());
    else if (Node.isElementAccessExpression(n)) {
      const arg = n.getArgumentExpression();
      if (!arg || !(Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg) || Node.isNumericLiteral(arg))) return { reason: 'it writes a computed property' };
      member.unshift(String(arg.getLiteralValue()));
    } else return { reason: 'it writes a computed property' };
    n = (n as PropertyAccessExpression).getExpression();
  }
  const code: ConditionCode[] = [];
  for (const v of values) {
    const carried = carriedValue(v, ctx, readers);
    if ('reason' in carried) return { reason: carried.reason };
    code.push(carried.code);
  }
  const conditions = registrationConditions(at, ctx, 0, readers);
  const blocked = conditions.find((c) => !c.code);
  if (blocked) return { reason: `it is made under the condition \`${blocked.text}\` (${blocked.reason})` };
  return { write: { loc: ctx.loc(at), member, how, values: code, ...(conditions.length ? { conditions } : {}) } };
}
