import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DuplicateEmailError } from '../store';

/** An error that carries the HTTP status and a machine-readable code for the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown): HttpError =>
  new HttpError(400, 'bad_request', message, details);
export const notFoundError = (what: string): HttpError => new HttpError(404, 'not_found', `${what} not found`);

/**
 * Express 4 does not catch rejected promises: wrap async handlers so their errors reach
 * the error handler instead of becoming unhandled rejections.
 */
export function asyncHandler(
  fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>,
): RequestHandler {
  return (req, res, next) => {
    fn(req, res, next).catch(next);
  };
}

/** Fallback for requests no route answered. */
export function notFound(req: Request, res: Response): void {
  res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` });
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Turns every error into a JSON body; never leaks stack traces to the client. */
export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const requestId = res.locals.requestId as string | undefined;
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.code, message: err.message, details: err.details, requestId });
    return;
  }
  if (err instanceof DuplicateEmailError) {
    res.status(409).json({ error: 'conflict', message: err.message, requestId });
    return;
  }
  const parserError = err as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'bad_request', message: 'request body is not valid JSON', requestId });
    return;
  }
  if (parserError?.type === 'entity.too.large') {
    res.status(413).json({ error: 'payload_too_large', message: 'request body is too large', requestId });
    return;
  }
  console.error(`[${requestId ?? '-'}] unhandled error:`, err);
  res.status(500).json({ error: 'internal', message: 'internal server error', requestId });
}
