import Router from '@koa/router';

export const router = new Router();

router.get('/ping', (ctx) => {
  ctx.body = { pong: ctx.params };
});
router.post('/echo', async (ctx, next) => {
  await next();
  ctx.status = 204;
});
