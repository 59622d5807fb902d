import * as http from 'node:http';
import { CallExpression, ClassDeclaration, ExportAssignment, ImportEqualsDeclaration, Node, PropertyAccessExpression, SourceFile, SyntaxKind, ts, VariableDeclaration, VariableStatement } from 'ts-morph';
import { appLocalsWrites, carriedLocalsWrite } from './app-locals';
import { declaresFromCall, statementsWhere, wrap, wrappedOfKind } from './descendants';
import { classOfThis, classOrder, compareKeys, EMPTY_ENV, enclosingLoop, fieldKey, instancesOf, memberOfInstance, type Env } from './class-apps';
import type { AppModel, ConditionCode, HandlerModel, LayerModel, RouterModel } from '../model/service-model';
import { routeIdentifier } from '../plan/naming';
import { classFieldAppSelf } from './class-app-self';
import { registrationConditions, setSetting, withoutAppEnv } from './conditions';
import { carriedValue } from './carried-code';
import { formatLocation, type SourceLocation } from '../model/diagnostic';
import { hasRegexPath, namingPath, regexRoutePaths, routePathFields, type RoutePath } from './regex-paths';
import { describeHandler } from './handlers';
import { literalValue, UNKNOWN } from './literal';
import { declarationKey, initializedByRequire, memberValues, projectModule, requireSpecifier, resolveIdentifier } from './resolve';
import { returnedByFactory } from './router-factories';
import { evaluate, loopIterations, type Iteration } from './koa-loops';
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
  for (const imp of wrappedOfKind<ImportEqualsDeclaration>(sf, SyntaxKind.ImportEqualsDeclaration)) {
    const ref = imp.getModuleReference();
    if (Node.isExternalModuleReference(ref) && ref.getExpression()?.getText().slice(1, -1) === 'express') factories.add(imp.getName());
  }
  for (const decl of wrappedOfKind<VariableDeclaration>(sf, SyntaxKind.VariableDeclaration, initializedByRequire)) {
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

type Created = ({ kind: 'app' } | { kind: 'router'; options: Node | undefined }) & { chained?: CallExpression[] };

/** Methods whose call returns the app/router itself, so registrations chain: `Router().use(a).get(...)`. */
const CHAINABLE = new Set([...EXPRESS_METHODS, 'use', 'param', 'set', 'enable', 'disable', 'engine']);

/**
 * Whether `init` creates an Express app or router; `chained` lists the registrations called
 * on it in the same expression (`Router().use(tags)`), innermost (first run) first.
 */
function creation(init: Node | undefined, b: ExpressBindings): Created | null {
  if (!init) return null;
  // `const app = module.exports = express()`
  while (Node.isBinaryExpression(init) && init.getOperatorToken().getKind() === SyntaxKind.EqualsToken) init = init.getRight();
  const chained: CallExpression[] = [];
  while (Node.isCallExpression(init)) {
    const callee = init.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !CHAINABLE.has(callee.getName())) break;
    // `app.get('setting')` reads a setting and returns it, not the app.
    if (callee.getName() === 'get' && init.getArguments().length < 2) return null;
    chained.unshift(init);
    init = callee.getExpression();
  }
  const made = createdDirectly(init, b);
  return made && chained.length ? { ...made, chained } : made;
}

/** `export default <value>` or `<a> = <value>` (`module.exports = router`): the statements that can export a router. */
const exportsValue = (st: ts.Statement): boolean => ts.isExportAssignment(st) || (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression));

/** Whether {@link creation} can accept `init` (compiler node): a call or `new`, possibly after `x = `. */
function mayCreate(init: ts.Expression | undefined): boolean {
  while (init && ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.EqualsToken) init = init.right;
  return !!init && (ts.isCallExpression(init) || ts.isNewExpression(init));
}

