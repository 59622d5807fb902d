/**
 * `lambdashift/runtime`: what generated Lambda functions import.
 *
 * Zero dependencies beyond Node built-ins and nothing from the rest of lambdashift, so
 * `--vendor-runtime` can copy this folder into a project as it is.
 *
 * @example
 * import { createExpressHandler } from 'lambdashift/runtime';
 * export const handler = createExpressHandler(app);
 */
export { createHttpHandler } from './handler';
export { createExpressHandler, type ExpressApp } from './express';
export { createKoaHandler, type KoaApp } from './koa';
export {
  createScheduledHandler,
  type ScheduledJobEvent,
  type ScheduledJobHandler,
  type ScheduledJobOptions,
} from './scheduled';
export type {
  ApiGatewayContext,
  BinaryOption,
  HttpHandlerOptions,
  LambdaHttpEvent,
  LambdaHttpHandler,
  LambdaHttpResult,
  RequestListener,
} from './types';
