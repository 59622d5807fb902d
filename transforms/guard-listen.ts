/**
 * guard-listen: guards top-level listen calls so that importing the module (as a generated
 * Lambda module does) starts no server, while every other way of starting it still does.
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
 * The condition is the environment variable Lambda sets in every function, not "is this the
 * main module" (`require.main === module`, `import.meta.url === ...argv[1]`): process
 * managers that load the entry with `require` (pm2 cluster mode), `node -r` wrappers, test
 * runners and files imported by the entry point all keep starting the server exactly as
 * before; only inside Lambda the call is skipped. Same syntax in CommonJS, ES modules and
 * TypeScript.
 *
 * Handled statements, at the top level only: `X.listen(...)` (`app.listen`, `server.listen`
 * of `const server = http.createServer(app)`), `await X.listen(...)`,
 * `http(s).createServer(app).listen(...)` (and `createServer(app.callback())` for Koa),
 * chains such as `app.listen(port).on('error', f)`, `server = app.listen(...)` and
 * `const server = app.listen(...)`. A declared server moves into the block together with the
 * statements right after it that use it; a server used elsewhere, or exported, is refused
 * (that code would see undefined). Already guarded calls (by this or a "main module" check)
 * are left alone.
 *
 * Options:
 * - `calls?: Array<{ line, column }>`: 1-based positions of the listen calls to guard (the call
 *   or its `listen` name); without it every top-level listen call is guarded.
 * - `moduleSystem`, `entry`: accepted for compatibility; the guard is the same either way.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import {
  type AnyNode, type Position, type Refusal, isCall, isIdentifier, memberName, positionOf, programBody, unwrap,
} from './lib/ast';
import { type Edit, applyEdits } from './lib/edits';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { analyzeScopes } from './lib/scope';

export interface GuardListenOptions {
  moduleSystem?: 'esm' | 'cjs';
  entry?: boolean;
  calls?: Position[];
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

  const edits: Edit[] = groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD));
  return applyEdits(file.source, edits);
}
