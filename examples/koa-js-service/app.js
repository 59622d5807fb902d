'use strict';

const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const { shapeError } = require('./lib/errors');
const rootRouter = require('./routes/root');
const recipesRouter = require('./routes/recipes');
const ingredientsRouter = require('./routes/ingredients');

const app = new Koa();
// Behind the load balancer: trust X-Forwarded-* headers.
app.proxy = true;

// Outermost: every error below it, and every 404 nobody answered, becomes a JSON body.
app.use(async function errors(ctx, next) {
  try {
    await next();
    if (ctx.status === 404 && ctx.body == null) ctx.throw(404, `Cannot ${ctx.method} ${ctx.path}`);
  } catch (err) {
    const shaped = shapeError(err);
    ctx.status = shaped.status;
    ctx.set(shaped.headers);
    ctx.body = shaped.body;
    if (shaped.status >= 500) ctx.app.emit('error', err, ctx);
  }
});

// API responses are not for shared caches unless a handler says otherwise.
app.use(async (ctx, next) => {
  await next();
  if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
});

app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '16kb', strict: true }));

app.use(rootRouter.routes());
app.use(recipesRouter.routes());
app.use(recipesRouter.allowedMethods());
app.use(ingredientsRouter.routes());
app.use(ingredientsRouter.allowedMethods());

app.on('error', (err, ctx) => {
  if (process.env.NODE_ENV === 'test') return;
  console.error(`[recipes] ${ctx ? `${ctx.method} ${ctx.path}: ` : ''}${err.stack || err}`);
});

const port = process.env.PORT || 3000;
app.listen(port, () => {
  console.log(`recipes listening on port ${port}`);
});

module.exports = app;
