import express, { type NextFunction, type Request, type Response } from 'express';

const router = express.Router();

/** A tiny stand-in for express-rate-limit. */
function rateLimit(options: { windowMs: number }): express.RequestHandler {
  return (req, res, next) => (options.windowMs > 0 ? next() : res.sendStatus(429));
}

router.use(express.json());
// Every request gets an id.
router.use((req, res, next) => {
  res.setHeader('x-request-id', String(Date.now()));
  next();
});

router.post('/login', rateLimit({ windowMs: 1000 }), async (req: Request, res: Response) => {
  res.json({ user: req.body.user });
});

router.get('/users/:id', [
  (req: Request, res: Response, next: NextFunction) => next(),
  (req: Request, res: Response) => {
    res.json({ id: req.params.id, note: `line one
line two` });
  },
]);

router
  .route('/books')
  .get((req, res) => {
    res.json([]);
  })
  .post((req, res) => res.status(201).end());

router.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  res.status(500).json({ error: err.message });
});

export default router;