/** Every `express()` / `Router()` / `express.Router()` call in a file, whatever it is assigned to. */
export function expressCreations(sf: SourceFile): Array<{ node: Node; kind: 'app' | 'router' }> {
  const b = expressBindings(sf);
  if (!b.factories.size && !b.routerFactories.size && !/require\(\s*['"]express['"]\s*\)\s*\.\s*Router/.test(sf.getFullText())) return [];
  const out: Array<{ node: Node; kind: 'app' | 'router' }> = [];
  // What createdDirectly accepts: a call or `new` of a bound name, or of `<something>.Router`.
  const candidate = (n: ts.Node): boolean => {
    const callee = (n as ts.CallExpression | ts.NewExpression).expression;
    if (ts.isIdentifier(callee)) return b.factories.has(callee.getText(sf.compilerNode)) || b.routerFactories.has(callee.getText(sf.compilerNode));
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'Router';
  };
  for (const node of [...wrappedOfKind(sf, SyntaxKind.CallExpression, candidate), ...wrappedOfKind(sf, SyntaxKind.NewExpression, candidate)]) {
    const made = createdDirectly(node, b);
    if (made) out.push({ node, kind: made.kind });
  }
  return out;
}

function createdDirectly(init: Node, b: ExpressBindings): Created | null {
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

/**
 * How a generated module reaches an app object itself (the whole-app fallback imports it): a
 * module-level variable (imported, or exported by the rewrite), a default export, or nothing
 * (a class field, a local of a function) with the reason.
 */
function appSelf(keyNode: Node, name: string, file: string, ctx: ScanContext): HandlerModel {
  if (Node.isVariableDeclaration(keyNode)) {
    const id = keyNode.getNameNode();
    if (Node.isIdentifier(id)) return describeHandler(id, name, ctx);
  }
  const base = { text: name, loc: ctx.loc(keyNode), arity: null, isErrorHandler: false };
  if (Node.isExportAssignment(keyNode)) {
    return { ...base, source: { kind: 'import', ref: { from: file, isPackage: false, exportName: 'default' } } };
  }
  return { ...base, source: { kind: 'unsupported', reason: 'it is not bound to a module-level variable' } };
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
  const chains: Array<{ t: Tracked; calls: CallExpression[] }> = [];
  const classes: ClassDeclaration[] = [];
  /** Execution-order keys of registrations made inside classes (see classOrder). */
  const orderKeys = new WeakMap<LayerModel, number[]>();

  // Pass 1: creations.
  for (const sf of files) {
    ctx.fileScanned();
    const b = expressBindings(sf);
    // `require('express').Router()` binds no name but still creates a router.
    if (!b.factories.size && !b.routerFactories.size && !/require\(\s*['"]express['"]\s*\)\s*\.\s*Router/.test(sf.getFullText())) continue;
    const names = new Set<string>();
    const track = (keyNode: Node, name: string, made: Created, at: Node) => {
      const file = ctx.rel(sf);
      const base: RouterModel = {
        // Two routers may share a variable name in one file (e.g. in different functions).
        id: ids.has(`${file}#${name}`) ? `${file}#${name}@${sf.getLineAndColumnAtPos(at.getStart()).line}` : `${file}#${name}`,
        framework: 'express',
        file,
        loc: ctx.loc(at),
        options: {},
        layers: [],
      };
      if (made.kind === 'router' && made.options) {
        const opts = literalValue(made.options);
        if (opts !== UNKNOWN && opts && typeof opts === 'object' && !Array.isArray(opts)) base.options = opts;
        else ctx.report('warning', made.options, 'router options are not literal values; the generated router uses the defaults', 'express/router-options');
      }
      const model: AppModel | RouterModel =
        made.kind === 'app' ? { ...base, settings: {}, listenCalls: [], errorListeners: [], ref: null, self: appSelf(keyNode, name, file, ctx) } : base;
      const t: Tracked = { model, isApp: made.kind === 'app' };
      tracked.set(declarationKey(keyNode), t);
      ids.add(model.id);
      if (made.chained) chains.push({ t, calls: made.chained });
    };
    for (const decl of wrappedOfKind<VariableDeclaration>(sf, SyntaxKind.VariableDeclaration, (n) => mayCreate((n as ts.VariableDeclaration).initializer))) {
      const made = creation(decl.getInitializer(), b);
      if (!made) continue;
      const nameNode = decl.getNameNode();
      if (!Node.isIdentifier(nameNode)) continue;
      names.add(nameNode.getText());
      track(decl, nameNode.getText(), made, decl);
    }
    // `export default Router().use('/api', api)`
    for (const statement of sf.compilerNode.statements) {
      if (!ts.isExportAssignment(statement) || !mayCreate(statement.expression)) continue;
      const st = wrap<ExportAssignment>(sf, statement);
      const made = creation(st.getExpression(), b);
      if (made) track(st, 'default', made, st);
    }
    // Class fields: `public app = express()`, `router = Router()`, `this.app = express()`.
    for (const cls of wrappedOfKind<ClassDeclaration>(sf, SyntaxKind.ClassDeclaration)) {
      const fields = new Map<string, { made: Created; at: Node }>();
      for (const prop of cls.getInstanceProperties()) {
        const made = Node.isPropertyDeclaration(prop) ? creation(prop.getInitializer(), b) : null;
        if (made) fields.set(prop.getName(), { made, at: prop });
      }
      for (const bin of cls.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
        const left = bin.getLeft();
        if (!Node.isPropertyAccessExpression(left) || left.getExpression().getKind() !== SyntaxKind.ThisKeyword || fields.has(left.getName())) continue;
        const made = bin.getOperatorToken().getKind() === SyntaxKind.EqualsToken ? creation(bin.getRight(), b) : null;
        if (made) fields.set(left.getName(), { made, at: bin });
      }
      for (const [field, { made, at }] of fields) {
        const key = fieldKey(cls, field);
        if (!key) continue;
        track(key, `${cls.getName() ?? 'default'}.${field}`, made, at);
        // The fallback reaches a class field app through the module-level instance.
        if (made.kind === 'app') (tracked.get(declarationKey(key))!.model as AppModel).self = classFieldAppSelf(cls, field, ctx);
      }
      if (fields.size) classes.push(cls);
    }
    if (names.size || classes.length || chains.length) perFile.push({ sf, names });
  }

  const trackedFor = (id: Node, env: Env = EMPTY_ENV): Tracked | undefined => {
    if (Node.isPropertyAccessExpression(id)) {
      const field = memberOfInstance(id, env);
      const key = field ? fieldKey(field.cls, field.name) : undefined;
      if (key) return tracked.get(declarationKey(key));
      return trackedForMember(id);
    }
    if (Node.isCallExpression(id)) return trackedForRequire(id) ?? trackedForFactory(id);
    if (!Node.isIdentifier(id)) return undefined;
    const binding = resolveIdentifier(id);
    // `import api from './api'` where api.ts has `export default Router().use(...)`.
    if (binding.kind === 'module' && binding.exportName === 'default') return trackedExport(binding.sf);
    if (binding.kind !== 'top-level' && binding.kind !== 'local') return undefined;
    return tracked.get(declarationKey(binding.decl));
  };

  const trackedExport = (sf: SourceFile): Tracked | undefined => {
    for (const st of statementsWhere(sf, exportsValue)) {
      if (Node.isExportAssignment(st)) return tracked.get(declarationKey(st)) ?? trackedFor(st.getExpression());
      const e = Node.isExpressionStatement(st) ? st.getExpression() : undefined;
      if (e && Node.isBinaryExpression(e) && e.getLeft().getText() === 'module.exports') return trackedFor(e.getRight());
    }
    return undefined;
  };

  // `app.use('/api', apiRoutes())`: a function that creates a router and returns it.
  const trackedForFactory = (call: Node): Tracked | undefined => {
    const returned = returnedByFactory(call);
    return returned ? trackedFor(returned) : undefined;
  };

  // `app.use('/items', items.router)` with `module.exports = { router }` (or `exports.router =
  // router`, `export { router }`) in the required module: the router that property holds.
  const trackedForMember = (access: Node, depth = 0): Tracked | undefined => {
    if (!Node.isPropertyAccessExpression(access) || depth > 3) return undefined;
    for (const v of memberValues(access)) {
      const hit = Node.isIdentifier(v) || Node.isCallExpression(v) ? trackedFor(v) : Node.isPropertyAccessExpression(v) ? trackedForMember(v, depth + 1) : tracked.get(declarationKey(v));
      if (hit) return hit;
    }
    return undefined;
  };

  // `app.use('/users', require('./routes/users'))`: the router the required module exports.
  const trackedForRequire = (call: Node): Tracked | undefined => {
    const spec = requireSpecifier(call);
    const target = spec ? projectModule(call) : null;
    if (!target) return undefined;
    for (const st of statementsWhere(target, exportsValue)) {
      const e = Node.isExpressionStatement(st) ? st.getExpression() : Node.isExportAssignment(st) ? st : undefined;
      const value = e && Node.isBinaryExpression(e) && e.getLeft().getText() === 'module.exports' ? e.getRight() : e && Node.isExportAssignment(e) ? e.getExpression() : undefined;
      if (value && Node.isIdentifier(value)) return trackedFor(value);
    }
    return undefined;
  };

  // Pass 2: registrations, in source order per file. Chained registrations run at creation.
  for (const { t, calls } of chains) for (const call of calls) registration(call, (call.getExpression() as PropertyAccessExpression).getName(), t, trackedFor, ctx, EMPTY_ENV);
  const chainedCalls = new Set(chains.flatMap((c) => c.calls.map((call) => call.compilerNode)));
  const order = new Map<ClassDeclaration, Map<Node['compilerNode'], number[]>>();
  for (const { sf, names } of perFile) {
    ctx.fileScanned();
    // Only calls on a tracked name (or a member chain) can register; only those are wrapped.
    const text = (n: ts.Node) => n.getText(sf.compilerNode);
    const onTracked = (n: ts.Node): boolean => {
      if (!ts.isCallExpression(n)) return false;
      const c = n.expression;
      if (ts.isElementAccessExpression(c)) return ts.isIdentifier(c.expression) && names.has(text(c.expression));
      return ts.isPropertyAccessExpression(c) && (ts.isIdentifier(c.expression) ? names.has(text(c.expression)) : ts.isPropertyAccessExpression(c.expression));
    };
    for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, onTracked)) {
      if (chainedCalls.has(call.compilerNode)) continue;
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
      if (Node.isIdentifier(obj) ? !names.has(obj.getText()) : !Node.isPropertyAccessExpression(obj)) continue;
      for (const { env, it } of loopEnvs(call, sf, files, ctx, (e) => trackedFor(obj, e) !== undefined)) {
        const t = trackedFor(obj, env);
        if (!t) continue;
        const before = t.model.layers.length;
        registration(call, callee.getName(), t, trackedFor, ctx, env, it);
        const cls = Node.isPropertyAccessExpression(obj) ? classOfThis(call) : undefined;
        if (!cls) continue;
        if (!order.has(cls)) order.set(cls, classOrder(cls));
        const key = order.get(cls)!.get(call.compilerNode);
        if (key) for (const layer of t.model.layers.slice(before)) orderKeys.set(layer, key);
      }
    }
  }

  // Registrations on an app or router imported into another file (`server.js` requiring the
  // app and adding middleware): such a module runs after the one that creates the app.
  for (const sf of files) {
    const imported = importedTracked(sf, ctx.rel(sf), trackedFor);
    if (!imported.size) continue;
    const onImported = (n: ts.Node): boolean =>
      ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && imported.has(n.expression.expression.getText(sf.compilerNode));
    for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, onImported)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee)) continue;
      const obj = callee.getExpression();
      const t = Node.isIdentifier(obj) ? imported.get(obj.getText()) : undefined;
      if (t && trackedFor(obj) === t) registration(call, callee.getName(), t, trackedFor, ctx, EMPTY_ENV);
    }
  }

  // `http.createServer(app)`, `https.createServer(options, app)`: that server's listen starts
  // the app, so its file gets a listen guard like one calling `app.listen`.
  const createsServer = (n: ts.Node, sf: SourceFile): boolean => {
    if (!ts.isCallExpression(n)) return false;
    const c = n.expression;
    const name = ts.isPropertyAccessExpression(c) ? c.name.getText(sf.compilerNode) : ts.isIdentifier(c) ? c.getText(sf.compilerNode) : null;
    return name === 'createServer' || name === 'createSecureServer';
  };
  for (const sf of files) {
    for (const call of wrappedOfKind<CallExpression>(sf, SyntaxKind.CallExpression, (n) => createsServer(n, sf))) {
      const callee = call.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : null;
      if (name !== 'createServer' && name !== 'createSecureServer') continue;
      for (const arg of call.getArguments()) {
        const t = Node.isIdentifier(arg) ? trackedFor(arg) : undefined;
        if (t?.isApp) (t.model as AppModel).listenCalls.push(ctx.loc(call));
      }
    }
  }

  // `app.locals.title = ...` while configuring: a generated app starts with empty locals, and
  // makes the same writes when it can compute the values as the original does.
  const expressApp = (n: Node): string | undefined => {
    const tracked = trackedFor(n);
    return tracked?.isApp ? tracked.model.id : undefined;
  };
  for (const sf of files) {
    for (const write of appLocalsWrites(sf)) {
      const t = trackedFor(write.owner);
      if (!t?.isApp) continue;
      const app = t.model as AppModel;
      const carried = carriedLocalsWrite(write, ctx, { expressApp });
      if ('write' in carried) (app.locals ??= []).push(carried.write);
      else (app.uncarried ??= []).push({ loc: ctx.loc(write.at), what: `\`${write.owner.getText()}.locals\` write (${carried.reason})` });
    }
  }

  // Source order: the creating file first, then other files' registrations by file.
  for (const t of tracked.values()) {
    const own = t.model.file;
    t.model.layers.sort((a, b) => {
      const fa = a.loc.file === own ? '' : a.loc.file;
      const fb = b.loc.file === own ? '' : b.loc.file;
      if (fa !== fb) return fa < fb ? -1 : 1;
      const ka = orderKeys.get(a);
      const kb = orderKeys.get(b);
      if (ka && kb) return compareKeys(ka, kb);
      return a.loc.line - b.loc.line || a.loc.column - b.loc.column;
    });
  }
  const apps = [...tracked.values()].filter((t) => t.isApp).map((t) => t.model as AppModel);
  // Locals writes as they run: the creating file's first, then other files' (like registrations).
  for (const app of apps) {
    const file = (l: SourceLocation): string => (l.file === app.file ? '' : l.file);
    app.locals?.sort((a, b) => (file(a.loc) < file(b.loc) ? -1 : file(a.loc) > file(b.loc) ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column));
  }
  const routers = [...tracked.values()].filter((t) => !t.isApp).map((t) => t.model);
  // `app.get('env')` in a condition is Express's default only while the app never sets `env`.
  const setsEnv = new Map(apps.flatMap((a) => (envSetAt.has(a) ? [[a.id, envSetAt.get(a)!] as const] : [])));
  withoutAppEnv(apps, routers, setsEnv);
  return { apps, routers };
}

/**
 * A computed `views` the asset scan cannot follow to a folder: one built from the module's
 * location (`path.join(__dirname, 'views')`) is packaged by `scan/asset-paths.ts`, and one read
 * from another module may be (when that module builds it so); one from the working directory or
 * the environment (`path.resolve('views')`, `process.env.VIEWS_DIR`) names no folder the scan
 * can see, so the package would not hold it: said, never silent.
 */
function unseenViewFolders(value: Node, code: ConditionCode, call: CallExpression, ctx: ScanContext): void {
  if (code.some((part) => typeof part !== 'string' && 'modulePath' in part)) return;
  // A value read from one of the service's modules (not `path`, `url` or another package).
  const imported = code.some((part) => typeof part !== 'string' && 'ref' in part && !part.ref.isPackage);
  const text = shortText(value);
  if (imported) {
    ctx.report('info', call, `the views folder is \`${text}\`, read from another module: it is packaged when that module builds it from its own location (\`path.join(__dirname, ...)\`); a folder it names relative to the working directory or from the environment must be added to the IaC's package patterns`, 'iac/views-computed');
  } else {
    ctx.report('warning', call, `the views folder is \`${text}\`, computed from the working directory or the environment: lambdashift cannot tell which folder to package, so deployed the views may be missing (build it from the module's location, \`path.join(__dirname, 'views')\`, or add the folder to the IaC's package patterns)`, 'iac/views-computed');
  }
}

/** Where an app sets `env` (or a setting whose name the scan cannot read), for `withoutAppEnv`. */
const envSetAt = new WeakMap<AppModel, string>();

/** A call's text on one line, shortened for a message. */
function shortText(node: Node): string {
  const one = node.getText().replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
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
    if (!projectModule(imp)) continue;
    consider(imp.getDefaultImport());
    for (const n of imp.getNamedImports()) consider(n.getAliasNode() ?? n.getNameNode());
  }
  // projectModule takes only a call (`require('./app')`): other declarations are not wrapped.
  for (const st of statementsWhere(sf, declaresFromCall) as VariableStatement[]) {
    for (const decl of st.getDeclarations()) {
      if (projectModule(decl.getInitializer())) consider(decl.getNameNode());
    }
  }
  return out;
}

