const express = require('express');

const router = express.Router();

router.use(express.json());
// Every user, newest first.
router.get('/users', async (req, res) => {
  const users = await load();
  res.json(users.reverse());
});

async function load() {
  return [];
}

module.exports = router;
