const express = require('express');

const router = express.Router();

const jsonMiddleware = express.json();
router.use(jsonMiddleware);
// Every user, newest first.
const getUsers = async (req, res) => {
  const users = await load();
  res.json(users.reverse());
};
router.get('/users', getUsers);

async function load() {
  return [];
}

module.exports = router;
module.exports.jsonMiddleware = jsonMiddleware;
module.exports.getUsers = getUsers;
