import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router({ prefix: '/api' });

export const getItemsById: Koa.Middleware<Koa.DefaultState, Koa.DefaultContext & { params: Record<string, string> }> = async (ctx) => {
  ctx.body = { id: ctx.params.id };
};
router.get('/items/:id', getItemsById);

export const useMiddleware1: Koa.Middleware = async (ctx, next) => {
  await next();
  ctx.set('x-powered-by', 'koa');
};
app.use(useMiddleware1);
app.use(router.routes());
app.use(router.allowedMethods());

export default app;
