import type { Request, Response } from 'express';
import { orderPlaced } from '../services/events.service';
import { orders } from '../services/orders.service';

export const ordersController = {
  async get(req: Request, res: Response): Promise<void> {
    const order = await orders.get(String(req.params.id));
    if (order) res.json(order);
    else res.status(404).json({ error: 'not found' });
  },
  async byCustomer(req: Request, res: Response): Promise<void> {
    res.json(await orders.byCustomer(String(req.query.customer)));
  },
  async create(req: Request, res: Response): Promise<void> {
    const order = await orders.put(req.body);
    await orderPlaced(order);
    res.status(201).json(order);
  },
};
