import { Router } from 'express';
import { UserController } from '@controllers/users.controller';
import type { Routes } from '@/interfaces/routes.interface';
import { ValidationMiddleware } from '@middlewares/validation.middleware';

export class UserRoute implements Routes {
  public path = '/users';
  public router = Router();
  public user = new UserController();

  constructor() {
    this.initializeRoutes();
  }

  private initializeRoutes() {
    this.router.get(`${this.path}`, this.user.getUsers);
    this.router.get(`${this.path}/:id`, this.user.getUserById);
    this.router.post(`${this.path}`, ValidationMiddleware(['email', 'name']), this.user.createUser);
    this.router.delete(`${this.path}/:id`, this.user.deleteUser);
  }
}
