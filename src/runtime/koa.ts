/**
 * Koa adapter (Koa 2 and 3).
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { createHttpHandler } from './handler';
import type { HttpHandlerOptions, LambdaHttpHandler } from './types';

/** The part of a Koa application the adapter uses; `new Koa()` returns one. */
export interface KoaApp {
  callback(): (req: IncomingMessage, res: ServerResponse) => unknown;
}

/**
 * Lambda handler for a Koa app. `app.callback()` is taken once, when the handler is created,
 * so middleware must be registered before. `ctx.ip` and `ctx.protocol` follow `app.proxy`,
 * as behind a real load balancer; `ctx.req.apiGateway` holds `{ event, context }`.
 *
 * @example
 * import Koa from 'koa';
 * const app = new Koa();
 * app.use((ctx) => { ctx.body = { hello: ctx.path }; });
 * export const handler = createKoaHandler(app);
 */
export function createKoaHandler(app: KoaApp, options?: HttpHandlerOptions): LambdaHttpHandler {
  if (typeof app?.callback !== 'function') throw new TypeError('createKoaHandler expects a Koa application');
  return createHttpHandler(app.callback(), options);
}
