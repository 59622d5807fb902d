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
 * transform gets their 1-based positions. A declaration moves into the block with the
 * statements right after it that use it; a binding used elsewhere or exported is refused
 * (that code would see undefined), as guard-listen does. Already guarded statements are left.
 *
 * Options: `calls: Array<{ line, column }>`, positions inside the statements to guard.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { type AnyNode, type Position, type Refusal, offsetToPosition, positionToOffset, programBody } from './lib/ast';
import { type Edit, applyEdits } from './lib/edits';
import { LAMBDA_ENV_GUARD, isGuard, planGroups, wrapEdit } from './lib/guard';
import { parseForEdits } from './lib/parse';
import { analyzeScopes } from './lib/scope';

export interface GuardStartupOptions {
  calls?: Position[];
}

export default function guardStartup(file: FileInfo, api: API, options: Options): string | undefined {
  const opts = options as GuardStartupOptions;
  if (!Array.isArray(opts.calls) || !opts.calls.length) return undefined;
  const { program, comments } = parseForEdits(file.source, api.jscodeshift);
  const body = programBody(program);
  const refusals: Refusal[] = [];
  const targets: Array<{ index: number; call: AnyNode }> = [];
  for (const at of opts.calls) {
    const offset = positionToOffset(file.source, at);
    const index = body.findIndex((s) => s.start <= offset && offset < s.end);
    if (index < 0) {
      refusals.push({ ...at, reason: 'no top-level statement starts something here' });
      continue;
    }
    if (isGuard(body[index], file.source) || targets.some((t) => t.index === index)) continue;
    // planGroups locates its refusals at `call`: the position the scan gave.
    const { line, column } = offsetToPosition(file.source, offset);
    targets.push({ index, call: { type: 'Position', loc: { start: { line, column: column - 1 }, end: { line, column } } } });
  }
  const { groups, refusals: groupRefusals } = planGroups(program, analyzeScopes(program), targets, 'what it starts');
  refusals.push(...groupRefusals);
  for (const r of refusals) api.report?.(`${r.line}:${r.column}: cannot guard start-up code: ${r.reason}`);
  if (!groups.length) return undefined;
  const edits: Edit[] = groups.map((g) => wrapEdit(file.source, program, comments, g, LAMBDA_ENV_GUARD));
  return applyEdits(file.source, edits);
}
