import type { NextFunction, Request, Response } from 'express';
import { UserService } from '@/services/users.service';

export class UserController {
  public user = new UserService();

  public getUsers = (req: Request, res: Response, next: NextFunction): void => {
    try {
      res.status(200).json({ data: this.user.findAllUser(), message: 'findAll' });
    } catch (error) {
      next(error);
    }
  };

  public getUserById = (req: Request, res: Response, next: NextFunction): void => {
    try {
      res.status(200).json({ data: this.user.findUserById(Number(req.params.id)), message: 'findOne' });
    } catch (error) {
      next(error);
    }
  };

  public createUser = (req: Request, res: Response, next: NextFunction): void => {
    try {
      res.status(201).json({ data: this.user.createUser(req.body), message: 'created' });
    } catch (error) {
      next(error);
    }
  };

  public deleteUser = (req: Request, res: Response, next: NextFunction): void => {
    try {
      res.status(200).json({ data: this.user.deleteUser(Number(req.params.id)), message: 'deleted' });
    } catch (error) {
      next(error);
    }
  };
}
