'use strict';

const express = require('express');

const router = express.Router();

const getRootHandler = (req, res) => res.json({ status: 'ok' });
router.get('/', getRootHandler);
const getDeepHandler = (req, res) => res.json({ status: 'ok', db: 'ok' });
router.get('/deep', getDeepHandler);

module.exports = router;
module.exports.getRootHandler = getRootHandler;
module.exports.getDeepHandler = getDeepHandler;
