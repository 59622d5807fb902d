import type { Request, Response } from 'express';
import { listFiles, readFile, saveFile } from '../services/storage.service';

export const filesController = {
  async list(req: Request, res: Response): Promise<void> {
    res.json(await listFiles(String(req.query.prefix ?? '')));
  },
  async download(req: Request, res: Response): Promise<void> {
    res.type('application/octet-stream').send(await readFile(String(req.params.key)));
  },
  async upload(req: Request, res: Response): Promise<void> {
    await saveFile(String(req.body.key), Buffer.from(String(req.body.content)));
    res.status(201).end();
  },
};
