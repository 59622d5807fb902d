const express = require('express');
const asyncHandler = require('../lib/async-handler');
const locals = require('../lib/locals');
const { listLinks, createLink, lockLink } = require('../controllers/links');

const router = express.Router();

router.get('/', locals.public, asyncHandler(listLinks));
router.post('/', express.json(), asyncHandler(createLink));
router.post('/:id/protected', locals.protected, asyncHandler(lockLink));

module.exports = router;
