import Router from '@koa/router';

export const router = new Router();

// Loads the user for every route with an `:id` parameter.
router.param('id', async (id, ctx, next) => {
  if (!/^\d+$/.test(id)) ctx.throw(404, 'no such user');
  ctx.state.userId = Number(id);
  await next();
});
router.get('/users/:id', (ctx) => {
  ctx.body = { id: ctx.state.userId, raw: ctx.params.id };
});
