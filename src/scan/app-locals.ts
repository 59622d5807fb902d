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
import { wrappedOfKind } from './descendants';

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
