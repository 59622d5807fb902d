const Koa = require('koa');

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = 'hello';
});

if (require.main === module) {
  app.listen(3000).on('listening', () => console.log('ready'));
}

module.exports = app;
