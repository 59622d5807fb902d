import { Router, type Request, type Response, type NextFunction } from 'express';
import { audit } from './audit';

// Lists users.
function listUsers(req: Request, res: Response) {
  res.json([]);
}

async function createUser(req: Request, res: Response) {
  res.status(201).json(req.body);
}

const requireAuth = (req: Request, res: Response, next: NextFunction) => next();
const limit = 10, showUser = (req: Request, res: Response) => res.json({ id: req.params.id, limit });

class UsersController {
  remove = (req: Request, res: Response) => res.sendStatus(204);
}
const users = new UsersController();

export function alreadyExported(req: Request, res: Response) {
  res.end();
}

const router = Router();
router.use(audit);
router.get('/users', requireAuth, listUsers);
router.post('/users', [requireAuth, createUser]);
router.route('/users/:id').get(showUser).delete(requireAuth, users.remove);
router.get('/done', alreadyExported);

export default router;
