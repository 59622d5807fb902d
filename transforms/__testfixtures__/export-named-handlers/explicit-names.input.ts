import express from 'express';
import { audit } from './audit';

type Handler = express.RequestHandler;

const health: Handler = (req, res) => {
  res.send('ok');
};

if (process.env.EXTRA) {
  // eslint-disable-next-line no-var
  var extra: Handler = (req, res) => res.send('extra');
}

export const app = express();
app.use(audit);
app.get('/health', health);
