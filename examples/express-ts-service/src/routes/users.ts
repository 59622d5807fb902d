import { Router } from 'express';
import { usersController } from '../controllers/users';
import { requireRole } from '../middleware/auth';

/** Mounted at /api/users and, for older clients, /api/v1/users. */
const router = Router();

router.get('/', usersController.list);
router.post('/', requireRole('admin'), usersController.create);
router.get('/:id', usersController.get);
router.patch('/:id', usersController.update);
router.delete('/:id', requireRole('admin'), usersController.remove);

export default router;
