import express from 'express';
import { authenticate, currentUser } from './middleware/auth';
import { errorHandler, notFound } from './middleware/errors';
import { requestId } from './middleware/request-id';
import { healthRouter } from './routes/health';
import { ordersRouter } from './routes/orders';
import usersRouter from './routes/users';

/**
 * The accounts API. This module only builds the app; `server.ts` listens, so tests and
 * other entry points can import it without starting a server.
 */
const app = express();

// Behind the load balancer: honour X-Forwarded-For / X-Forwarded-Proto.
app.set('trust proxy', true);
app.set('json spaces', 2);
app.disable('x-powered-by');

app.use(requestId);
app.use(express.json({ limit: '100kb' }));

app.get('/', (_req, res) => {
  res.json({ service: 'accounts', version: '1.4.0', links: { health: '/health', users: '/api/users' } });
});

app.use('/health', healthRouter);

// Everything under /api needs a bearer token.
app.use('/api', authenticate);

app.get('/api/me', (req, res) => {
  res.json({ user: currentUser(res), ip: req.ip, protocol: req.protocol, secure: req.secure });
});

app.use('/api/v1/users', usersRouter);
app.use('/api/users', usersRouter);
app.use('/api/users/:userId/orders', ordersRouter);

app.use(notFound);
app.use(errorHandler);

export default app;
