import { discoverFiles } from '../../src/discover';
import { planHttpFunctions } from '../../src/plan/plan-http';
import { scanService } from '../../src/scan/scan-service';
import type { Granularity } from '../../src/model/migration-plan';
import { writeProject } from '../helpers/tmp-project';

const files = {
  'package.json': '{"name":"svc","dependencies":{"express":"^4.21.0"}}',
  'app.js': `const express = require('express');
const users = require('./users');
const orders = require('./orders');
const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.use('/users', users);
app.use('/orders', orders);
module.exports = app;
`,
  'users.js': `const router = require('express').Router();
router.get('/', (req, res) => res.json([]));
router.get('/:id', (req, res) => res.json({}));
module.exports = router;
`,
  'orders.js': `const router = require('express').Router();
router.post('/', (req, res) => res.status(201).end());
module.exports = router;
`,
};

async function plan(granularity: Granularity) {
  const root = writeProject(files);
  const found = await discoverFiles(root, [], {});
  const model = await scanService({ root, files: found.map((f) => f.path) });
  return planHttpFunctions(model, { granularity, outDir: 'lambda', extension: '.js', expressMajor: 4 }).functions.map((f) => ({
    name: f.name,
    routes: f.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
  }));
}

describe('granularity', () => {
  it('route: one function per route', async () => {
    expect(await plan('route')).toEqual([
      { name: 'getHealth', routes: ['GET /health'] },
      { name: 'getUsers', routes: ['GET /users'] },
      { name: 'getUsersById', routes: ['GET /users/:id'] },
      { name: 'postOrders', routes: ['POST /orders'] },
    ]);
  });
  it('router: one function per mounted router (routes on the app itself share one)', async () => {
    expect(await plan('router')).toEqual([
      { name: 'rootRouter', routes: ['GET /health'] },
      { name: 'usersRouter', routes: ['GET /users', 'GET /users/:id'] },
      { name: 'ordersRouter', routes: ['POST /orders'] },
    ]);
  });
  it('app: one function for the whole app', async () => {
    expect(await plan('app')).toEqual([{ name: 'appApp', routes: ['GET /health', 'GET /users', 'GET /users/:id', 'POST /orders'] }]);
  });
});
