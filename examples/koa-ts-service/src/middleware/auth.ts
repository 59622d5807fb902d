import type { Middleware } from 'koa';
import { verifyToken } from '../auth/token';
import type { Role } from '../store';
import { store } from '../store';
import type { AppState } from '../types';

function challenge(error?: string): Record<string, string> {
  const params = ['realm="tasks"'];
  if (error) params.push(`error="${error}"`);
  return { 'WWW-Authenticate': `Bearer ${params.join(', ')}` };
}

/**
 * Verifies `Authorization: Bearer <token>` and puts the caller in `ctx.state.user`.
 * Failures are 401s carrying a `WWW-Authenticate` challenge (applied by `errorHandler`).
 */
export const authenticate: Middleware<AppState> = async (ctx, next) => {
  const header = ctx.get('authorization');
  // `return ctx.throw(...)`: TypeScript does not narrow on a method that returns never.
  if (!header) return ctx.throw(401, 'missing Authorization header', { headers: challenge() });
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return ctx.throw(401, 'expected a Bearer token', { headers: challenge('invalid_request') });
  const result = verifyToken(match[1]!);
  if (!result.ok) {
    return ctx.throw(401, result.reason === 'expired' ? 'token expired' : 'invalid token', { headers: challenge('invalid_token') });
  }
  const user = await store.users.get(result.claims.sub);
  if (!user) return ctx.throw(401, 'invalid token', { headers: challenge('invalid_token') });
  ctx.state.user = user;
  await next();
};

/** Lets the request through only when the caller has `role`. */
export function requireRole(role: Role): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.state.user.role !== role) ctx.throw(403, `requires role ${role}`);
    await next();
  };
}
