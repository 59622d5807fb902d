import { Router } from 'express';

/** Probes for the load balancer, which keeps calling the old service. */
export const healthRouter = Router();

healthRouter.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});

healthRouter.get('/ready', (_req, res) => {
  res.json({ status: 'ready' });
});
