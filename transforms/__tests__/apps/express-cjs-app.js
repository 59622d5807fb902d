'use strict';
const express = require('express');

const app = express();
const router = express.Router();

const users = { 42: { id: 42, name: 'Ada' } };
const items = [];

function requireKey(req, res, next) {
  if (req.get('x-key') !== 'secret') return res.status(401).json({ error: 'no key' });
  next();
}

function listUsers(req, res) {
  res.json(Object.values(users));
}

app.use(express.json());
app.use((req, res, next) => {
  res.set('x-app', 'demo');
  next();
});

router.get('/users', listUsers);
router.get('/users/:id', (req, res) => {
  const user = users[req.params.id];
  if (!user) return res.status(404).json({ error: 'not found' });
  res.json(user);
});
router
  .route('/items')
  .get((req, res) => res.json(items))
  .post([requireKey, (req, res) => {
    items.push(req.body);
    res.status(201).json({ count: items.length });
  }]);
router.get('/boom', () => {
  throw new Error('kaboom');
});

app.use('/api', router);
app.use((err, req, res, next) => {
  res.status(500).json({ error: err.message });
});

const PORT = Number(process.env.PORT) || 3000;
app.listen(PORT, () => {
  console.log(`listening on ${PORT}`);
});

module.exports = app;
