import type { NextFunction, Request, Response } from 'express';

/** The service's own access log: the generated modules import it as `logger`. */
export function logger(req: Request, _res: Response, next: NextFunction): void {
  console.log(`${req.method} ${req.originalUrl}`);
  next();
}
