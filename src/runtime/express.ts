/**
 * Express adapter (Express 4 and 5).
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { createHttpHandler } from './handler';
import type { HttpHandlerOptions, LambdaHttpHandler } from './types';

/** The part of an Express application the adapter uses; `express()` returns one. */
export interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): unknown;
  get(setting: string): unknown;
  set(setting: string, value: unknown): unknown;
}

/**
 * Lambda handler for an Express app: requests reach the app exactly as from a real server
 * behind API Gateway or an ALB (`req.ip`, `req.protocol` and `req.hostname` follow the app's
 * `trust proxy` setting), with `req.apiGateway = { event, context }`.
 *
 * Lambda does not set NODE_ENV, and Express then runs in development mode, where its
 * default error handler puts stack traces into 500 responses. When NODE_ENV is unset and
 * the app's `env` setting is still the default `development`, it is set to `production`;
 * set NODE_ENV=development explicitly to keep Express's development behaviour.
 *
 * @example
 * import express from 'express';
 * const app = express();
 * app.get('/users/:id', getUser);
 * export const handler = createExpressHandler(app);
 */
export function createExpressHandler(app: ExpressApp, options?: HttpHandlerOptions): LambdaHttpHandler {
  if (typeof app !== 'function' || typeof app.set !== 'function') {
    throw new TypeError('createExpressHandler expects an Express application');
  }
  if (process.env.NODE_ENV === undefined && app.get('env') === 'development') app.set('env', 'production');
  return createHttpHandler(app, options);
}
