import Router from '@koa/router';

const products = [{ sku: 'A-1', name: 'Anvil' }];

export const productsRouter = new Router({ prefix: '/products' });

export const getRootHandler = (ctx) => {
  ctx.body = products;
};
productsRouter.get('/', getRootHandler);

export const getBySkuHandler = (ctx) => {
  const product = products.find((p) => p.sku === ctx.params.sku);
  if (!product) ctx.throw(404, 'no such product');
  ctx.body = product;
};
productsRouter.get('/:sku', getBySkuHandler);
