/**
 * guard-listen: guards top-level `app.listen(...)` so that importing the module (as a
 * generated Lambda module does) starts no server, while starting the file still does.
 *
 * Before (CommonJS entry point):
 *
 *     const app = express();
 *     app.get('/', home);
 *     const server = app.listen(PORT, () => console.log(`listening on ${PORT}`));
 *     server.keepAliveTimeout = 65000;
 *     module.exports = app;
 *
 * After:
 *
 *     const app = express();
 *     app.get('/', home);
 *     if (require.main === module) {
 *       const server = app.listen(PORT, () => console.log(`listening on ${PORT}`));
 *       server.keepAliveTimeout = 65000;
 *     }
 *     module.exports = app;
 *
 * ES modules get `if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) { ... }`
 * and `import { pathToFileURL } from 'node:url';` (an existing import of `url`/`node:url` is
 * reused). This compares the module's URL with the script Node was started with, so it
 * assumes the service is started as `node path/to/file.mjs` (with the extension and not
 * through a symlink).
 *
 * When the file is not the entry point (`entry: false`: a server.js imports it and the import
 * itself starts the server), a "run directly" check would stop the server from starting at
 * all; such files get `if (!process.env.AWS_LAMBDA_FUNCTION_NAME) { ... }` instead, which
 * keeps every non-Lambda use exactly as before and only skips listening inside Lambda (which
 * sets that variable in every function).
 *
 * Handled statements, at the top level only: `X.listen(...)`, `await X.listen(...)`,
 * `http.createServer(app).listen(...)`, chains such as `app.listen(port).on('error', f)`,
 * `server = app.listen(...)` and `const server = app.listen(...)`. A declared server moves into
 * the block together with the statements right after it that use it; a server used elsewhere,
 * or exported, is refused (that code would see undefined). Already guarded calls are left alone.
 *
 * Options:
 * - `moduleSystem?: 'esm' | 'cjs'`: how the file runs. TypeScript files follow it (a file
 *   compiled to CommonJS cannot use `import.meta`). Without it: `.mjs`/`.mts` are ES modules,
 *   `.cjs`/`.cts` CommonJS, TypeScript follows the nearest package.json `type`, and JavaScript
 *   is an ES module when it has import/export syntax and no `require`.
 * - `entry?: boolean`: false when the file is imported by the entry point (see above); default true.
 * - `calls?: Array<{ line, column }>`: 1-based positions of the listen calls to guard (the call
 *   or its `listen` name); without it every top-level listen call is guarded.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, hasCjsSyntax, hasEsmSyntax, isCall, isIdentifier, isTypeScriptPath,
  memberName, positionOf, programBody, unwrap,
} from './lib/ast';
import { type Edit, applyEdits, eol } from './lib/edits';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { analyzeScopes } from './lib/scope';

export interface GuardListenOptions {
  moduleSystem?: 'esm' | 'cjs';
  entry?: boolean;
  calls?: Position[];
}

const packageTypeCache = new Map<string, 'esm' | 'cjs'>();

/** `type` of the nearest package.json above `file`: how Node runs its `.js`/`.ts` output. */
function packageModuleSystem(file: string): 'esm' | 'cjs' {
  let dir = nodePath.dirname(nodePath.resolve(file));
  const seen: string[] = [];
  for (;;) {
    const cached = packageTypeCache.get(dir);
    if (cached) return cached;
    seen.push(dir);
    const pkg = nodePath.join(dir, 'package.json');
    let found: 'esm' | 'cjs' | null = null;
    if (fs.existsSync(pkg)) {
      try {
        found = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module' ? 'esm' : 'cjs';
      } catch {
        found = 'cjs';
      }
    }
    const parent = nodePath.dirname(dir);
    if (found || parent === dir) {
      const result = found ?? 'cjs';
      for (const d of seen) packageTypeCache.set(d, result);
      return result;
    }
    dir = parent;
  }
}

/** How the file runs: the caller's answer, else the extension, the syntax and package.json. */
export function runtimeModuleSystem(program: AnyNode, path: string, moduleSystem: unknown): 'esm' | 'cjs' {
  if (moduleSystem === 'esm' || moduleSystem === 'cjs') return moduleSystem;
  if (/\.(mjs|mts)$/i.test(path)) return 'esm';
  if (/\.(cjs|cts)$/i.test(path)) return 'cjs';
  if (isTypeScriptPath(path)) return packageModuleSystem(path);
  const esm = hasEsmSyntax(program);
  const cjs = hasCjsSyntax(program);
  if (esm && !cjs) return 'esm';
  if (cjs) return 'cjs';
  return packageModuleSystem(path);
}

/** `http.createServer(app)`, `https.createServer(opts, app)`, `createServer(app)`. */
function isCreateServer(node: AnyNode): boolean {
  if (!isCall(node)) return false;
  const callee = unwrap(node.callee);
  const name = isIdentifier(callee) ? callee.name : memberName(callee);
  return name === 'createServer' || name === 'createSecureServer';
}

/** The `X.listen(...)` call an expression starts with, or null. */
export function listenCallOf(expression: AnyNode): AnyNode | null {
  let e = unwrap(expression);
  if (e.type === 'AwaitExpression') e = unwrap(e.argument);
  if (e.type === 'AssignmentExpression' && e.operator === '=') e = unwrap(e.right);
  if (e.type === 'AwaitExpression') e = unwrap(e.argument);
  while (isCall(e) && (e.callee.type === 'MemberExpression' || e.callee.type === 'OptionalMemberExpression')) {
    const object = unwrap(e.callee.object);
    if (memberName(e.callee) === 'listen' && (isIdentifier(object) || isCreateServer(object))) return e;
    e = object;
  }
  return null;
}

