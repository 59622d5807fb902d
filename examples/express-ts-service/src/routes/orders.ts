import express from 'express';
import { ordersController } from '../controllers/orders';
import { asyncHandler } from '../middleware/errors';

/** Mounted at /api/users/:userId/orders; `mergeParams` exposes `:userId` to the handlers. */
export const ordersRouter = express.Router({ mergeParams: true });

ordersRouter.get('/', asyncHandler(ordersController.list));
ordersRouter.post('/', asyncHandler(ordersController.create));
ordersRouter.get('/:orderId', asyncHandler(ordersController.get));
ordersRouter.post('/:orderId/cancel', asyncHandler(ordersController.cancel));
