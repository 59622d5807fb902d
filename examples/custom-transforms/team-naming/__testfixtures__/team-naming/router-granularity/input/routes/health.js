'use strict';

const express = require('express');

const router = express.Router();

router.get('/', (req, res) => res.json({ status: 'ok' }));
router.get('/deep', (req, res) => res.json({ status: 'ok', db: 'ok' }));

module.exports = router;
