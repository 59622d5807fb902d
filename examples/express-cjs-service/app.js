'use strict';

const express = require('express');
const authorsRouter = require('./routes/authors');
const store = require('./lib/store');
const session = require('./lib/session');
const { coverPng } = require('./lib/png');
const { HttpError } = require('./lib/errors');

const app = express();

app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use((req, res, next) => {
  res.set('X-Service', 'bookshelf');
  next();
});

// ---------------------------------------------------------------------------
// Helpers and middleware
// ---------------------------------------------------------------------------

function requireSession(req, res, next) {
  const cookies = session.parseCookies(req.headers.cookie);
  const user = session.verify(cookies.session);
  if (!user) {
    next(new HttpError(401, 'not_logged_in', 'log in first'));
    return;
  }
  req.user = user;
  next();
}

function requireEditor(req, res, next) {
  if (req.user.role !== 'editor') {
    next(new HttpError(403, 'forbidden', 'only editors can change the catalogue'));
    return;
  }
  next();
}

function loadBook(req, res, next, id) {
  const book = /^\d+$/.test(id) ? store.findBook(Number(id)) : null;
  if (!book) {
    res.status(404).json({ error: { code: 'book_not_found', message: `book ${id} not found` } });
    return;
  }
  req.book = book;
  next();
}

const SORTS = {
  title: (a, b) => a.title.localeCompare(b.title),
  year: (a, b) => a.year - b.year || a.id - b.id,
};

function listBooks(req, res, next) {
  const { q, author, tag, sort = 'title', limit = '20' } = req.query;
  if ([q, author, tag, sort, limit].some((v) => v !== undefined && typeof v !== 'string')) {
    return next(new HttpError(400, 'bad_query', 'query parameters must be given once'));
  }
  const key = sort.replace(/^-/, '');
  if (!SORTS[key] || !/^\d+$/.test(limit) || Number(limit) < 1) {
    return next(new HttpError(400, 'bad_query', 'sort must be title or year (prefix - to reverse); limit a positive integer'));
  }
  const books = store.listBooks({ q, tag, authorId: author === undefined ? undefined : Number(author) });
  books.sort(SORTS[key]);
  if (sort.startsWith('-')) books.reverse();
  res.set('X-Total-Count', String(books.length));
  res.json({ query: { q: q || null, author: author || null, tag: tag || null, sort }, books: books.slice(0, Number(limit)) });
}

function validateBook(req, res, next) {
  const body = req.body || {};
  const errors = [];
  if (typeof body.title !== 'string' || body.title.trim() === '') errors.push('title is required');
  if (!Number.isInteger(body.authorId) || !store.findAuthor(body.authorId)) errors.push('authorId must name an existing author');
  if (!Number.isInteger(body.year) || body.year < 0 || body.year > 2100) errors.push('year must be an integer');
  if (body.isbn !== undefined && !/^97[89]\d{10}$/.test(body.isbn)) errors.push('isbn must be a 13-digit ISBN');
  if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => typeof t === 'string'))) {
    errors.push('tags must be an array of strings');
  }
  if (errors.length > 0) {
    return next(new HttpError(422, 'validation_failed', 'the book is invalid', errors));
  }
  req.bookInput = {
    title: body.title.trim(),
    authorId: body.authorId,
    year: body.year,
    isbn: body.isbn || null,
    tags: body.tags || [],
  };
  next();
}

function createBook(req, res) {
  const book = store.createBook(req.bookInput);
  res.status(201).location(`/books/${book.id}`).json(book);
}

function getBook(req, res) {
  res.json(req.book);
}

function updateBook(req, res) {
  res.json(store.updateBook(req.book.id, req.bookInput));
}

function deleteBook(req, res) {
  store.deleteBook(req.book.id);
  res.status(204).end();
}

function login(req, res, next) {
  const { username, password } = req.body || {};
  const user = session.checkPassword(username, password);
  if (!user) {
    return next(new HttpError(401, 'bad_credentials', 'unknown user or wrong password'));
  }
  res.cookie('session', session.issue(user.username), { httpOnly: true, sameSite: 'lax', path: '/' });
  res.cookie('display_name', user.displayName, { path: '/' });
  res.json({ user });
}

// ---------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------

app.param('id', loadBook);

app.get('/', (req, res) => {
  res.json({ service: 'bookshelf', links: ['/books', '/authors', '/login'] });
});

app.all('/ping', (req, res) => {
  res.type('text/plain').send('pong');
});

app.route('/books')
  .get(listBooks)
  .post([requireSession, requireEditor, validateBook], createBook);

app.route('/books/:id')
  .get(getBook)
  .put(requireSession, requireEditor, validateBook, updateBook)
  .delete([requireSession, requireEditor], deleteBook);

app.get('/books/:id/cover.png', function sendCover(req, res) {
  res.set('Cache-Control', 'public, max-age=86400');
  res.type('png').send(coverPng(req.book));
});

app.get('/books/:id/buy', (req, res) => {
  res.redirect(`https://shop.example.com/isbn/${req.book.isbn}`);
});

// The catalogue moved to /books; keep old links working.
app.get('/catalog', (req, res) => res.redirect(301, '/books'));

app.post('/login', login);

app.post('/logout', (req, res) => {
  res.clearCookie('session', { path: '/' });
  res.clearCookie('display_name', { path: '/' });
  res.status(204).end();
});

app.get('/me', requireSession, function whoAmI(req, res) {
  res.json({ user: req.user });
});

app.use('/authors', authorsRouter);

// 404 for everything else.
app.use((req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `Cannot ${req.method} ${req.path}` } });
});

// Errors as JSON; never leak stack traces.
app.use(function errorHandler(err, req, res, next) {
  if (res.headersSent) return next(err);
  if (err instanceof HttpError) {
    return res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
  }
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: { code: 'invalid_json', message: 'request body is not valid JSON' } });
  }
  console.error(err);
  res.status(500).json({ error: { code: 'internal_error', message: 'something went wrong' } });
});

const port = process.env.PORT || 3000;
app.listen(port, () => {
  console.log(`bookshelf listening on port ${port}`);
});

module.exports = app;
