import { Node, type NewExpression, SyntaxKind, type SourceFile } from 'ts-morph';
import { wrappedOfKind } from './descendants';
import type { RouterModel } from '../model/service-model';
import { classOfThis, fieldKey } from './class-apps';
import { expressCreations } from './express';
import { shorten } from './handlers';
import { classifyKoaClass, importsKoa } from './koa-bindings';
import type { ScanContext } from './scan-context';

/**
 * Never a silent zero: an Express or Koa app or router created in a shape the scanners do not
 * follow (an object property, an array element, an argument, a value returned without a name)
 * would otherwise leave its routes out without a word. Each such creation gets a located
 * warning; the ones the scanners track are recognised by their location (the declaration,
 * field or export that holds them).
 *
 *     const routers = { users: Router() };   // scan/untracked-creation at `Router()`
 */
export function reportUntrackedCreations(files: SourceFile[], tracked: RouterModel[], ctx: ScanContext): void {
  const known = new Set(tracked.map((m) => `${m.loc.file}:${m.loc.line}:${m.loc.column}`));
  const at = (n: Node): string => {
    const loc = ctx.loc(n);
    return `${loc.file}:${loc.line}:${loc.column}`;
  };
  for (const sf of files) {
    for (const { node, kind, framework } of creations(sf)) {
      if (heldByTracked(node, known, at)) continue;
      const what = `${framework === 'koa' ? 'a Koa' : 'an Express'} ${kind}`;
      ctx.report(
        'warning',
        node,
        `\`${shorten(node.getText())}\` creates ${what} the scan cannot follow (it is not held by a variable, class field or export it reads); its routes are not migrated`,
        'scan/untracked-creation',
      );
    }
  }
}

function creations(sf: SourceFile): Array<{ node: Node; kind: 'app' | 'router'; framework: 'express' | 'koa' }> {
  const out: Array<{ node: Node; kind: 'app' | 'router'; framework: 'express' | 'koa' }> = expressCreations(sf).map((c) => ({ ...c, framework: 'express' }));
  if (!importsKoa(sf.getFullText())) return out;
  for (const ne of wrappedOfKind<NewExpression>(sf, SyntaxKind.NewExpression)) {
    const cls = classifyKoaClass(ne.getExpression());
    if (cls) out.push({ node: ne, kind: cls.kind, framework: 'koa' });
  }
  return out;
}

/** Whether the creation, or what holds it up to its statement, is where a tracked model was found. */
function heldByTracked(node: Node, known: Set<string>, at: (n: Node) => string): boolean {
  for (let n: Node | undefined = node; n && !Node.isSourceFile(n); n = n.getParent()) {
    if (known.has(at(n))) return true;
    // `this.app = new Koa()` for a field declared without a value: keyed by the declaration.
    const left = Node.isBinaryExpression(n) ? n.getLeft() : undefined;
    const cls = left && Node.isPropertyAccessExpression(left) && left.getExpression().getKind() === SyntaxKind.ThisKeyword ? classOfThis(left) : undefined;
    const key = cls && Node.isPropertyAccessExpression(left) ? fieldKey(cls, left.getName()) : undefined;
    if (key && known.has(at(key))) return true;
    if (Node.isStatement(n) && !Node.isVariableStatement(n)) break;
  }
  return false;
}
