/**
 * websocket: a WebSocket or socket.io server (`new WebSocketServer()` / `new WebSocket.Server()`
 * from ws, `new Server()` / `io(server)` from socket.io, `expressWs(app)`, koa-websocket).
 *
 * Why on Lambda: a function answers one request and its instance is frozen afterwards; it
 * cannot hold a connection open, and there is no server for clients to upgrade to. The
 * generated functions never see the upgrade request.
 *
 * Instead: API Gateway WebSocket APIs ($connect/$disconnect/message routes as Lambda
 * functions, replies through the @connections API), AWS AppSync subscriptions or AWS IoT Core;
 * or keep the realtime part on a long-running service (ECS, Fargate).
 *
 * Before (flagged):
 *     const wss = new WebSocketServer({ server });
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { dottedName, requireSpecifier, type ReadinessFile } from '../readiness-file';

const CALLED_PACKAGES = ['socket.io', 'express-ws', 'koa-websocket', 'koa-easy-ws'];

export const websocketRule: ReadinessRule = {
  id: 'websocket',
  title: 'WebSocket and socket.io servers',
  severity: 'error',
  why: 'A Lambda function answers one request and is frozen afterwards: it cannot hold a connection open, and no server is there to accept the upgrade.',
  instead: 'Use API Gateway WebSocket APIs (connect/disconnect/message routes as functions, replies through the @connections API), AppSync subscriptions or IoT Core, or keep the realtime part on a long-running service.',
  words: ['ws', 'socket.io', 'websocket', 'WebSocket'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    const ws = new Set(file.namesFrom('ws'));
    const io = new Set(file.namesFrom((m) => CALLED_PACKAGES.includes(m)));
    for (const expr of file.news) {
      const name = dottedName(expr.expression);
      if (name === undefined) continue;
      const [head, last] = [name.split('.')[0]!, name.split('.').pop()!];
      const binding = file.imports.get(head);
      const fromWs = ws.has(head) && (name.includes('.') ? ['Server', 'WebSocketServer'].includes(last) : binding?.name === 'WebSocketServer' || binding?.name === 'Server');
      const fromIo = binding?.module === 'socket.io' && (binding.name === 'Server' || last === 'Server');
      if (fromWs || fromIo) hits.push({ at: expr, scope: 'module', message: `\`new ${name}()\` starts a ${fromWs ? 'WebSocket' : 'socket.io'} server` });
    }
    for (const call of file.calls) {
      const e = call.expression;
      const direct = ts.isIdentifier(e) && io.has(e.text) && file.imports.get(e.text)!.name !== 'Server' ? file.imports.get(e.text)!.module : undefined;
      const inline = ts.isCallExpression(e) ? requireSpecifier(e) : undefined;
      const pkg = direct ?? (inline !== undefined && CALLED_PACKAGES.includes(inline) ? inline : undefined);
      if (pkg !== undefined) hits.push({ at: call, scope: 'module', message: `\`${pkg}\` attaches a realtime server` });
    }
    return hits;
  },
};
