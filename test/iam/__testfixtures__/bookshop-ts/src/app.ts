import express from 'express';
import { requestId } from './middleware/request-id';
import { filesRouter } from './routes/files';
import { healthRouter } from './routes/health';
import { ordersRouter } from './routes/orders';
import { settingsRouter } from './routes/settings';

const app = express();
app.use(express.json());
app.use(requestId);
app.use('/health', healthRouter);
app.use('/files', filesRouter);
app.use('/orders', ordersRouter);
app.use('/settings', settingsRouter);

export default app;
