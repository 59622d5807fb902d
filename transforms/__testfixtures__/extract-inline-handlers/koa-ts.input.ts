import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router({ prefix: '/api' });

router.get('/items/:id', async (ctx) => {
  ctx.body = { id: ctx.params.id };
});

app.use(async (ctx, next) => {
  await next();
  ctx.set('x-powered-by', 'koa');
});
app.use(router.routes());
app.use(router.allowedMethods());

export default app;
