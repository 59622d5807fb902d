const express = require('express');

const router = express.Router();

const jsonMiddleware = express.json();
router.use(jsonMiddleware);
const getUsers = async (req, res) => {
  const users = await load();
  res.json(users.reverse());
};
// Every user, newest first.
router.get('/users', getUsers);

async function load() {
  return [];
}

module.exports = router;
module.exports.jsonMiddleware = jsonMiddleware;
module.exports.getUsers = getUsers;
