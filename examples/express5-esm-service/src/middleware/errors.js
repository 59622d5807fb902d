/** An error whose status and message are safe to show the client. */
export class HttpError extends Error {
  constructor(status, message, details) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.expose = status < 500;
    if (details !== undefined) this.details = details;
  }
}

export const notFound = (what) => new HttpError(404, `${what} not found`);

/** Fallback for requests no route answered. */
export function notFoundHandler(req, res) {
  res.status(404).json({ error: 'Not Found', path: req.path });
}

/**
 * Express 5 forwards rejected promises from async handlers here, so handlers simply throw.
 * Client errors keep their message; anything else becomes a bare 500.
 */
export function errorHandler(err, req, res, next) {
  if (res.headersSent) return next(err);
  const status = Number.isInteger(err?.status) && err.status >= 400 && err.status < 600 ? err.status : 500;
  if (status >= 500) {
    console.error(`${req.method} ${req.originalUrl} failed:`, err);
    res.status(status).json({ error: 'Internal Server Error' });
    return;
  }
  if (err.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'request body is not valid JSON' });
    return;
  }
  const body = { error: err.expose === false ? 'Bad Request' : err.message };
  if (err.details !== undefined) body.details = err.details;
  res.status(status).json(body);
}
