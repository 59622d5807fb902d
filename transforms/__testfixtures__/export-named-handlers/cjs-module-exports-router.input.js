const express = require('express');
const { requireAuth } = require('./auth');
const validate = require('./validate').body;

function listItems(req, res) {
  res.json([]);
}

const showItem = function (req, res) {
  res.json({ id: req.params.id });
};

const deleteItem = (req, res) => res.sendStatus(204);

const router = express.Router();
router.get('/items', requireAuth, listItems);
router.get('/items/:id', validate, showItem);
router.delete('/items/:id', deleteItem);

module.exports = router;
module.exports.deleteItem = deleteItem;
