/**
 * Invoking a bridge handler and reading its result independently of the event source.
 */
import { createExpressHandler, createKoaHandler, type LambdaHttpHandler, type LambdaHttpResult } from '../../../src/runtime';
import type { HttpHandlerOptions } from '../../../src/runtime';
import { lambdaContext } from './events';
import type { echoApp } from './apps';

/** A handler for an echo (or any) app of either framework. */
export function handlerFor(app: ReturnType<typeof echoApp>, options?: HttpHandlerOptions): LambdaHttpHandler {
  return 'callback' in app ? createKoaHandler(app, options) : createExpressHandler(app as never, options);
}

/** Invokes with a fresh context. */
export function invoke(handler: LambdaHttpHandler, event: unknown): Promise<LambdaHttpResult> {
  return handler(event as never, lambdaContext());
}

/** Headers of any result shape as lower-case name → values; ALB's Set-Cookie case variants merged. */
export function resultHeaders(result: LambdaHttpResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (name: string, value: unknown) => (out[name.toLowerCase()] ??= []).push(String(value));
  const r = result as { headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown[]>; cookies?: string[] };
  for (const [name, value] of Object.entries(r.headers ?? {})) add(name, value);
  for (const [name, values] of Object.entries(r.multiValueHeaders ?? {})) for (const v of values) add(name, v);
  for (const cookie of r.cookies ?? []) add('set-cookie', cookie);
  return out;
}

/** The body bytes the client receives. */
export function resultBody(result: LambdaHttpResult): Buffer {
  const r = result as { body?: string; isBase64Encoded?: boolean };
  return Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8');
}

/** Parses a JSON result body. */
export function resultJson(result: LambdaHttpResult): Record<string, unknown> {
  return JSON.parse(resultBody(result).toString('utf8')) as Record<string, unknown>;
}
