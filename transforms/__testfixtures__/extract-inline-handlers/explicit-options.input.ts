import express from 'express';
import { audit } from './audit';

export const app = express();

app.use(audit('api'));
app.get('/orders/:id', (req: express.Request, res: express.Response) => {
  res.json({ id: req.params.id });
});
app.delete('/orders/:id', (req, res) => {
  res.sendStatus(204);
});
