import type { NextFunction, Request, Response } from 'express';
import { HttpException } from '@/exceptions/http.exception';

/** Rejects a body that lacks any of the required string fields (stand-in for class-validator). */
export const ValidationMiddleware =
  (required: string[]) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const missing = required.filter((k) => typeof body[k] !== 'string' || !body[k]);
    next(missing.length ? new HttpException(400, `missing ${missing.join(', ')}`) : undefined);
  };
