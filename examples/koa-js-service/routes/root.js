'use strict';

const Router = require('koa-router');
const store = require('../lib/store');

const router = new Router();

router.get('/', (ctx) => {
  ctx.body = {
    service: 'recipes',
    version: '1.8.2',
    links: { recipes: '/recipes', ingredients: '/ingredients', health: '/health' },
  };
});

router.get('/health', async (ctx) => {
  const recipes = await store.recipes.list();
  ctx.body = { status: 'ok', recipes: recipes.length };
});

module.exports = router;
