import type { Middleware } from 'koa';

const CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
};

interface ErrorLike {
  status?: unknown;
  expose?: unknown;
  message?: unknown;
  headers?: unknown;
  details?: unknown;
}

/**
 * Outermost middleware: every error below it (thrown, `ctx.throw`n, or a 404 nobody
 * answered) becomes `{ error: { code, message, details? } }`. 5xx messages are never
 * exposed; they are re-emitted on the app so `reportError` logs them.
 */
export const errorHandler: Middleware = async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body == null) ctx.throw(404, `no route for ${ctx.method} ${ctx.path}`);
  } catch (caught) {
    const err: ErrorLike = typeof caught === 'object' && caught !== null ? caught : {};
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    ctx.status = status;
    if (err.headers && typeof err.headers === 'object') ctx.set(err.headers as Record<string, string>);
    const exposed = status < 500 && err.expose !== false && typeof err.message === 'string';
    ctx.body = {
      error: {
        code: CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'),
        message: exposed ? err.message : 'something went wrong',
        ...(err.details !== undefined ? { details: err.details } : {}),
      },
    };
    if (status >= 500) ctx.app.emit('error', caught, ctx);
  }
};

/** `app.on('error')` listener: unexpected errors go to the log (quiet under tests). */
export function reportError(err: unknown): void {
  if (process.env.NODE_ENV === 'test') return;
  console.error('[tasks] unexpected error:', err instanceof Error ? (err.stack ?? err.message) : err);
}
