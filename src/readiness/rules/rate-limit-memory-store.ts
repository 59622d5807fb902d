/**
 * rate-limit-memory-store: rate limits counted in process memory: `express-rate-limit` /
 * `express-slow-down` without a `store`, `koa-ratelimit` with `driver: 'memory'`,
 * rate-limiter-flexible's `RateLimiterMemory`.
 *
 * Why on Lambda: every instance counts on its own and a new instance starts from zero, so a
 * client spread over N instances gets N times the limit, and a limit that used to hold stops
 * holding under load (when Lambda adds instances).
 *
 * Instead: count in a shared store (rate-limit-redis, a DynamoDB store,
 * `RateLimiterDynamo`/`RateLimiterRedis`), or move the limit in front of the function (API
 * Gateway throttling and usage plans, AWS WAF rate-based rules).
 *
 * Before (flagged):
 *     app.use(rateLimit({ windowMs: 60_000, limit: 100 }));
 * After (not flagged):
 *     app.use(rateLimit({ windowMs: 60_000, limit: 100, store: new RedisStore({ sendCommand }) }));
 */
import { ts } from 'ts-morph';
import type { ReadinessRule, RuleHit } from '../rule';
import { dottedName, hasProperty, objectProperty, stringValue, type ReadinessFile } from '../readiness-file';

const EXPRESS_PACKAGES = ['express-rate-limit', 'express-slow-down'];

export const rateLimitMemoryStoreRule: ReadinessRule = {
  id: 'rate-limit-memory-store',
  title: 'Rate limits counted in process memory',
  severity: 'warning',
  why: 'Every instance counts on its own and new instances start from zero: a client spread over N instances gets N times the limit.',
  instead: 'Count in a shared store (rate-limit-redis, a DynamoDB store) or limit in front of the function (API Gateway throttling and usage plans, AWS WAF rate-based rules).',
  words: ['rate-limit', 'slow-down', 'ratelimit', 'RateLimiterMemory'],
  checkFile(file: ReadinessFile): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const pkg of EXPRESS_PACKAGES) {
      const names = new Set(file.namesFrom(pkg));
      if (names.size === 0) continue;
      for (const call of file.calls) {
        const callee = dottedName(call.expression);
        if (callee === undefined || !names.has(callee.split('.')[0]!)) continue;
        const opts = call.arguments[0];
        if (opts !== undefined && !ts.isObjectLiteralExpression(opts)) continue; // options built elsewhere
        if (!hasProperty(opts, 'store')) hits.push({ at: call, scope: 'module', message: `\`${pkg}\` without a \`store\` counts requests in this instance's memory` });
      }
    }
    const koa = new Set(file.namesFrom('koa-ratelimit'));
    for (const call of file.calls) {
      if (!ts.isIdentifier(call.expression) || !koa.has(call.expression.text)) continue;
      if (stringValue(objectProperty(call.arguments[0], 'driver')) === 'memory') {
        hits.push({ at: call, scope: 'module', message: "`koa-ratelimit` with `driver: 'memory'` counts requests in this instance's memory" });
      }
    }
    for (const expr of file.news) {
      const name = dottedName(expr.expression);
      if (name !== undefined && /(^|\.)RateLimiterMemory$/.test(name)) hits.push({ at: expr, scope: 'module', message: '`RateLimiterMemory` counts requests in this instance\'s memory' });
    }
    return hits;
  },
};
