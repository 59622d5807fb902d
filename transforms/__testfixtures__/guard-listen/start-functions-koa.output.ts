import http from 'node:http';
import Koa from 'koa';
import { connect } from './db';

export const app = new Koa();
app.use((ctx) => {
  ctx.body = 'ok';
});

async function main(): Promise<void> {
  await connect(process.env.DATABASE_URL!);
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => (process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : server.listen(Number(process.env.PORT) || 3000, resolve)));
  console.log('listening');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

export function startServer(port: number): http.Server {
  return http.createServer(app.callback()).listen(port);
}

export function startAdmin(port: number) {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    const server = http.createServer(app.callback()).listen(port);
    return server;
  }
}
