import http from 'node:http';
import Koa from 'koa';

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = 'hello';
});

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  http.createServer(app.callback()).listen(3000);
}
export default app;
