import type { Middleware } from 'koa';
import type { AppState } from '../types';

const VALID = /^[A-Za-z0-9._-]{1,64}$/;

/** Echoes a well-formed `X-Request-Id` so callers can correlate logs; ignores anything else. */
export const requestId: Middleware<AppState> = async (ctx, next) => {
  const id = ctx.get('x-request-id');
  if (VALID.test(id)) {
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
  }
  await next();
};
