import express from 'express';
import { healthRouter } from './health';
import { usersRouter } from './users';

export const app = express();
app.use(express.json());

app.use('/health', healthRouter);
app.use('/api/v1/users', usersRouter);
app.use('/api/users', usersRouter);

app.get('/api/me', (_req, res) => {
  res.json({ id: 'me' });
});
