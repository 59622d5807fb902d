import Router from '@koa/router';
import type { DefaultContext, DefaultState, Middleware, Next, ParameterizedContext } from 'koa';

export const router = new Router();

// Loads the user for every route with an `:id` parameter.
export const paramIdMiddleware: (value: string, ctx: ParameterizedContext<DefaultState, DefaultContext & { params: Record<string, string> }>, next: Next) => unknown = async (id, ctx, next) => {
  if (!/^\d+$/.test(id)) ctx.throw(404, 'no such user');
  ctx.state.userId = Number(id);
  await next();
};
router.param('id', paramIdMiddleware);
export const getUsersById: Middleware<DefaultState, DefaultContext & { params: Record<string, string> }> = (ctx) => {
  ctx.body = { id: ctx.state.userId, raw: ctx.params.id };
};
router.get('/users/:id', getUsersById);
