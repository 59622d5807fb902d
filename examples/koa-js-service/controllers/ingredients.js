'use strict';

const store = require('../lib/store');

async function list(ctx) {
  const items = await store.ingredients.list();
  ctx.body = { items, total: items.length };
}

async function show(ctx) {
  const ingredient = await store.ingredients.get(ctx.params.name);
  ctx.assert(ingredient, 404, `ingredient ${ctx.params.name} not found`);
  const recipes = await store.recipes.list();
  ctx.body = { ...ingredient, usedIn: recipes.filter((r) => r.items.some((i) => i.ingredient === ingredient.name)).map((r) => r.id) };
}

module.exports = { list, show };
