import express, { type NextFunction, type Request, type Response } from 'express';

const router = express.Router();

/** A tiny stand-in for express-rate-limit. */
function rateLimit(options: { windowMs: number }): express.RequestHandler {
  return (req, res, next) => (options.windowMs > 0 ? next() : res.sendStatus(429));
}

export const jsonMiddleware = express.json();
router.use(jsonMiddleware);
// Every request gets an id.
export const useMiddleware1: express.RequestHandler = (req, res, next) => {
  res.setHeader('x-request-id', String(Date.now()));
  next();
};
router.use(useMiddleware1);

export const postLoginRateLimit = rateLimit({ windowMs: 1000 });
export const postLogin = async (req: Request, res: Response) => {
  res.json({ user: req.body.user });
};
router.post('/login', postLoginRateLimit, postLogin);

export const getUsersByIdMiddleware1 = (req: Request, res: Response, next: NextFunction) => next();
export const getUsersById = (req: Request, res: Response) => {
  res.json({ id: req.params.id, note: `line one
line two` });
};
router.get('/users/:id', [
  getUsersByIdMiddleware1,
  getUsersById,
]);

export const getBooks: express.RequestHandler = (req, res) => {
  res.json([]);
};
export const postBooks: express.RequestHandler = (req, res) => res.status(201).end();
router
  .route('/books')
  .get(getBooks)
  .post(postBooks);

export const errorHandler = (err: Error, req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: err.message });
};
router.use(errorHandler);

export default router;
