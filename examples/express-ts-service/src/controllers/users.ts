import type { NextFunction, Request, Response } from 'express';
import { currentUser } from '../middleware/auth';
import { notFoundError } from '../middleware/errors';
import { store } from '../store';
import { parseId, parseIntQuery, parseRole, validateUser } from '../validation';

/** Handlers for /api/users; an object of functions, as many services organise controllers. */
export const usersController = {
  async list(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const page = await store.users.list({
        role: parseRole(req.query.role),
        limit: parseIntQuery(req.query.limit, 'limit', 20, 1, 100),
        offset: parseIntQuery(req.query.offset, 'offset', 0, 0, 10_000),
      });
      res.json(page);
    } catch (err) {
      next(err);
    }
  },

  async get(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const user = await store.users.get(parseId(req.params.id));
      if (!user) throw notFoundError('user');
      res.json(user);
    } catch (err) {
      next(err);
    }
  },

  async create(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const input = validateUser(req.body, false);
      const user = await store.users.create({ name: input.name!, email: input.email!, role: input.role ?? 'member' });
      res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
    } catch (err) {
      next(err);
    }
  },

  async update(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const id = parseId(req.params.id);
      const caller = currentUser(res);
      const input = validateUser(req.body, true);
      if (caller.role !== 'admin' && caller.id !== id) {
        res.status(403).json({ error: 'forbidden', message: 'you can only update your own profile' });
        return;
      }
      if (input.role !== undefined && caller.role !== 'admin') {
        res.status(403).json({ error: 'forbidden', message: 'only admins can change roles' });
        return;
      }
      const user = await store.users.update(id, input);
      if (!user) throw notFoundError('user');
      res.json(user);
    } catch (err) {
      next(err);
    }
  },

  async remove(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const id = parseId(req.params.id);
      if (id === currentUser(res).id) {
        res.status(409).json({ error: 'conflict', message: 'you cannot delete yourself' });
        return;
      }
      if (!(await store.users.remove(id))) throw notFoundError('user');
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  },
};
