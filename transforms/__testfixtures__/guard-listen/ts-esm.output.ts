import http from 'node:http';
import Koa from 'koa';
import { pathToFileURL } from 'node:url';

const app = new Koa();
app.use(async (ctx) => {
  ctx.body = 'hello';
});

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  http.createServer(app.callback()).listen(3000);
}
export default app;
