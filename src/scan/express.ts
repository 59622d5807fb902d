import * as http from 'node:http';
import { CallExpression, Node, SourceFile, SyntaxKind } from 'ts-morph';
import type { AppModel, HandlerModel, LayerModel, RouterModel } from '../model/service-model';
import { routeIdentifier } from '../plan/naming';
import { describeHandler } from './handlers';
import { literalValue, UNKNOWN } from './literal';
import { declarationKey, memberValues, requireSpecifier, resolveIdentifier } from './resolve';
import type { ScanContext } from './scan-context';

/** Every method Express routes, lower case, plus `all`. */
export const EXPRESS_METHODS = new Set([...http.METHODS.map((m) => m.toLowerCase()), 'all', 'del']);

interface ExpressBindings {
  /** Local names bound to the express default export (`express()` creates an app). */
  factories: Set<string>;
  /** Local names bound to `express.Router`. */
  routerFactories: Set<string>;
}

/** The names this file gives to the `express` module and its Router. */
function expressBindings(sf: SourceFile): ExpressBindings {
  const factories = new Set<string>();
  const routerFactories = new Set<string>();
  for (const imp of sf.getImportDeclarations()) {
    if (imp.getModuleSpecifierValue() !== 'express') continue;
    const def = imp.getDefaultImport();
    if (def) factories.add(def.getText());
    const ns = imp.getNamespaceImport();
    if (ns) factories.add(ns.getText());
    for (const named of imp.getNamedImports()) {
      if (named.getName() === 'Router') routerFactories.add(named.getAliasNode()?.getText() ?? 'Router');
    }
  }
  // `import express = require('express')` (TypeScript without esModuleInterop)
  for (const imp of sf.getDescendantsOfKind(SyntaxKind.ImportEqualsDeclaration)) {
    const ref = imp.getModuleReference();
    if (Node.isExternalModuleReference(ref) && ref.getExpression()?.getText().slice(1, -1) === 'express') factories.add(imp.getName());
  }
  for (const decl of sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const init = decl.getInitializer();
    // `require('express')`, `require('express').Router`
    const target = init && Node.isPropertyAccessExpression(init) ? init.getExpression() : init;
    if (requireSpecifier(target) !== 'express') continue;
    const nameNode = decl.getNameNode();
    if (init && Node.isPropertyAccessExpression(init)) {
      if (init.getName() === 'Router' && Node.isIdentifier(nameNode)) routerFactories.add(nameNode.getText());
    } else if (Node.isIdentifier(nameNode)) {
      factories.add(nameNode.getText());
    } else if (Node.isObjectBindingPattern(nameNode)) {
      for (const el of nameNode.getElements()) {
        if ((el.getPropertyNameNode()?.getText() ?? el.getName()) === 'Router') routerFactories.add(el.getName());
      }
    }
  }
  return { factories, routerFactories };
}

type Created = { kind: 'app' } | { kind: 'router'; options: Node | undefined };

/** Whether `init` creates an Express app or router. */
function creation(init: Node | undefined, b: ExpressBindings): Created | null {
  if (!init) return null;
  // `const app = module.exports = express()`
  while (Node.isBinaryExpression(init) && init.getOperatorToken().getKind() === SyntaxKind.EqualsToken) init = init.getRight();
  if (!Node.isCallExpression(init) && !Node.isNewExpression(init)) return null;
  const callee = init.getExpression();
  const args = init.getArguments();
  if (Node.isIdentifier(callee)) {
    if (b.factories.has(callee.getText()) && Node.isCallExpression(init)) return { kind: 'app' };
    if (b.routerFactories.has(callee.getText())) return { kind: 'router', options: args[0] };
  }
  if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'Router') {
    const obj = callee.getExpression();
    if (Node.isIdentifier(obj) && b.factories.has(obj.getText())) return { kind: 'router', options: args[0] };
    if (requireSpecifier(obj) === 'express') return { kind: 'router', options: args[0] };
  }
  return null;
}

interface Tracked {
  model: AppModel | RouterModel;
  isApp: boolean;
}

