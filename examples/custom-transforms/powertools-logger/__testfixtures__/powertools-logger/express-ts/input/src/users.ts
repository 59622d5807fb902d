import type { Request, Response } from 'express';

const users = [{ id: '1', name: 'Ada' }];

export function listUsers(_req: Request, res: Response): void {
  res.json(users);
}

export function getUser(req: Request, res: Response): void {
  const user = users.find((u) => u.id === req.params.id);
  if (user) res.json(user);
  else res.status(404).json({ error: 'not found' });
}
