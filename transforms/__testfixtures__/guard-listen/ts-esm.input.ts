import http from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = 'hello';
});

http.createServer(app.callback()).listen(3000);
export default app;