/** A statically known path argument, or null (after reporting why). */
function pathArg(node: Node, ctx: ScanContext, what: string, env: Env): string[] | null {
  if (Node.isRegularExpressionLiteral(node)) {
    ctx.report('warning', node, `${what} uses a regular expression path, which API Gateway cannot express; it is not migrated`, 'express/regex-path');
    return null;
  }
  const v = literalValue(node, 0, env);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  ctx.report('warning', node, `${what} has a path built at run time (\`${node.getText()}\`); it is not migrated`, 'express/dynamic-path');
  return null;
}

/** A route's path argument: strings, or regexes kept as regexes (regex-paths.ts). */
function routePathArg(node: Node, ctx: ScanContext, what: string, env: Env): RoutePath[] | null {
  if (!hasRegexPath(node)) return pathArg(node, ctx, what, env);
  return regexRoutePaths(node, ctx, what, 'express/regex-path', (e) => pathArg(e, ctx, what, env));
}

function isPathLike(node: Node | undefined, env: Env): boolean {
  if (!node) return false;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node) || Node.isRegularExpressionLiteral(node)) return true;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().every((e) => isPathLike(e, env));
  if (Node.isIdentifier(node) || Node.isPropertyAccessExpression(node) || Node.isBinaryExpression(node)) return typeof literalValue(node, 0, env) === 'string';
  return false;
}