/** Finds Express apps and routers across files, with their registrations in source order. */
export function scanExpress(files: SourceFile[], ctx: ScanContext): { apps: AppModel[]; routers: RouterModel[] } {
  const tracked = new Map<object, Tracked>();
  const perFile: Array<{ sf: SourceFile; names: Set<string> }> = [];
  const ids = new Set<string>();

  // Pass 1: creations.
  for (const sf of files) {
    const b = expressBindings(sf);
    // `require('express').Router()` binds no name but still creates a router.
    if (!b.factories.size && !b.routerFactories.size && !/require\(\s*['"]express['"]\s*\)\s*\.\s*Router/.test(sf.getFullText())) continue;
    const names = new Set<string>();
    for (const decl of sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      const made = creation(decl.getInitializer(), b);
      if (!made) continue;
      const nameNode = decl.getNameNode();
      if (!Node.isIdentifier(nameNode)) continue;
      const name = nameNode.getText();
      names.add(name);
      const file = ctx.rel(sf);
      const base: RouterModel = {
        // Two routers may share a variable name in one file (e.g. in different functions).
        id: ids.has(`${file}#${name}`) ? `${file}#${name}@${sf.getLineAndColumnAtPos(decl.getStart()).line}` : `${file}#${name}`,
        framework: 'express',
        file,
        loc: ctx.loc(decl),
        options: {},
        layers: [],
      };
      if (made.kind === 'router' && made.options) {
        const opts = literalValue(made.options);
        if (opts !== UNKNOWN && opts && typeof opts === 'object' && !Array.isArray(opts)) base.options = opts;
        else ctx.report('warning', made.options, 'router options are not literal values; the generated router uses the defaults', 'express/router-options');
      }
      const model: AppModel | RouterModel =
        made.kind === 'app' ? { ...base, settings: {}, listenCalls: [], errorListeners: [], ref: null } : base;
      tracked.set(declarationKey(decl), { model, isApp: made.kind === 'app' });
      ids.add(model.id);
    }
    if (names.size) perFile.push({ sf, names });
  }

  const trackedFor = (id: Node): Tracked | undefined => {
    if (Node.isPropertyAccessExpression(id)) return trackedForMember(id);
    if (!Node.isIdentifier(id)) return trackedForRequire(id);
    const binding = resolveIdentifier(id);
    if (binding.kind !== 'top-level' && binding.kind !== 'local') return undefined;
    return tracked.get(declarationKey(binding.decl));
  };

  // `app.use('/items', items.router)` with `module.exports = { router }` (or `exports.router =
  // router`, `export { router }`) in the required module: the router that property holds.
  const trackedForMember = (access: Node, depth = 0): Tracked | undefined => {
    if (!Node.isPropertyAccessExpression(access) || depth > 3) return undefined;
    for (const v of memberValues(access)) {
      const hit = Node.isIdentifier(v) ? trackedFor(v) : Node.isPropertyAccessExpression(v) ? trackedForMember(v, depth + 1) : tracked.get(declarationKey(v));
      if (hit) return hit;
    }
    return undefined;
  };

  // `app.use('/users', require('./routes/users'))`: the router the required module exports.
  const trackedForRequire = (call: Node): Tracked | undefined => {
    const spec = requireSpecifier(call);
    if (!spec || !spec.startsWith('.') || !Node.isCallExpression(call)) return undefined;
    const target = call.getArguments()[0]?.getSymbol()?.getDeclarations()[0];
    if (!target || !Node.isSourceFile(target)) return undefined;
    for (const st of target.getStatements()) {
      const e = Node.isExpressionStatement(st) ? st.getExpression() : Node.isExportAssignment(st) ? st : undefined;
      const value = e && Node.isBinaryExpression(e) && e.getLeft().getText() === 'module.exports' ? e.getRight() : e && Node.isExportAssignment(e) ? e.getExpression() : undefined;
      if (value && Node.isIdentifier(value)) return trackedFor(value);
    }
    return undefined;
  };

  // Pass 2: registrations, in source order per file.
  for (const { sf, names } of perFile) {
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (Node.isElementAccessExpression(callee)) {
        const obj = callee.getExpression();
        if (Node.isIdentifier(obj) && names.has(obj.getText()) && trackedFor(obj)) {
          ctx.report('warning', call, `computed method \`${callee.getText()}\`: the route is registered at run time and is not migrated`, 'express/computed-method');
        }
        continue;
      }
      if (!Node.isPropertyAccessExpression(callee)) continue;
      const obj = callee.getExpression();
      if (!Node.isIdentifier(obj) || !names.has(obj.getText())) continue;
      const t = trackedFor(obj);
      if (!t) continue;
      registration(call, callee.getName(), t, trackedFor, ctx);
    }
  }

  // Registrations on an app or router imported into another file (`server.js` requiring the
  // app and adding middleware): such a module runs after the one that creates the app.
  for (const sf of files) {
    const imported = importedTracked(sf, ctx.rel(sf), trackedFor);
    if (!imported.size) continue;
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee)) continue;
      const obj = callee.getExpression();
      const t = Node.isIdentifier(obj) ? imported.get(obj.getText()) : undefined;
      if (t && trackedFor(obj) === t) registration(call, callee.getName(), t, trackedFor, ctx);
    }
  }

  // `http.createServer(app)`, `https.createServer(options, app)`: that server's listen starts
  // the app, so its file gets a listen guard like one calling `app.listen`.
  for (const sf of files) {
    for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : null;
      if (name !== 'createServer' && name !== 'createSecureServer') continue;
      for (const arg of call.getArguments()) {
        const t = Node.isIdentifier(arg) ? trackedFor(arg) : undefined;
        if (t?.isApp) (t.model as AppModel).listenCalls.push(ctx.loc(call));
      }
    }
  }

  // Source order: the creating file first, then other files' registrations by file.
  for (const t of tracked.values()) {
    const own = t.model.file;
    t.model.layers.sort((a, b) => {
      const fa = a.loc.file === own ? '' : a.loc.file;
      const fb = b.loc.file === own ? '' : b.loc.file;
      return fa < fb ? -1 : fa > fb ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column;
    });
  }
  const apps = [...tracked.values()].filter((t) => t.isApp).map((t) => t.model as AppModel);
  const routers = [...tracked.values()].filter((t) => !t.isApp).map((t) => t.model);
  return { apps, routers };
}

