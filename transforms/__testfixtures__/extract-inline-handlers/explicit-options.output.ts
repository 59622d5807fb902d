import express from 'express';
import { audit } from './audit';

export const app = express();

export const auditMiddleware = audit('api');
app.use(auditMiddleware);
export const showOrder = (req: express.Request, res: express.Response) => {
  res.json({ id: req.params.id });
};
app.get('/orders/:id', showOrder);
app.delete('/orders/:id', (req, res) => {
  res.sendStatus(204);
});
