const express = require('express');

const router = express.Router();

const listThings = (req, res) => res.json([]);

router.get('/things', listThings);
router.use('/nested', require('./nested'));

module.exports = router;
module.exports.listThings = listThings;
