'use strict';

const express = require('express');

const items = [];
const router = express.Router();

const getRootHandler = (req, res) => res.json(items);
router.get('/', getRootHandler);
const postRootHandler = (req, res) => {
  items.push(req.body);
  res.status(201).json(req.body);
};
router.post('/', postRootHandler);

module.exports = router;
module.exports.getRootHandler = getRootHandler;
module.exports.postRootHandler = postRootHandler;
