/**
 * guard-listen: guards listen calls so that importing the module (as a generated Lambda module
 * does) starts no server, while every other way of starting it still does.
 *
 * Before:
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
 *     if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
 *       const server = app.listen(PORT, () => console.log(`listening on ${PORT}`));
 *       server.keepAliveTimeout = 65000;
 *     }
 *     module.exports = app;
 *
 * Services often start inside a function the module calls while it loads; the guard goes where
 * the listen call is, so the rest of the start-up (connecting the database the routes use)
 * still runs in Lambda:
 *
 *     const start = async () => {                const start = async () => {
 *       await mongoose.connect(uri);               await mongoose.connect(uri);
 *       server.listen(PORT);           ->          if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
 *     };                                             server.listen(PORT);
 *     start();                                     }
 *                                                };
 *                                                start();
 *
 *     db.sync().then(() => app.listen(3000));  ->  db.sync().then(() => (process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : app.listen(3000)));
 *
 * The condition is the environment variable Lambda sets in every function, not "is this the
 * main module" (`require.main === module`, `import.meta.url === ...argv[1]`): process
 * managers that load the entry with `require` (pm2 cluster mode), `node -r` wrappers, test
 * runners and files imported by the entry point all keep starting the server exactly as
 * before; only inside Lambda the call is skipped. Same syntax in CommonJS, ES modules and
 * TypeScript.
 *
 * Handled: every `.listen(...)` call, at the top level or inside a function (a start function,
 * a `.then` callback, an exported `startServer()`, a class method): `app.listen(...)`,
 * `server.listen(...)` of `http.createServer(app)`, `http(s).createServer(app).listen(...)`
 * (and `createServer(app.callback())` for Koa), `this.server.listen(...)`, chains such as
 * `app.listen(port).on('error', f)`. A call that is a statement of a statement list (or
 * `await`ed, assigned, declared, returned inside a function) is wrapped in the `if` block; a
 * declared server moves into the block together with the statements right after it that use
 * it; a server used elsewhere, or exported, is refused (that code would see undefined). Any
 * other listen call (an arrow's expression body, an argument) is guarded as an expression,
 * `undefined` in Lambda, the call everywhere else. Calls already under a guard (this one, a
 * "main module" check) are left alone, so a second run changes nothing.
 *
 * Options:
 * - `calls?: Array<{ line, column }>`: 1-based positions of the listen calls to guard (the call
 *   or its `listen` name); without it every listen call in the file is guarded.
 * - `moduleSystem`, `entry`: accepted for compatibility; the guard is the same either way.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, ancestorsOf, isCall, isFunction, memberName, positionOf, programBody, unwrap, walk,
} from './lib/ast';
import { type Edit, applyEdits } from './lib/edits';
import { LAMBDA_ENV, LAMBDA_ENV_GUARD, isGuard, isLambdaTest, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { analyzeScopes } from './lib/scope';

export interface GuardListenOptions {
  moduleSystem?: 'esm' | 'cjs';
  entry?: boolean;
  calls?: Position[];
}

/** The `X.listen(...)` call an expression starts with (`await`ed, assigned, chained), or null. */
export function listenCallOf(expression: AnyNode): AnyNode | null {
  let e = unwrap(expression);
  if (e.type === 'AwaitExpression') e = unwrap(e.argument);
  if (e.type === 'AssignmentExpression' && e.operator === '=') e = unwrap(e.right);
  if (e.type === 'AwaitExpression') e = unwrap(e.argument);
  while (isCall(e) && (e.callee.type === 'MemberExpression' || e.callee.type === 'OptionalMemberExpression')) {
    if (memberName(e.callee) === 'listen') return e;
    e = unwrap(e.callee.object);
  }
  return null;
}

/**
 * The listen call of a statement (expression or single declaration; inside a function also a
 * `return`), or null.
 */
function statementListenCall(statement: AnyNode, inFunction = false): AnyNode | null {
  const s = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
  if (s.type === 'ExpressionStatement') return listenCallOf(s.expression);
  if (inFunction && s.type === 'ReturnStatement' && s.argument) return listenCallOf(s.argument);
  if (s.type === 'VariableDeclaration' && s.declarations.length === 1 && s.declarations[0].init) {
    return listenCallOf(s.declarations[0].init);
  }
  return null;
}

function isListenCall(n: AnyNode): boolean {
  return isCall(n) && memberName(unwrap(n.callee)) === 'listen';
}

function findListenAt(program: AnyNode, at: Position): AnyNode | null {
  let found: AnyNode | null = null;
  walk(program, (n) => {
    if (found) return false;
    if (isListenCall(n)) {
      const p = positionOf(n);
      const q = positionOf(unwrap(n.callee).property);
      if ((p.line === at.line && p.column === at.column) || (q.line === at.line && q.column === at.column)) found = n;
    }
    return undefined;
  });
  return found;
}

