import { Router } from 'express';
import { filesController } from '../controllers/files.controller';

export const filesRouter = Router();
filesRouter.get('/', filesController.list);
filesRouter.get('/:key', filesController.download);
filesRouter.post('/', filesController.upload);
