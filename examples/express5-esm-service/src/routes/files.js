import express from 'express';
import { DOCS, contentTypeFor } from '../data/docs.js';
import { HttpError } from '../middleware/errors.js';

export const filesRouter = express.Router();

/** Directory listing. */
filesRouter.get('/', (req, res) => {
  res.json({ files: [...DOCS.keys()].sort() });
});

/** `/files/guides/api/errors.md`: Express 5 gives the wildcard as an array of segments. */
filesRouter.get('/*splat', async (req, res) => {
  const segments = req.params.splat;
  if (segments.some((s) => s === '..' || s === '.')) throw new HttpError(400, 'invalid path');
  const path = segments.join('/');
  const text = DOCS.get(path);
  if (text === undefined) throw new HttpError(404, `no such file: ${path}`);
  res.set('Content-Type', `${contentTypeFor(path)}; charset=utf-8`);
  res.status(200).send(text);
});