/** A statement list a statement of which can be wrapped: the program's, a block's, a case's. */
function statementList(parent: AnyNode, child: AnyNode): AnyNode[] | null {
  const list: unknown = parent.type === 'SwitchCase' ? parent.consequent : /^(Program|BlockStatement|StaticBlock|TSModuleBlock)$/.test(parent.type) ? parent.body : null;
  return Array.isArray(list) && list.includes(child) ? (list as AnyNode[]) : null;
}

/**
 * Where a guard for `call` goes: around its statement (`list[index]`), around the call chain
 * it heads (`expression`), or nowhere because it is already guarded.
 */
type Placement =
  | { list: AnyNode[]; index: number; returns: boolean }
  | { expression: AnyNode }
  | { guarded: true }
  | { refused: string };

function placeGuard(program: AnyNode, call: AnyNode, source: string): Placement {
  const path = [...(ancestorsOf(program, call) ?? []), call];
  for (let i = path.length - 2; i >= 0; i--) {
    const node = path[i]!;
    const child = path[i + 1]!;
    if (node.type === 'IfStatement' && node.consequent === child && isGuard(node, source)) return { guarded: true };
    if (node.type === 'ConditionalExpression' && node.alternate === child && isLambdaTest(source.slice(node.test.start, node.test.end))) return { guarded: true };
  }
  for (let i = path.length - 2; i >= 0; i--) {
    const node = path[i]!;
    if (isFunction(node)) break;
    const statement = path[i + 1]!;
    const list = statementList(node, statement);
    if (!list) continue;
    const fn = [...path.slice(0, i + 1)].reverse().find(isFunction);
    if (statementListenCall(statement, !!fn) !== call) break;
    // A declared return type (`: http.Server`) does not admit the undefined a guarded return gives in Lambda.
    if (statement.type === 'ReturnStatement' && fn?.returnType) {
      return { refused: 'it is returned from a function with a declared return type, which the guard would make undefined in Lambda; guard it by hand' };
    }
    return { list, index: list.indexOf(statement), returns: !!fn && !fn.returnType };
  }
  // The whole chain the call heads: `app.listen(port).on('error', f)`.
  let top = call;
  for (let i = path.length - 2; i >= 1; i--) {
    const member = path[i]!;
    const outer = path[i - 1]!;
    if (!/MemberExpression$/.test(member.type) || member.object !== path[i + 1] || !isCall(outer) || outer.callee !== member) break;
    top = outer;
    i--;
  }
  return { expression: top };
}

export default function guardListen(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as GuardListenOptions;
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const refusals: Refusal[] = [];
  const calls: AnyNode[] = [];
  if (Array.isArray(opts.calls)) {
    for (const at of opts.calls) {
      const call = findListenAt(program, at);
      if (call) calls.push(call);
      else refusals.push({ ...at, reason: 'no listen call starts here' });
    }
  } else {
    walk(program, (n) => {
      if (isListenCall(n)) calls.push(n);
    });
  }

  // Statements to wrap, per statement list; chains to guard as expressions.
  const byList = new Map<AnyNode[], { returns: boolean; targets: Array<{ index: number; call: AnyNode }> }>();
  const expressions: AnyNode[] = [];
  for (const call of calls) {
    const place = placeGuard(program, call, file.source);
    if ('list' in place) {
      const entry = byList.get(place.list) ?? { returns: place.returns, targets: [] };
      if (!entry.targets.some((t) => t.index === place.index)) entry.targets.push({ index: place.index, call });
      byList.set(place.list, entry);
    } else if ('expression' in place && !expressions.includes(place.expression)) expressions.push(place.expression);
    else if ('refused' in place) refusals.push({ ...positionOf(call), reason: place.refused });
  }

  const scopes = analyzeScopes(program);
  const edits: Edit[] = [];
  for (const [list, { returns, targets }] of byList) {
    const { groups, refusals: groupRefusals } = planGroups(program, scopes, targets, 'the server', list, returns);
    refusals.push(...groupRefusals);
    edits.push(...groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD, list)));
  }
  for (const e of expressions) {
    edits.push({ start: e.start, end: e.end, text: `(${LAMBDA_ENV} ? undefined : ${file.source.slice(e.start, e.end)})` });
  }
  for (const r of refusals.sort((a, b) => a.line - b.line || a.column - b.column)) api.report?.(`${r.line}:${r.column}: cannot guard listen: ${r.reason}`);
  // A guard inside code another guard wraps (a listen in the callback of a guarded listen) is not needed.
  const outer = edits.filter((e) => !edits.some((o) => o !== e && o.start <= e.start && e.end <= o.end && (o.start < e.start || o.end > e.end)));
  if (!outer.length) return undefined;
  return applyEdits(file.source, outer);
}
