/**
 * background-work: work that runs outside a request's lifetime: `setInterval` anywhere,
 * `setTimeout`/`setImmediate` at module load or fired-and-forgotten in a handler, work after
 * the response is sent (`res.json(...)` followed by more calls, `res.on('finish', ...)`).
 *
 * Why on Lambda: the instance runs only while a request is in flight. Once the response is
 * returned it is frozen: intervals stop, pending timers and post-response work fire late (in a
 * later request's time, if the instance is reused) or never. A module-level interval runs once
 * per instance, not once per service.
 *
 * Instead: finish the work before responding (await it), hand it to a queue (SQS,
 * EventBridge) consumed by another function, or make it a scheduled function; periodic work
 * belongs in a schedule, not in an interval.
 *
 * Before (flagged):
 *     setInterval(refreshRates, 60_000);
 *     app.post('/orders', async (req, res) => { res.status(201).json(order); await audit(order); });
 * Not flagged: `await new Promise((r) => setTimeout(r, 100))`, a timeout kept and cleared
 * (`const t = setTimeout(abort, 5000)` ... `clearTimeout(t)`).
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, calleeObject, numberValue, type ReadinessFile } from '../readiness-file';
import { eventStreamHandlers } from './streaming-response';

/** API Gateway's integration timeout, ms; longer delays in handlers are `long-request`'s. */
const GATEWAY_TIMEOUT_MS = 29_000;
const SENDERS = new Set(['send', 'json', 'end', 'sendStatus', 'redirect', 'render', 'jsonp', 'sendFile', 'download']);
const RES_NAMES = new Set(['res', 'response']);

function insidePromiseExecutor(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isNewExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Promise') return true;
    if (ts.isSourceFile(p)) return false;
  }
  return false;
}

/** `const t = setTimeout(...)` / `this.t = setTimeout(...)` in a file that clears timers. */
function keptForClearing(file: ReadinessFile, call: ts.CallExpression): boolean {
  const p = call.parent;
  const kept = (ts.isVariableDeclaration(p) && p.initializer === call) || (ts.isBinaryExpression(p) && p.right === call && p.operatorToken.kind === ts.SyntaxKind.EqualsToken);
  return kept && /clear(Timeout|Interval)\s*\(/.test(file.text);
}

/** A call that sends the response: `res.json(...)`, `res.status(201).send(...)`. */
function sendsResponse(expr: ts.Expression): boolean {
  let e = ts.isAwaitExpression(expr) ? expr.expression : expr;
  if (!ts.isCallExpression(e)) return false;
  const name = calleeName(e);
  if (name === undefined || !SENDERS.has(name)) return false;
  for (let o = calleeObject(e); o; o = ts.isCallExpression(o) ? calleeObject(o) : undefined) {
    if (ts.isIdentifier(o)) return RES_NAMES.has(o.text);
    e = o as ts.CallExpression;
  }
  return false;
}

/** Whether a statement starts asynchronous work (an `await`, a `.then(...)`). */
function doesWork(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isBreakStatement(st)) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    // Synchronous code still runs before the handler returns; awaited or chained work may not.
    if (ts.isAwaitExpression(n) || (ts.isCallExpression(n) && calleeName(n) === 'then')) found = true;
    ts.forEachChild(n, visit);
  };
  visit(st);
  return found;
}

export const backgroundWorkRule: ReadinessRule = {
  id: 'background-work',
  title: 'Timers and work outside a request',
  severity: 'warning',
  why: 'An instance runs only while a request is in flight and is frozen once the response is returned: intervals stop, timers and post-response work run late or never, and module-level timers run once per instance.',
  instead: 'Await the work before responding, send it to a queue (SQS, EventBridge) handled by another function, or make periodic work a scheduled function.',
  words: ['setInterval', 'setTimeout', 'setImmediate', 'finish', 'close', 'res.', 'response.'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    const sse = eventStreamHandlers(file);
    for (const call of file.calls) {
      if (!ts.isIdentifier(call.expression) && !(ts.isPropertyAccessExpression(call.expression) && /^(global|globalThis|window|timers)$/.test(call.expression.expression.getText(file.sf)))) {
        // res.on('finish'|'close', fn): work after the response.
        const name = calleeName(call);
        const event = call.arguments[0];
        if ((name === 'on' || name === 'once') && event && ts.isStringLiteralLike(event) && (event.text === 'finish' || event.text === 'close')) {
          const target = calleeObject(call);
          const text = target?.getText(file.sf);
          const handler = file.enclosingHandler(call);
          if (handler && !sse.has(handler) && text !== undefined && /^(res|response|ctx\.res)$/.test(text) && call.arguments[1] && ts.isFunctionLike(call.arguments[1])) {
            hits.push({ at: call, scope: handler, message: `work registered on \`${text}.on('${event.text}')\` runs after the response, when the instance may already be frozen` });
          }
        }
        continue;
      }
      const fn = calleeName(call)!;
      if (fn !== 'setInterval' && fn !== 'setTimeout' && fn !== 'setImmediate') continue;
      const handler = file.enclosingHandler(call);
      if (handler && sse.has(handler)) continue; // part of the event stream, reported there
      if (fn === 'setInterval') {
        hits.push({ at: call, scope: handler ?? 'module', message: handler ? 'an interval started by a handler stops when the instance is frozen after the response' : '`setInterval` runs once per instance and stops whenever the instance is frozen between requests' });
        continue;
      }
      if (insidePromiseExecutor(call) || keptForClearing(file, call)) continue;
      if (file.atModuleLoad(call)) {
        hits.push({ at: call, scope: 'module', message: `\`${fn}\` at module load fires in whichever request is running then, or never` });
      } else if (handler) {
        const delay = numberValue(call.arguments[1]);
        if (delay !== undefined && delay > GATEWAY_TIMEOUT_MS) continue; // long-request
        // A delayed answer (`setTimeout(() => res.json(x), 100)`) is the response itself, not work after it.
        const callback = call.arguments[0];
        if (callback && ts.isFunctionLike(callback) && /\b(res|response|ctx)\.\w+/.test(callback.getText(file.sf))) continue;
        hits.push({ at: call, scope: handler, message: `\`${fn}\` in a handler fires after the response, when the instance may already be frozen` });
      }
    }
    // Work after the response in the same block.
    for (const call of file.calls) {
      const st = call.parent;
      if (!ts.isExpressionStatement(st) || st.expression !== call || !sendsResponse(call) || !ts.isBlock(st.parent)) continue;
      const handler = file.enclosingHandler(call);
      if (!handler) continue;
      const block = st.parent;
      const after = block.statements.slice(block.statements.indexOf(st) + 1).find(doesWork);
      if (after) hits.push({ at: after, scope: handler, message: 'this runs after the response was sent; on Lambda the instance may be frozen before it finishes' });
    }
    return hits;
  },
};
