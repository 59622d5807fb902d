import express from 'express';
import { requireApiKey } from './middleware/api-key.js';
import { errorHandler, notFoundHandler } from './middleware/errors.js';
import { filesRouter } from './routes/files.js';
import itemsRouter from './routes/items.js';
import { salesReport } from './routes/reports.js';

/** The inventory API. Importing this module starts no server; see server.js. */
export const app = express();

app.disable('x-powered-by');
app.use(express.json());

app.get('/', (req, res) => {
  res.json({ service: 'inventory', version: '2.1.0', express: 5 });
});

app.get('/health', async (req, res) => {
  res.set('Cache-Control', 'no-store');
  res.json({ status: 'ok' });
});

app.use('/files', filesRouter);
app.use('/items', requireApiKey, itemsRouter);
app.get('/reports{/:year}', requireApiKey, salesReport);

app.use(notFoundHandler);
app.use(errorHandler);

export default app;
