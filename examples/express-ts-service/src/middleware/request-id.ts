import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const HEADER = 'x-request-id';
/** Accept caller-supplied ids that are safe to echo into logs and headers. */
const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Propagates the caller's request id (or mints one) so log lines and responses can be
 * correlated across services. The id is echoed in the `X-Request-Id` response header and
 * kept in `res.locals.requestId` for error responses.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get(HEADER);
  const id = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}
