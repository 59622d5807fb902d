/**
 * process-hooks: process-level hooks and process management: `process.on('SIGTERM' | 'SIGINT'
 * | 'exit' | 'beforeExit' | 'uncaughtException' | 'unhandledRejection')`, `cluster`.
 *
 * Why on Lambda: the runtime owns the process. Instances are frozen and later dropped
 * without the signals a server gets, so graceful-shutdown code does not run; a crash handler
 * that keeps the process alive leaves a broken instance serving; there is one CPU share per
 * request and no workers to fork.
 *
 * Instead: close connections lazily (or with a Lambda extension for shutdown hooks), let
 * errors fail the invocation, and let Lambda's concurrency replace cluster workers.
 *
 * Before (flagged):
 *     process.on('SIGTERM', () => server.close(() => db.end()));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { calleeName, dottedName, type ReadinessFile } from '../readiness-file';

const EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection']);

export const processHooksRule: ReadinessRule = {
  id: 'process-hooks',
  title: 'Process signal handlers and cluster',
  severity: 'warning',
  why: 'The Lambda runtime owns the process: instances are frozen and dropped without the signals a server gets, crash handlers keep broken instances alive, and there are no workers to fork.',
  instead: 'Let errors fail the invocation, close connections lazily (or use a Lambda extension for shutdown work), and let Lambda concurrency replace cluster workers.',
  words: ['process.on', 'process.once', 'process.addListener', 'cluster'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const call of file.calls) {
      const dotted = dottedName(call.expression);
      if (dotted === 'process.on' || dotted === 'process.once' || dotted === 'process.addListener') {
        const event = call.arguments[0];
        if (event && ts.isStringLiteralLike(event) && EVENTS.has(event.text)) hits.push({ at: call, scope: 'module', message: `\`${dotted}('${event.text}')\` does not run as on a server: Lambda freezes and drops instances itself` });
        continue;
      }
      const head = dotted?.split('.')[0];
      if (head !== undefined && file.moduleOf(head) !== undefined && /^(node:)?cluster$/.test(file.moduleOf(head)!) && calleeName(call) === 'fork') {
        hits.push({ at: call, scope: 'module', message: '`cluster.fork()` starts worker processes; a Lambda instance serves one request at a time' });
      }
    }
    return hits;
  },
};
