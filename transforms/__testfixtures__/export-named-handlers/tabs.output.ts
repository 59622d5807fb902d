import { Router, type Request, type Response, type NextFunction } from 'express';

export function listUsers(req: Request, res: Response) {
	if (req.query.all) {
		res.json([]);
		return;
	}
	res.json([]);
}

	export const requireAuth = (req: Request, res: Response, next: NextFunction) => next();

class UsersController {
	remove = (req: Request, res: Response) => res.sendStatus(204);
}
export const users = new UsersController();

const router = Router();
router.get('/users', requireAuth, listUsers);
router.delete('/users/:id', requireAuth, users.remove);

export default router;
