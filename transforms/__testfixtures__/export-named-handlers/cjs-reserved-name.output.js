const express = require('express');

const router = express.Router();

function handle(req, res) {
  res.send('would overwrite router.handle');
}
function list(req, res) {
  res.send('list');
}

router.get('/', handle);
router.get('/list', list);

module.exports = router;
module.exports.list = list;
