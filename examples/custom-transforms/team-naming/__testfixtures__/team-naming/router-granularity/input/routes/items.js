'use strict';

const express = require('express');

const items = [];
const router = express.Router();

router.get('/', (req, res) => res.json(items));
router.post('/', (req, res) => {
  items.push(req.body);
  res.status(201).json(req.body);
});

module.exports = router;
