'use strict';

/**
 * In-memory catalogue. A real deployment reads from a database; the sample keeps the data
 * in the process so every start begins from the same seed.
 */

const authors = [
  { id: 1, name: 'Ursula K. Le Guin', country: 'US' },
  { id: 2, name: 'Frank Herbert', country: 'US' },
  { id: 3, name: 'Stanisław Lem', country: 'PL' },
];

const books = [
  { id: 1, title: 'The Left Hand of Darkness', authorId: 1, year: 1969, isbn: '9780441478125', tags: ['scifi', 'classic'] },
  { id: 2, title: 'The Dispossessed', authorId: 1, year: 1974, isbn: '9780060512750', tags: ['scifi', 'utopia'] },
  { id: 3, title: 'A Wizard of Earthsea', authorId: 1, year: 1968, isbn: '9780547773742', tags: ['fantasy', 'classic'] },
  { id: 4, title: 'Dune', authorId: 2, year: 1965, isbn: '9780441172719', tags: ['scifi', 'classic'] },
  { id: 5, title: 'Solaris', authorId: 3, year: 1961, isbn: '9780156027601', tags: ['scifi'] },
  { id: 6, title: 'The Cyberiad', authorId: 3, year: 1965, isbn: '9780156027595', tags: ['scifi', 'humour'] },
];

let nextBookId = books.length + 1;
let nextAuthorId = authors.length + 1;

function copy(value) {
  return JSON.parse(JSON.stringify(value));
}

function listBooks({ q, authorId, tag } = {}) {
  const needle = q ? q.toLowerCase() : null;
  return books
    .filter((b) => !needle || b.title.toLowerCase().includes(needle))
    .filter((b) => authorId === undefined || b.authorId === authorId)
    .filter((b) => !tag || b.tags.includes(tag))
    .map(copy);
}

function findBook(id) {
  const book = books.find((b) => b.id === id);
  return book ? copy(book) : null;
}

function createBook(fields) {
  const book = { id: nextBookId++, tags: [], ...fields };
  books.push(book);
  return copy(book);
}

function updateBook(id, fields) {
  const book = books.find((b) => b.id === id);
  if (!book) return null;
  Object.assign(book, fields, { id });
  return copy(book);
}

function deleteBook(id) {
  const index = books.findIndex((b) => b.id === id);
  if (index === -1) return false;
  books.splice(index, 1);
  return true;
}

function listAuthors() {
  return authors.map((a) => ({ ...a, bookCount: books.filter((b) => b.authorId === a.id).length }));
}

function findAuthor(id) {
  const author = authors.find((a) => a.id === id);
  return author ? copy(author) : null;
}

function createAuthor(fields) {
  const author = { id: nextAuthorId++, ...fields };
  authors.push(author);
  return copy(author);
}

module.exports = {
  listBooks,
  findBook,
  createBook,
  updateBook,
  deleteBook,
  listAuthors,
  findAuthor,
  createAuthor,
};
