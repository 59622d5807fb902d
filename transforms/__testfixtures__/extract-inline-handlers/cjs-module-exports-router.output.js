'use strict';
const express = require('express');
const { requireAuth } = require('./auth');

const router = express.Router();

const urlencodedMiddleware = express.urlencoded({ extended: false });
router.use(urlencodedMiddleware);

const getRoot = (req, res) => {
  res.json({ items: [] });
};
router.get('/', getRoot);

const getItemsByItemId = function showItem(req, res) {
  res.json({ id: req.params.itemId });
};
const deleteItemsByItemId = (req, res) => res.sendStatus(204);
router.route('/items/:itemId')
  .get(requireAuth, getItemsByItemId)
  .delete(requireAuth, deleteItemsByItemId);

module.exports = router;
module.exports.urlencodedMiddleware = urlencodedMiddleware;
module.exports.getRoot = getRoot;
module.exports.getItemsByItemId = getItemsByItemId;
module.exports.deleteItemsByItemId = deleteItemsByItemId;