/** Local names under which `sf` imports an app or router another file creates. */
function importedTracked(sf: SourceFile, rel: string, trackedFor: (id: Node) => Tracked | undefined): Map<string, Tracked> {
  const out = new Map<string, Tracked>();
  const consider = (nameNode: Node | undefined) => {
    if (!nameNode || !Node.isIdentifier(nameNode)) return;
    const t = trackedFor(nameNode);
    if (t && t.model.file !== rel) out.set(nameNode.getText(), t);
  };
  for (const imp of sf.getImportDeclarations()) {
    if (!imp.getModuleSpecifierValue().startsWith('.')) continue;
    consider(imp.getDefaultImport());
    for (const n of imp.getNamedImports()) consider(n.getAliasNode() ?? n.getNameNode());
  }
  for (const st of sf.getVariableStatements()) {
    for (const decl of st.getDeclarations()) {
      const spec = requireSpecifier(decl.getInitializer());
      if (spec?.startsWith('.')) consider(decl.getNameNode());
    }
  }
  return out;
}

/** A statically known path argument, or null (after reporting why). */
function pathArg(node: Node, ctx: ScanContext, what: string): string[] | null {
  if (Node.isRegularExpressionLiteral(node)) {
    ctx.report('warning', node, `${what} uses a regular expression path, which API Gateway cannot express; it is not migrated`, 'express/regex-path');
    return null;
  }
  const v = literalValue(node);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  ctx.report('warning', node, `${what} has a path built at run time (\`${node.getText()}\`); it is not migrated`, 'express/dynamic-path');
  return null;
}

function isPathLike(node: Node | undefined): boolean {
  if (!node) return false;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node) || Node.isRegularExpressionLiteral(node)) return true;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().every((e) => isPathLike(e));
  if (Node.isIdentifier(node)) return typeof literalValue(node) === 'string';
  return false;
}

/** Flattens array arguments (`[validate, handler]`) the way Express does. */
function flatArgs(args: Node[]): Node[] {
  return args.flatMap((a) => (Node.isArrayLiteralExpression(a) ? flatArgs(a.getElements()) : [a]));
}

function handlersOf(args: Node[], nameFor: (i: number) => string, ctx: ScanContext): HandlerModel[] {
  const flat = flatArgs(args);
  return flat.map((a, i) => describeHandler(a, nameFor(flat.length > 1 ? i + 1 : 0), ctx));
}

