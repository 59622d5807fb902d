'use strict';

const express = require('express');
const store = require('../lib/store');
const { HttpError } = require('../lib/errors');

const router = express.Router();

// Resolves :id for every route below; unknown ids never reach a handler.
router.param('id', function loadAuthor(req, res, next, id) {
  const author = /^\d+$/.test(id) ? store.findAuthor(Number(id)) : null;
  if (!author) {
    next(new HttpError(404, 'author_not_found', `author ${id} not found`));
    return;
  }
  req.author = author;
  next();
});

function listAuthors(req, res) {
  const country = typeof req.query.country === 'string' ? req.query.country.toUpperCase() : null;
  const authors = store.listAuthors().filter((a) => !country || a.country === country);
  res.json({ authors, count: authors.length });
}

router.get('/', listAuthors);

router.post('/', (req, res, next) => {
  const { name, country } = req.body || {};
  if (typeof name !== 'string' || name.trim() === '' || (country !== undefined && !/^[A-Za-z]{2}$/.test(country))) {
    return next(new HttpError(422, 'validation_failed', 'name is required; country must be a two-letter code'));
  }
  const author = store.createAuthor({ name: name.trim(), country: country ? country.toUpperCase() : null });
  res.status(201).location(`/authors/${author.id}`).json(author);
});

router.get('/:id', (req, res) => {
  res.json(req.author);
});

router.get('/:id/books', function authorBooks(req, res) {
  const books = store.listBooks({ authorId: req.author.id });
  res.json({ author: req.author.name, books: books.map(({ id, title, year }) => ({ id, title, year })) });
});

module.exports = router;
