import type { NextFunction, Request, Response } from 'express';
import { API_VERSION, SERVICE_NAME } from '@config';

export class IndexController {
  public index = (req: Request, res: Response, next: NextFunction): void => {
    try {
      res.json({ service: SERVICE_NAME, version: API_VERSION });
    } catch (error) {
      next(error);
    }
  };
}