/** Flattens array arguments (`[validate, handler]`) the way Express does. */
function flatArgs(args: Node[]): Node[] {
  return args.flatMap((a) => (Node.isArrayLiteralExpression(a) ? flatArgs(a.getElements()) : [a]));
}

function handlersOf(args: Node[], name: string, ctx: ScanContext): HandlerModel[] {
  return flatArgs(args).map((a) => describeHandler(a, name, ctx));
}

function registration(
  call: CallExpression,
  method: string,
  t: Tracked,
  trackedFor: (id: Node, env?: Env) => Tracked | undefined,
  ctx: ScanContext,
  env: Env,
  it?: Iteration,
): void {
  const args = it ? tableArguments(call, it, ctx) : call.getArguments();
  if (!args) return;
  const loc = ctx.loc(call);
  const layers = t.model.layers;
  const expressApp = (n: Node): string | undefined => {
    const tracked = trackedFor(n, env);
    return tracked?.isApp ? tracked.model.id : undefined;
  };
  const conditions = method === 'listen' ? [] : registrationConditions(call, ctx, 0, { expressApp });
  const c = conditions.length ? { conditions } : {};
  // Every inline handler of a registration is offered the same name: the extraction numbers
  // only a real collision (`getAdminHandler` beside a guard, not `getAdminHandler1`).

  if (method === 'route') {
    const paths = args[0] ? routePathArg(args[0], ctx, '`route()`', env) : null;
    // `app.route(path).get(a).post(b)`: walk up the chain.
    let node: Node = call;
    for (;;) {
      const pa = node.getParent();
      const outer = pa?.getParent();
      if (!pa || !Node.isPropertyAccessExpression(pa) || !outer || !Node.isCallExpression(outer) || outer.getExpression() !== pa) break;
      const m = pa.getName();
      if (!EXPRESS_METHODS.has(m)) break;
      if (paths?.length) {
        // One handler for every path of an array: an inline one is extracted once, under the first path's name.
        const handlers = handlersOf(outer.getArguments(), `${routeIdentifier(m, namingPath(paths[0]!))}Handler`, ctx);
        for (const p of paths) {
          layers.push({ ...c, kind: 'route', method: m === 'del' ? 'delete' : m, ...routePathFields(p), handlers, loc: ctx.loc(outer) });
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
    const paths = routePathArg(args[0]!, ctx, `\`${method.toUpperCase()}\` route`, env);
    if (!paths?.length) return;
    // One handler for every path of an array: an inline one is extracted once, under the first path's name.
    const handlers = handlersOf(args.slice(1), `${routeIdentifier(method, namingPath(paths[0]!))}Handler`, ctx);
    for (const p of paths) {
      layers.push({ ...c, kind: 'route', method: method === 'del' ? 'delete' : method, ...routePathFields(p), handlers, loc });
    }
    return;
  }

  switch (method) {
    case 'use': {
      let rest = args;
      let paths: string[] | null = [];
      if (args[0] && isPathLike(args[0], env)) {
        paths = pathArg(args[0], ctx, '`use()`', env);
        rest = args.slice(1);
      }
      if (!paths) return;
      const pathList: Array<string | null> = paths.length ? paths : [null];
      for (const p of pathList) {
        let pending: Node[] = [];
        const flush = () => {
          if (!pending.length) return;
          const handlers = handlersOf(pending, `${p ? routeIdentifier('use', p) : 'use'}Middleware`, ctx);
          layers.push({ ...c, kind: 'use', path: p, handlers, loc: ctx.loc(pending[0]!) });
          pending = [];
        };
        for (const arg of flatArgs(rest)) {
          const mounted = trackedFor(arg, env);
          if (mounted) {
            flush();
            layers.push({ ...c, kind: 'mount', path: p, routerId: mounted.model.id, loc: ctx.loc(arg) });
          } else {
            pending.push(arg);
          }
        }
        flush();
      }
      return;
    }
    case 'param': {
      // `app.param(['from', 'to'], fn)` registers fn for each name.
      const value = literalValue(args[0], 0, env);
      const names = typeof value === 'string' ? [value] : Array.isArray(value) && value.length && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
      if (!names || !args[1]) {
        ctx.report('warning', call, '`param()` with a name that is not a string literal is not migrated', 'express/dynamic-param');
        return;
      }
      const [handler] = handlersOf([args[1]], `${names[0]}Param`, ctx);
      for (const name of names) layers.push({ ...c, kind: 'param', name, handler: handler!, loc });
      return;
    }
    case 'set':
    case 'enable':
    case 'disable': {
      if (!t.isApp) return;
      const app = t.model as AppModel;
      const name = literalValue(args[0]);
      if (name === 'env' || typeof name !== 'string') envSetAt.set(app, `\`${shortText(call)}\` at ${formatLocation(loc)}`);
      if (typeof name !== 'string') return;
      let value: unknown = method === 'enable';
      if (method === 'set') {
        value = literalValue(args[1]);
        if (value === UNKNOWN) {
          // `port` only matters to listen. Any other setting (`views` built with path.join, a
          // `json replacer` function) changes answers: the generated module computes it as the
          // original does (`scan/carried-code.ts`), or the app's routes are not migrated.
          if (name === 'port' || !args[1]) return;
          const carried = carriedValue(args[1], ctx, { expressApp });
          const why = 'reason' in carried ? `not a literal value: ${carried.reason}` : name === 'view engine' ? 'not a literal value: a generated function imports its view engine by name' : null;
          if (why) (app.uncarried ??= []).push({ loc, setting: name, what: `setting \`${name}\` (${why})` });
          else {
            const code = (carried as { code: ConditionCode }).code;
            setSetting(app, name, undefined, conditions, loc, code);
            if (name === 'views') unseenViewFolders(args[1], code, call, ctx);
          }
          return;
        }
      }
      setSetting(app, name, value, conditions, loc);
      return;
    }
    case 'engine': {
      // A template engine registration: generated apps make it too (`app.engine('html',
      // ejs.renderFile)`, `engine({ extname: '.hbs' })` of express-handlebars), or their routes are not split.
      if (t.isApp) {
        const app = t.model as AppModel;
        // The extensions it registers (`*`: not known), so no generated module adds an engine over them.
        const ext = literalValue(args[0]);
        (app.engines ??= []).push(typeof ext === 'string' ? (ext.startsWith('.') ? ext : `.${ext}`) : '*');
        const carried = typeof ext !== 'string' ? { reason: 'its extension is not a literal' } : args[1] ? carriedValue(args[1], ctx, { expressApp }, { factoryCall: true }) : { reason: 'no engine function' };
        const blocked = conditions.find((k) => !k.code);
        if ('code' in carried && !blocked) (app.engineCalls ??= []).push({ loc, extension: ext as string, engine: carried.code, ...c });
        else (app.uncarried ??= []).push({ loc, what: `\`app.engine(...)\` (${'reason' in carried ? carried.reason : `under the condition \`${blocked!.text}\`: ${blocked!.reason}`})` });
      }
      return;
    }
    case 'listen': {
      // A listen inside a class method runs when the method is called, not on import.
      if (t.isApp && !classOfThis(call)) (t.model as AppModel).listenCalls.push(loc);
      return;
    }
    default:
      return;
  }
}

/**
 * A registration's arguments in one row of a route table: `r.path` → the row's `'/users'`,
 * `r.route` → its `userRoute`. null (reported) when an argument reads the row in a way the
 * scan cannot follow.
 */
function tableArguments(call: CallExpression, it: Iteration, ctx: ScanContext): Node[] | null {
  const args: Node[] = [];
  for (const arg of call.getArguments()) {
    const value = evaluate(arg, it);
    if (!value) {
      ctx.report('warning', call, `\`${arg.getText()}\` could not be read for the table row at ${formatLocation(ctx.loc(it.row))}; that row's routes are not split into functions`, 'express/dynamic-loop');
      return null;
    }
    args.push(value);
  }
  return args;
}

/** One way a registration runs: the class instances its `this` and loop variables stand for, and the route-table row it reads. */
interface LoopBinding {
  env: Env;
  /** A row of a route table the registration is unrolled over (`routes.forEach((r) => router.use(r.path, r.route))`). */
  it?: Iteration;
}

/**
 * The bindings a registration runs with: one empty binding outside loops; inside
 * `routes.forEach((route) => …)` / `for (const route of routes)` whose target depends on the
 * loop variable, one binding per route instance the loop iterates over, or one per row of a
 * route table written as an array literal (`[{ path: '/users', route: userRoute }]`, the
 * node-express-boilerplate shape; `koa-loops.ts` unrolls it). When neither can be told, the
 * registration is reported (its routes are served by the fallback).
 */
function loopEnvs(call: CallExpression, sf: SourceFile, files: SourceFile[], ctx: ScanContext, targets: (env: Env) => boolean): LoopBinding[] {
  const loop = enclosingLoop(call);
  if (loop) {
    const variable = loop.variable;
    const usesVariable = call.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getSymbol()?.getDeclarations()[0] === variable);
    const instances = usesVariable ? instancesOf(loop.iterated, [...new Set([sf, ...files])]) : undefined;
    if (instances) return instances.map((cls) => ({ env: new Map([[variable.compilerNode, cls]]) }));
  }
  const rows = loopIterations(call);
  if (!rows) return [{ env: EMPTY_ENV }];
  if ('iterations' in rows) return rows.iterations.map((it) => ({ env: EMPTY_ENV, it }));
  if (targets(EMPTY_ENV)) {
    ctx.report('warning', call, `registered in a loop the scan cannot unroll (${rows.reason}; nor is it a list of route class instances); these routes are not split into functions`, 'express/dynamic-loop');
  }
  return [];
}
