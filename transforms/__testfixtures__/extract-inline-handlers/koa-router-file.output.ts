import Router from '@koa/router';
import type { DefaultContext, DefaultState, Middleware } from 'koa';

export const router = new Router();

export const getPing: Middleware<DefaultState, DefaultContext & { params: Record<string, string> }> = (ctx) => {
  ctx.body = { pong: ctx.params };
};
router.get('/ping', getPing);
export const postEcho: Middleware<DefaultState, DefaultContext & { params: Record<string, string> }> = async (ctx, next) => {
  await next();
  ctx.status = 204;
};
router.post('/echo', postEcho);
