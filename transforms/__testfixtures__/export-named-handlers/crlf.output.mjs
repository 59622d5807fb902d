import express from 'express';

// Lists users.
export function listUsers(req, res) {
  res.json([]);
}

export const requireAuth = (req, res, next) => next();
const limit = 10, showUser = (req, res) => res.json({ id: req.params.id, limit });

const router = express.Router();
router.get('/users', requireAuth, listUsers);
router.get('/users/:id', requireAuth, showUser);

export default router;
export { showUser };
