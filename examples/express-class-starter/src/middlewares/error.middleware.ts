import type { NextFunction, Request, Response } from 'express';
import type { HttpException } from '@/exceptions/http.exception';

export const ErrorMiddleware = (error: HttpException, req: Request, res: Response, next: NextFunction): void => {
  const status = error.status || 500;
  const message = error.message || 'Something went wrong';
  res.status(status).json({ message });
};