function registration(
  call: CallExpression,
  method: string,
  t: Tracked,
  trackedFor: (id: Node) => Tracked | undefined,
  ctx: ScanContext,
): void {
  const args = call.getArguments();
  const loc = ctx.loc(call);
  const layers = t.model.layers;
  const suffix = (i: number) => (i ? String(i) : '');

  if (method === 'route') {
    const paths = args[0] ? pathArg(args[0], ctx, '`route()`') : null;
    // `app.route(path).get(a).post(b)`: walk up the chain.
    let node: Node = call;
    for (;;) {
      const pa = node.getParent();
      const outer = pa?.getParent();
      if (!pa || !Node.isPropertyAccessExpression(pa) || !outer || !Node.isCallExpression(outer) || outer.getExpression() !== pa) break;
      const m = pa.getName();
      if (!EXPRESS_METHODS.has(m)) break;
      if (paths) {
        for (const p of paths) {
          const handlers = handlersOf(outer.getArguments(), (i) => `${routeIdentifier(m, p)}Handler${suffix(i)}`, ctx);
          layers.push({ kind: 'route', method: m === 'del' ? 'delete' : m, path: p, handlers, loc: ctx.loc(outer) });
        }
      }
      node = outer;
    }
    return;
  }

  if (EXPRESS_METHODS.has(method)) {
    // `app.get('setting')` reads a setting.
    if (method === 'get' && args.length === 1 && t.isApp) return;
    if (!args.length) return;
    const paths = pathArg(args[0]!, ctx, `\`${method.toUpperCase()}\` route`);
    if (!paths) return;
    for (const p of paths) {
      const handlers = handlersOf(args.slice(1), (i) => `${routeIdentifier(method, p)}Handler${suffix(i)}`, ctx);
      layers.push({ kind: 'route', method: method === 'del' ? 'delete' : method, path: p, handlers, loc });
    }
    return;
  }

  switch (method) {
    case 'use': {
      let rest = args;
      let paths: string[] | null = [];
      if (args[0] && isPathLike(args[0])) {
        paths = pathArg(args[0], ctx, '`use()`');
        rest = args.slice(1);
      }
      if (!paths) return;
      const pathList: Array<string | null> = paths.length ? paths : [null];
      for (const p of pathList) {
        let pending: Node[] = [];
        const flush = () => {
          if (!pending.length) return;
          const handlers = handlersOf(pending, (i) => `${p ? routeIdentifier('use', p) : 'use'}Middleware${suffix(i)}`, ctx);
          layers.push({ kind: 'use', path: p, handlers, loc: ctx.loc(pending[0]!) });
          pending = [];
        };
        for (const arg of flatArgs(rest)) {
          const mounted = trackedFor(arg);
          if (mounted) {
            flush();
            layers.push({ kind: 'mount', path: p, routerId: mounted.model.id, loc: ctx.loc(arg) });
          } else {
            pending.push(arg);
          }
        }
        flush();
      }
      return;
    }
    case 'param': {
      const name = literalValue(args[0]);
      if (typeof name !== 'string' || !args[1]) {
        ctx.report('warning', call, '`param()` with a name that is not a string literal is not migrated', 'express/dynamic-param');
        return;
      }
      const [handler] = handlersOf([args[1]], () => `${name}Param`, ctx);
      layers.push({ kind: 'param', name, handler: handler!, loc });
      return;
    }
    case 'set':
    case 'enable':
    case 'disable': {
      if (!t.isApp) return;
      const app = t.model as AppModel;
      const name = literalValue(args[0]);
      if (typeof name !== 'string') return;
      if (method === 'set') {
        const value = literalValue(args[1]);
        if (value === UNKNOWN) {
          if (name !== 'port') ctx.report('info', call, `setting \`${name}\` is not a literal value; generated functions use Express's default`, 'express/dynamic-setting');
          return;
        }
        app.settings[name] = value;
      } else {
        app.settings[name] = method === 'enable';
      }
      return;
    }
    case 'listen': {
      if (t.isApp) (t.model as AppModel).listenCalls.push(loc);
      return;
    }
    default:
      return;
  }
}
