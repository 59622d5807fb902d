import type { NextFunction, Request, Response } from 'express';

/** Adds a header naming the service (the starters use helmet/hpp here). */
export const poweredBy =
  (name: string) =>
  (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Service', name);
    next();
  };
