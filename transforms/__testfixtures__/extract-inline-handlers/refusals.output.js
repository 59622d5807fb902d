import express from 'express';
import cors from 'cors';

const app = express();

export const getHealth = (req, res) => res.send('ok');
export function makeRouter(db) {
  const router = express.Router();
  router.get('/', (req, res) => res.json(db.all()));
  router.get('/health', getHealth);
  router.use(cors());
  return router;
}

export class UsersController {
  constructor(repo) {
    this.repo = repo;
  }

  register(router) {
    router.get('/users', (req, res) => res.json(this.repo.list()));
  }
}

for (const path of ['/a', '/b']) {
  app.get(path, (req, res) => res.send(path));
}

if (process.env.CORS) {
  app.use(cors());
}

app.use(helmet(securityOptions));
const securityOptions = { frameguard: false };

export default app;
