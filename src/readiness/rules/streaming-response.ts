/**
 * streaming-response: responses sent in pieces over time: server-sent events
 * (`text/event-stream`), `res.flushHeaders()`, `res.write()` in a handler, `stream.pipe(res)`.
 *
 * Why on Lambda: API Gateway (and the generated handlers) return a response once the function
 * finishes; nothing reaches the client before that. An event stream never finishes, so the
 * client waits until the 29-second integration timeout and gets an error; other streamed
 * responses arrive at once at the end, held in memory.
 *
 * Instead: for live updates use API Gateway WebSocket APIs, AppSync subscriptions or polling;
 * for large downloads hand out an S3 pre-signed URL; Lambda response streaming (Function
 * URLs, `awslambda.streamifyResponse`) needs a handler written for it.
 *
 * Before (flagged):
 *     app.get('/events', (req, res) => {
 *       res.setHeader('Content-Type', 'text/event-stream');
 *       const timer = setInterval(() => res.write(`data: ${Date.now()}\n\n`), 1000);
 *       req.on('close', () => clearInterval(timer));
 *     });
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, calleeObject, type ReadinessFile } from '../readiness-file';

const RES_NAMES = new Set(['res', 'response', 'reply']);

const sseCache = new WeakMap<ReadinessFile, Map<ts.SignatureDeclaration, ts.Node>>();

/** Handlers of the file that answer with server-sent events, with the node that says so. */
export function eventStreamHandlers(file: ReadinessFile): Map<ts.SignatureDeclaration, ts.Node> {
  let found = sseCache.get(file);
  if (found) return found;
  found = new Map();
  if (file.text.includes('text/event-stream')) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) && node.text.includes('text/event-stream')) {
        const handler = file.enclosingHandler(node);
        let at: ts.Node = node;
        while (at.parent && !ts.isExpressionStatement(at) && !ts.isBlock(at.parent) && !ts.isSourceFile(at.parent)) at = at.parent;
        if (handler && !found!.has(handler)) found!.set(handler, at);
      }
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }
  sseCache.set(file, found);
  return found;
}

function isResponse(expr: ts.Expression | undefined): boolean {
  return expr !== undefined && ts.isIdentifier(expr) && RES_NAMES.has(expr.text);
}

export const streamingResponseRule: ReadinessRule = {
  id: 'streaming-response',
  title: 'Server-sent events and streamed responses',
  severity: 'error',
  why: 'API Gateway returns the response when the function finishes: an event stream never reaches the client (it times out after 29 seconds), and other streamed responses arrive all at once at the end.',
  instead: 'Use WebSocket APIs, AppSync subscriptions or polling for live updates, and S3 pre-signed URLs for large downloads; Lambda response streaming needs a handler written for it.',
  words: ['text/event-stream', '.write(', 'flushHeaders', '.pipe('],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    const sse = eventStreamHandlers(file);
    for (const [handler, at] of sse) hits.push({ at, scope: handler, message: 'the handler answers with server-sent events (`text/event-stream`), which API Gateway cannot stream' });
    const seen = new Set<ts.Node>(sse.keys());
    for (const call of file.calls) {
      const name = calleeName(call);
      const streamed =
        ((name === 'write' || name === 'flushHeaders') && isResponse(calleeObject(call))) || (name === 'pipe' && isResponse(call.arguments[0]));
      if (!streamed) continue;
      const handler = file.enclosingHandler(call);
      if (!handler || seen.has(handler)) continue;
      seen.add(handler);
      hits.push({ at: call, scope: handler, severity: 'warning', message: `the handler streams its response (\`${name}\`); on Lambda it is buffered and sent when the function returns` });
    }
    return hits;
  },
};
