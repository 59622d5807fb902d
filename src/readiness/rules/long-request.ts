/**
 * long-request: requests allowed to run longer than API Gateway waits: a delay over 29 s in a
 * handler (`await sleep(60_000)`, `setTimeout(send, 60_000)`), `req.setTimeout()` /
 * `res.setTimeout()` / `server.setTimeout()` / `server.timeout =` / `server.requestTimeout =`
 * over 29 s (or 0, no limit), a call given `timeout` over 29 s.
 *
 * Why on Lambda: API Gateway ends every integration after 29 seconds (HTTP and REST APIs)
 * and answers 503/504, whatever the function does; the function itself is stopped at its own
 * timeout (at most 15 minutes).
 *
 * Instead: answer quickly and do the slow part asynchronously: accept the request (202), queue
 * the work (SQS, Step Functions) and let the client poll or be notified; or serve that route
 * from a Function URL or ALB, which wait up to the function's timeout.
 *
 * Before (flagged):
 *     app.post('/reports', async (req, res) => { await new Promise((r) => setTimeout(r, 60_000)); res.json(report); });
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, calleeObject, numberValue, type ReadinessFile } from '../readiness-file';

const LIMIT_MS = 29_000;
const SERVER_FIELDS = new Set(['timeout', 'requestTimeout']);

function seconds(ms: number): string {
  return ms === 0 ? 'no limit' : `${+(ms / 1000).toFixed(1)} s`;
}

export const longRequestRule: ReadinessRule = {
  id: 'long-request',
  title: 'Requests that may run over 29 seconds',
  severity: 'error',
  why: 'API Gateway ends every request after 29 seconds with a 503/504, whatever the function does.',
  instead: 'Answer quickly and do the slow part asynchronously (202 + SQS or Step Functions, then poll or notify), or serve the route from a Function URL or ALB, which wait up to the function timeout.',
  words: ['setTimeout', 'timeout', 'Timeout'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      const name = calleeName(call);
      if (name === 'setTimeout' && ts.isIdentifier(call.expression)) {
        const delay = numberValue(call.arguments[1]);
        const handler = file.enclosingHandler(call);
        if (handler && delay !== undefined && delay > LIMIT_MS) hits.push({ at: call, scope: handler, message: `the handler waits ${seconds(delay)}, longer than API Gateway's 29 s` });
        continue;
      }
      if (name === 'setTimeout' && calleeObject(call)) {
        const ms = numberValue(call.arguments[0]);
        if (ms !== undefined && (ms === 0 || ms > LIMIT_MS)) {
          hits.push({ at: call, scope: file.enclosingHandler(call) ?? 'module', message: `\`${call.expression.getText(file.sf)}(${call.arguments[0]!.getText(file.sf)})\` allows requests of ${seconds(ms)}; API Gateway stops at 29 s` });
        }
        continue;
      }
      // A client call given a timeout over the gateway's: `axios.get(url, { timeout: 60_000 })`.
      for (const arg of call.arguments) {
        if (!ts.isObjectLiteralExpression(arg)) continue;
        for (const p of arg.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || p.name.text !== 'timeout') continue;
          const ms = numberValue(p.initializer);
          const handler = file.enclosingHandler(call);
          if (handler && ms !== undefined && ms > LIMIT_MS) hits.push({ at: p, scope: handler, message: `a call in the handler may take ${seconds(ms)} (\`timeout\`), longer than API Gateway's 29 s` });
        }
      }
    }
    for (const { node, target } of file.writes) {
      if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(target)) continue;
      if (!SERVER_FIELDS.has(target.name.text) || !/server/i.test(target.expression.getText(file.sf))) continue;
      const ms = numberValue(node.right);
      if (ms !== undefined && (ms === 0 || ms > LIMIT_MS)) {
        hits.push({ at: node, scope: 'module', message: `\`${target.getText(file.sf)}\` allows requests of ${seconds(ms)}; API Gateway stops at 29 s` });
      }
    }
    return hits;
  },
};
