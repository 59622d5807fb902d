/**
 * session-memory-store: sessions kept in process memory: `express-session` or
 * `koa-generic-session` without a `store`, `new session.MemoryStore()`. (koa-session without a
 * store keeps the session in a signed cookie, which works on Lambda, and is not flagged.)
 *
 * Why on Lambda: the memory store lives in one instance. The next request of the same user
 * lands on another instance (or a fresh one after a cold start) that does not know the
 * session: users are logged out at random.
 *
 * Instead: give the session middleware a shared store (connect-dynamodb, connect-redis,
 * koa-redis), or keep the session in a signed cookie (cookie-session, koa-session's default
 * cookie store, a JWT).
 *
 * Before (flagged):
 *     app.use(session({ secret: process.env.SECRET, resave: false }));
 * After (not flagged):
 *     app.use(session({ secret: process.env.SECRET, store: new DynamoDBStore({ table: 'sessions' }) }));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { dottedName, hasProperty, type ReadinessFile } from '../readiness-file';

const PACKAGES = ['express-session', 'koa-session', 'koa-generic-session'];

export const sessionMemoryStoreRule: ReadinessRule = {
  id: 'session-memory-store',
  title: 'Sessions kept in process memory',
  severity: 'error',
  why: 'The memory store lives in one instance; the next request of the same user may land on another instance or a fresh one, which does not know the session.',
  instead: 'Give the session middleware a shared store (connect-dynamodb, connect-redis, koa-redis) or keep the session in a signed cookie (cookie-session, a JWT).',
  words: PACKAGES,
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const pkg of PACKAGES) {
      const names = new Set(file.namesFrom(pkg));
      if (names.size === 0) continue;
      for (const call of file.calls) {
        const callee = ts.isIdentifier(call.expression) ? call.expression.text : undefined;
        if (callee === undefined || !names.has(callee)) continue;
        const opts = call.arguments.find((a) => ts.isObjectLiteralExpression(a));
        // koa-session's default store is the signed cookie itself: nothing stays in memory.
        if (pkg === 'koa-session') continue;
        if (call.arguments.length > 0 && !opts) continue; // options built elsewhere: cannot tell
        if (!hasProperty(opts, 'store')) {
          hits.push({ at: call, scope: 'module', message: `\`${pkg}\` without a \`store\` keeps sessions in this instance's memory` });
        }
      }
      for (const expr of file.news) {
        const name = dottedName(expr.expression);
        if (name !== undefined && /(^|\.)MemoryStore$/.test(name) && (names.has(name.split('.')[0]!) || names.has(name))) {
          hits.push({ at: expr, scope: 'module', message: `\`${name}\` keeps sessions in this instance's memory` });
        }
      }
    }
    return hits;
  },
};
