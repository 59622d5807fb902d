import type { Request, Response } from 'express';
import { featureFlags, paymentsConfigured } from '../services/config.service';

export const settingsController = {
  async show(_req: Request, res: Response): Promise<void> {
    res.json({ flags: await featureFlags(), payments: await paymentsConfigured() });
  },
};
