import express from 'express';
import cors from 'cors';

const app = express();

export const corsMiddleware = cors({ origin: '*' });
app.use(corsMiddleware);
export const useApiJson = express.json();
export const useApiMiddleware1 = (req, res, next) => next();
app.use('/api', useApiJson, useApiMiddleware1);

export const allHealth = (req, res) => res.send('ok');
app.all('/health', allHealth);
export const patchFilesByPath = (req, res) => res.send(req.params.path);
app.patch('/files/*path', patchFilesByPath);

app.listen(3000);
