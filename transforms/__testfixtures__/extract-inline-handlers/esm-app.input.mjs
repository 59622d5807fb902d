import express from 'express';
import cors from 'cors';

const app = express();

app.use(cors({ origin: '*' }));
app.use('/api', express.json(), (req, res, next) => next());

app.all('/health', (req, res) => res.send('ok'));
app.patch('/files/*path', (req, res) => res.send(req.params.path));

app.listen(3000);
