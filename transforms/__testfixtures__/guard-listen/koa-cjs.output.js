const Koa = require('koa');

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = 'hello';
});

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(3000).on('listening', () => console.log('ready'));
}

module.exports = app;
