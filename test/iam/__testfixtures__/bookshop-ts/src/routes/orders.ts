import { Router } from 'express';
import { ordersController } from '../controllers/orders.controller';

export const ordersRouter = Router();
ordersRouter.get('/', ordersController.byCustomer);
ordersRouter.get('/:id', ordersController.get);
ordersRouter.post('/', ordersController.create);