/** The listen call of a top-level statement (expression or single declaration), or null. */
function statementListenCall(statement: AnyNode): AnyNode | null {
  const s = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
  if (s.type === 'ExpressionStatement') return listenCallOf(s.expression);
  if (s.type === 'VariableDeclaration' && s.declarations.length === 1 && s.declarations[0].init) {
    return listenCallOf(s.declarations[0].init);
  }
  return null;
}

function findListenAt(program: AnyNode, at: Position): AnyNode | null {
  let found: AnyNode | null = null;
  const visit = (n: AnyNode): void => {
    if (found) return;
    if (isCall(n) && memberName(n.callee) === 'listen') {
      const p = positionOf(n);
      const q = positionOf(n.callee.property);
      if ((p.line === at.line && p.column === at.column) || (q.line === at.line && q.column === at.column)) {
        found = n;
        return;
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && visit(c));
      else if (v && typeof v.type === 'string') visit(v);
    }
  };
  visit(program);
  return found;
}

/** The expression to call `pathToFileURL` by, and the edit that imports it when needed. */
function pathToFileUrlAccess(source: string, program: AnyNode, names: Set<string>): { expr: string; edit: Edit | null } {
  const body = programBody(program);
  const urlImports = body.filter((s) => s.type === 'ImportDeclaration' && s.importKind !== 'type' && /^(node:)?url$/.test(s.source.value));
  for (const s of urlImports) {
    for (const spec of s.specifiers ?? []) {
      if (spec.type === 'ImportSpecifier' && (spec.imported.name ?? spec.imported.value) === 'pathToFileURL' && spec.importKind !== 'type') return { expr: spec.local.name, edit: null };
    }
  }
  for (const s of urlImports) {
    const ns = (s.specifiers ?? []).find((spec: AnyNode) => spec.type === 'ImportDefaultSpecifier' || spec.type === 'ImportNamespaceSpecifier');
    if (ns) return { expr: `${ns.local.name}.pathToFileURL`, edit: null };
  }
  const local = names.has('pathToFileURL') ? 'lambdashiftPathToFileURL' : 'pathToFileURL';
  const spec = local === 'pathToFileURL' ? local : `pathToFileURL as ${local}`;
  const named = urlImports.find((s) => (s.specifiers ?? []).some((x: AnyNode) => x.type === 'ImportSpecifier'));
  if (named) {
    const specs = named.specifiers.filter((x: AnyNode) => x.type === 'ImportSpecifier');
    const lastSpec = specs[specs.length - 1];
    return { expr: local, edit: { start: lastSpec.end, end: lastSpec.end, text: `, ${spec}` } };
  }
  const nl = eol(source);
  const line = `import { ${spec} } from 'node:url';`;
  const imports = body.filter((s) => s.type === 'ImportDeclaration');
  const last = imports[imports.length - 1];
  if (last) return { expr: local, edit: { start: last.end, end: last.end, text: nl + line } };
  // Before the first statement, after a hashbang or comment header.
  const first = body[0];
  const directive = program.directives?.[program.directives.length - 1];
  if (directive) return { expr: local, edit: { start: directive.end, end: directive.end, text: nl + line } };
  const at = first ? first.start : source.length;
  return { expr: local, edit: { start: at, end: at, text: `${line}${nl}${first ? nl : ''}` } };
}

export default function guardListen(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as GuardListenOptions;
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const body = programBody(program);
  const refusals: Refusal[] = [];
  const targets: Array<{ index: number; call: AnyNode }> = [];

  if (Array.isArray(opts.calls)) {
    for (const at of opts.calls) {
      const call = findListenAt(program, at);
      const index = call ? body.findIndex((s) => s.start <= call.start && call.end <= s.end) : -1;
      if (!call || index < 0) {
        refusals.push({ ...at, reason: 'no listen call starts here' });
      } else if (statementListenCall(body[index]) === call) {
        targets.push({ index, call });
      } else if (!isGuard(body[index], file.source)) {
        refusals.push({ ...at, reason: 'the listen call is not a statement at the top level of the module; guard it by hand' });
      }
    }
  } else {
    body.forEach((s, index) => {
      const call = statementListenCall(s);
      if (call) targets.push({ index, call });
    });
  }

  const scopes = analyzeScopes(program);
  const { groups, refusals: groupRefusals } = planGroups(program, scopes, targets, 'the server');
  refusals.push(...groupRefusals);
  for (const r of refusals) api.report?.(`${r.line}:${r.column}: cannot guard listen: ${r.reason}`);
  if (!groups.length) return undefined;

  const edits: Edit[] = [];
  let condition: string;
  if (opts.entry === false) {
    condition = LAMBDA_ENV_GUARD;
  } else if (runtimeModuleSystem(program, file.path, opts.moduleSystem) === 'esm') {
    const access = pathToFileUrlAccess(file.source, program, scopes.allNames);
    if (access.edit) edits.push(access.edit);
    condition = `import.meta.url === ${access.expr}(process.argv[1] ?? '').href`;
  } else {
    condition = 'require.main === module';
  }
  for (const g of groups) edits.push(wrapEdit(file.source, program, comments, g, condition));
  return applyEdits(file.source, edits);
}
