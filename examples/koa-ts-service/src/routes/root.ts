import Router from '@koa/router';
import { store } from '../store';

/** Service info and health: public, unprefixed. */
export const rootRouter = new Router();

rootRouter.get('/', async (ctx) => {
  ctx.body = {
    service: 'tasks',
    version: '2.3.0',
    links: { health: '/health', token: '/auth/token', api: '/api/v1' },
  };
});

rootRouter.get('/health', async (ctx) => {
  const counts = await store.counts();
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { status: 'ok', ...counts };
});
