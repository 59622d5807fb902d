import type { Request, Response } from 'express';
import { currentUser } from '../middleware/auth';
import { HttpError, notFoundError } from '../middleware/errors';
import { store as defaultStore, type Store, type User } from '../store';
import { parseId, validateOrderLines } from '../validation';

/**
 * Handlers for /api/users/:userId/orders. A class whose methods are arrow-function
 * properties, so they can be passed to the router without `.bind(this)`.
 * Errors are thrown (or rejected) and reach the error handler through `asyncHandler`.
 */
export class OrdersController {
  constructor(private readonly store: Store) {}

  /** The order owner, loaded from `:userId` (merged from the parent route). */
  private owner = async (req: Request, res: Response): Promise<User> => {
    const userId = parseId(req.params.userId, 'userId');
    const caller = currentUser(res);
    if (caller.role !== 'admin' && caller.id !== userId) {
      throw new HttpError(403, 'forbidden', "you cannot access another user's orders");
    }
    const owner = await this.store.users.get(userId);
    if (!owner) throw notFoundError('user');
    return owner;
  };

  list = async (req: Request, res: Response): Promise<void> => {
    const owner = await this.owner(req, res);
    const status = req.query.status;
    const orders = (await this.store.orders.listForUser(owner.id)).filter(
      (o) => status === undefined || o.status === status,
    );
    res.json({ userId: owner.id, items: orders, total: orders.length });
  };

  get = async (req: Request, res: Response): Promise<void> => {
    const owner = await this.owner(req, res);
    const order = await this.store.orders.get(owner.id, parseId(req.params.orderId, 'orderId'));
    if (!order) throw notFoundError('order');
    res.json(order);
  };

  create = async (req: Request, res: Response): Promise<void> => {
    const owner = await this.owner(req, res);
    const order = await this.store.orders.create(owner.id, validateOrderLines(req.body));
    res.status(201).location(`${req.baseUrl}/${order.id}`).json(order);
  };

  cancel = async (req: Request, res: Response): Promise<void> => {
    const owner = await this.owner(req, res);
    const orderId = parseId(req.params.orderId, 'orderId');
    const order = await this.store.orders.get(owner.id, orderId);
    if (!order) throw notFoundError('order');
    if (order.status !== 'pending') {
      throw new HttpError(409, 'conflict', `order ${orderId} is ${order.status} and can no longer be cancelled`);
    }
    res.json(await this.store.orders.setStatus(owner.id, orderId, 'cancelled'));
  };
}

export const ordersController = new OrdersController(defaultStore);
