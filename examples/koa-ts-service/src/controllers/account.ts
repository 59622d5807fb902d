import { signToken } from '../auth/token';
import { store } from '../store';
import type { AppContext } from '../types';
import { Validator } from '../validation';

/** POST /auth/token: exchanges a username and password for a bearer token. */
export async function issueToken(ctx: AppContext): Promise<void> {
  const v = new Validator(ctx.request.body);
  const username = v.string('username', { required: true, max: 64 });
  const password = v.string('password', { required: true, max: 256 });
  if (v.problems.length) ctx.throw(422, 'invalid credentials payload', { details: v.problems });
  const user = await store.users.authenticate(username!, password!);
  if (!user) ctx.throw(401, 'wrong username or password');
  const { token, claims } = signToken(user.id, user.role);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { tokenType: 'Bearer', token, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

/** GET /api/v1/me: the caller, and how the service sees the connection (app.proxy is on). */
export async function me(ctx: AppContext): Promise<void> {
  ctx.body = { user: ctx.state.user, ip: ctx.ip, protocol: ctx.protocol, requestId: ctx.state.requestId ?? null };
}
