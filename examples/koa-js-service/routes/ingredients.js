'use strict';

const Router = require('koa-router');
const ingredients = require('../controllers/ingredients');

const router = new Router({ prefix: '/ingredients' });

// Read-only catalogue, declared as a table.
const routes = [
  { method: 'get', path: '/', handler: ingredients.list },
  { method: 'get', path: '/:name', handler: ingredients.show },
];

for (const route of routes) {
  router[route.method](route.path, route.handler);
}

module.exports = router;
