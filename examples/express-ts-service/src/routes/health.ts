import { Router } from 'express';
import { store } from '../store';

/** Liveness and readiness probes for the load balancer; no authentication. */
export const healthRouter = Router();

healthRouter.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});

healthRouter.get('/ready', async (_req, res, next) => {
  try {
    const stats = await store.stats();
    res.set('Cache-Control', 'no-store').json({ status: 'ready', checks: { store: 'ok' }, ...stats });
  } catch (err) {
    next(err);
  }
});
