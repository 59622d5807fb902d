'use strict';
const express = require('express');
const { requireAuth } = require('./auth');

const router = express.Router();

router.use(express.urlencoded({ extended: false }));

router.get('/', (req, res) => {
  res.json({ items: [] });
});

router.route('/items/:itemId')
  .get(requireAuth, function showItem(req, res) {
    res.json({ id: req.params.itemId });
  })
  .delete(requireAuth, (req, res) => res.sendStatus(204));

module.exports = router;
