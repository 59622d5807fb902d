import { Node } from 'ts-morph';
import type { HandlerSource } from '../model/service-model';
import { literalValue, UNKNOWN } from './literal';
import { resolveIdentifier } from './resolve';

/**
 * Koa middleware factories that are pure functions of their options: a generated module calls
 * them itself (`bodyParser({ jsonLimit: '1mb' })`) instead of importing the user's app module
 * for an extracted instance, which would load every router on a cold start. Package → exports.
 * Factories that hold state across requests (sessions, rate limits) or read the file system
 * relative to the working directory (static files) are deliberately not listed.
 */
const PURE_FACTORIES: Record<string, Set<string>> = {
  'koa-bodyparser': new Set(['default']),
  '@koa/bodyparser': new Set(['bodyParser', 'default']),
  '@koa/cors': new Set(['default']),
  'koa-json': new Set(['default']),
  'koa-compress': new Set(['default']),
  'koa-conditional-get': new Set(['default']),
  'koa-etag': new Set(['default']),
  'koa-helmet': new Set(['default']),
  'koa-response-time': new Set(['default']),
};

/** `bodyParser({ enableTypes: ['json'] })` with literal arguments, as a `package-call` source. */
export function pureFactoryCall(expr: Node): HandlerSource | null {
  if (!Node.isCallExpression(expr)) return null;
  const callee = expr.getExpression();
  if (!Node.isIdentifier(callee)) return null;
  const b = resolveIdentifier(callee);
  if (b.kind !== 'package' || !PURE_FACTORIES[b.specifier]?.has(b.exportName)) return null;
  const args: unknown[] = [];
  for (const a of expr.getArguments()) {
    const v = literalValue(a);
    if (v === UNKNOWN) return null;
    args.push(v);
  }
  return { kind: 'package-call', ref: { from: b.specifier, isPackage: true, exportName: b.exportName }, args };
}
