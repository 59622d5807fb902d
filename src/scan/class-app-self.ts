import { ClassDeclaration, Node, type NewExpression, SyntaxKind } from 'ts-morph';
import { wrappedOfKind } from './descendants';
import type { HandlerModel, ImportRef } from '../model/service-model';
import { constructedClass } from './class-apps';
import { isTestOrTooling } from './entry-graph';
import { unwrapExpression } from './job-startup';
import { describeHandler } from './handlers';
import type { ScanContext } from './scan-context';

/**
 * How the whole-app fallback reaches an app that lives on a class field: through the one
 * instance the service creates at module level, which the rewrite exports when it is not.
 *
 *     // src/app.ts                                  // src/server.ts
 *     export class App {                             const app = new App([new UsersRoute()]);
 *       public app: express.Application;             app.listen();
 *       constructor(routes: Routes[]) { ... }
 *       public listen() { this.app.listen(...); }
 *     }
 *
 * becomes `export const app = new App([...])` with `app.listen()` under the Lambda listen guard,
 * and the fallback serves `app.app`, the configured app object, without starting a server.
 * `export default new App().app`, `export default new App()` and `module.exports = new App()`
 * are imported as they are. No instance, several, one made inside a function, or one started
 * by another method than `listen` (which the guard does not cover): unsupported, with the reason.
 */
export function classFieldAppSelf(cls: ClassDeclaration, field: string, ctx: ScanContext): HandlerModel {
  const className = cls.getName() ?? 'the class';
  const unsupported = (reason: string): HandlerModel => ({
    text: `${className}.${field}`,
    loc: ctx.loc(cls),
    arity: null,
    isErrorHandler: false,
    source: { kind: 'unsupported', reason },
  });
  const prop = cls.getInstanceProperty(field);
  if (prop && Node.isPropertyDeclaration(prop) && (prop.hasModifier(SyntaxKind.PrivateKeyword) || prop.hasModifier(SyntaxKind.ProtectedKeyword) || prop.getNameNode().getKind() === SyntaxKind.PrivateIdentifier)) {
    return unsupported(`it is the non-public field \`${field}\` of \`${className}\``);
  }

  const found: HandlerModel[] = [];
  const elsewhere: string[] = [];
  for (const sf of cls.getProject().getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.isInNodeModules() || isTestOrTooling(ctx.rel(sf))) continue;
    for (const ne of wrappedOfKind<NewExpression>(sf, SyntaxKind.NewExpression)) {
      if (constructedClass(ne) !== cls) continue;
      let expr: Node = ne;
      while (expr.getParent() && unwrapExpression(expr.getParent()!) === ne) expr = expr.getParent()!;
      // `new App().app` is the app itself; `new App()` the instance holding it.
      const up = expr.getParent();
      const member = up && Node.isPropertyAccessExpression(up) && up.getExpression() === expr && up.getName() === field ? [] : [field];
      if (!member.length) expr = up!;
      const holder = boundAt(expr, ctx);
      if (typeof holder === 'string') {
        elsewhere.push(`${holder} at ${ctx.rel(sf)}:${sf.getLineAndColumnAtPos(ne.getStart()).line}`);
        continue;
      }
      const startedBy = holder.startedBy.find((m) => m !== 'listen' && startsServer(cls, m));
      if (startedBy) return unsupported(`the instance is started by \`${holder.model.text}.${startedBy}()\`, which the Lambda listen guard (for \`listen\` calls) does not cover`);
      found.push(withMember(holder.model, member));
    }
  }
  if (found.length === 1) return found[0]!;
  if (found.length > 1) return unsupported(`the service creates several \`${className}\` instances (${found.map((f) => `${f.loc.file}:${f.loc.line}`).join(', ')})`);
  if (elsewhere.length) return unsupported(`it is a field of \`${className}\`, whose instance is ${elsewhere.join('; ')}`);
  return unsupported(`it is a field of \`${className}\`, and no module-level \`new ${className}(...)\` was found`);
}

interface Holder {
  model: HandlerModel;
  /** Methods called on the instance variable at the top level of its module (`app.listen()`). */
  startedBy: string[];
}

/** The module-level binding an instance expression is stored in, or where it is instead. */
function boundAt(expr: Node, ctx: ScanContext): Holder | string {
  const parent = expr.getParent();
  const sf = expr.getSourceFile();
  if (parent && Node.isVariableDeclaration(parent) && parent.getInitializer() === expr && parent.getVariableStatement()?.getParent() === sf) {
    const name = parent.getNameNode();
    if (!Node.isIdentifier(name)) return 'destructured';
    const startedBy: string[] = [];
    for (const st of sf.getStatements()) {
      const call = Node.isExpressionStatement(st) ? st.getExpression() : undefined;
      const callee = call && Node.isCallExpression(call) ? call.getExpression() : undefined;
      if (callee && Node.isPropertyAccessExpression(callee) && callee.getExpression().getText() === name.getText()) startedBy.push(callee.getName());
    }
    return { model: describeHandler(name, name.getText(), ctx), startedBy };
  }
  const defaultExport = (): Holder => ({
    model: { text: 'default', loc: ctx.loc(expr), arity: null, isErrorHandler: false, source: { kind: 'import', ref: { from: ctx.rel(sf), isPackage: false, exportName: 'default' } } },
    startedBy: [],
  });
  if (parent && Node.isExportAssignment(parent)) return defaultExport();
  if (parent && Node.isBinaryExpression(parent) && parent.getRight() === expr && parent.getLeft().getText() === 'module.exports' && Node.isExpressionStatement(parent.getParent()) && parent.getParent()!.getParent() === sf) {
    return defaultExport();
  }
  if (expr.getFirstAncestor((a) => Node.isFunctionDeclaration(a) || Node.isFunctionExpression(a) || Node.isArrowFunction(a) || Node.isMethodDeclaration(a))) return 'created inside a function';
  return 'not bound to a module-level variable';
}

/** The holder's reference extended by the field (`app` → `app.app`). */
function withMember(h: HandlerModel, member: string[]): HandlerModel {
  if (!member.length) return h;
  const extend = (ref: ImportRef): ImportRef => ({ ...ref, member: [...(ref.member ?? []), ...member] });
  const s = h.source;
  const text = `${h.text}.${member.join('.')}`;
  if (s.kind === 'import') return { ...h, text, source: { ...s, ref: extend(s.ref) } };
  if (s.kind === 'export') return { ...h, text, source: { ...s, ref: extend(s.ref) } };
  return { ...h, text };
}

/** Whether a method of the class (directly) calls `listen`, i.e. calling it starts a server. */
function startsServer(cls: ClassDeclaration, method: string): boolean {
  const m = cls.getInstanceMethod(method);
  return !!m && m.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => {
    const callee = c.getExpression();
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'listen';
  });
}
