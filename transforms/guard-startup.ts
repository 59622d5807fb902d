/**
 * guard-startup: guards top-level statements that start something when the module loads —
 * timers (`setInterval`), websocket servers, in-process schedules the migration left in place
 * (refused ones) — so that a generated Lambda module importing the file starts nothing, while
 * every other way of running it (node, pm2, wrappers, tests) still starts them as before.
 *
 * Before:
 *
 *     export const app = express();
 *     app.get('/stats', stats);
 *     setInterval(refreshStats, 60_000);
 *     const wss = new WebSocketServer({ port: 8081 });
 *     wss.on('connection', onConnection);
 *     cron.schedule('*\/10 * * * * *', pollQueue); // seconds: not migrated
 *
 * After:
 *
 *     export const app = express();
 *     app.get('/stats', stats);
 *     if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
 *       setInterval(refreshStats, 60_000);
 *       const wss = new WebSocketServer({ port: 8081 });
 *       wss.on('connection', onConnection);
 *       cron.schedule('*\/10 * * * * *', pollQueue); // seconds: not migrated
 *     }
 *
 * The statements are found by the scan (`scan/module-graph.ts`, `StartupEffect`); this
 * transform gets their 1-based positions. Statements of a start function the module calls
 * while it loads (`async function start() { await db.connect(); setInterval(sync, 60_000); }`
 * with `start();`) are guarded where they are, inside its body. A declaration moves into the block with the
 * statements right after it that use it; a binding used elsewhere or exported is refused
 * (that code would see undefined), as guard-listen does. Already guarded statements are left.
 *
 * Options: `calls: Array<{ line, column }>`, positions inside the statements to guard.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { type AnyNode, type Position, type Refusal, isFunction, offsetToPosition, positionToOffset, programBody } from './lib/ast';
import { type Edit, applyEdits } from './lib/edits';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { analyzeScopes } from './lib/scope';

export interface GuardStartupOptions {
  calls?: Position[];
}

/** The statement list holding the statement at `offset` (the program's, or a function body's), and its index. */
function statementAt(program: AnyNode, offset: number): { list: AnyNode[]; index: number } | null {
  let list = programBody(program);
  let inFunction = false;
  for (;;) {
    const index = list.findIndex((s) => s.start <= offset && offset < s.end);
    if (index < 0) return null;
    // A start function's body (`async function start() { ...; setInterval(f, 1000); }`), one level down.
    const s = list[index];
    const fn = s.type === 'FunctionDeclaration' ? s : s.type === 'VariableDeclaration' && s.declarations.length === 1 ? s.declarations[0].init : null;
    const body = fn && isFunction(fn) && fn.body?.type === 'BlockStatement' ? (fn.body.body as AnyNode[]) : null;
    if (!inFunction && body?.some((b) => b.start <= offset && offset < b.end)) {
      list = body;
      inFunction = true;
      continue;
    }
    return { list, index };
  }
}

export default function guardStartup(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as GuardStartupOptions;
  if (!Array.isArray(opts.calls) || !opts.calls.length) return undefined;
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const refusals: Refusal[] = [];
  const byList = new Map<AnyNode[], Array<{ index: number; call: AnyNode }>>();
  for (const at of opts.calls) {
    const offset = positionToOffset(file.source, at);
    const found = statementAt(program, offset);
    if (!found) {
      refusals.push({ ...at, reason: 'no statement starts something here' });
      continue;
    }
    const targets = byList.get(found.list) ?? [];
    byList.set(found.list, targets);
    if (isGuard(found.list[found.index], file.source) || targets.some((t) => t.index === found.index)) continue;
    // planGroups locates its refusals at `call`: the position the scan gave.
    const { line, column } = offsetToPosition(file.source, offset);
    targets.push({ index: found.index, call: { type: 'Position', loc: { start: { line, column: column - 1 }, end: { line, column } } } });
  }
  const scopes = analyzeScopes(program);
  const edits: Edit[] = [];
  for (const [list, targets] of byList) {
    const { groups, refusals: groupRefusals } = planGroups(program, scopes, targets, 'what it starts', list);
    refusals.push(...groupRefusals);
    edits.push(...groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD, list)));
  }
  for (const r of refusals) api.report?.(`${r.line}:${r.column}: cannot guard start-up code: ${r.reason}`);
  if (!edits.length) return undefined;
  return applyEdits(file.source, edits);
}
