import Koa from 'koa';
import { productsRouter } from './routes/products.js';

export const app = new Koa();
app.use(productsRouter.routes());
app.use(productsRouter.allowedMethods());

if (import.meta.url === `file://${process.argv[1]}`) {
  app.listen(Number(process.env.PORT ?? 3000));
}
