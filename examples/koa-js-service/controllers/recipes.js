'use strict';

const store = require('../lib/store');

const GRAMS_PER_PIECE = 50;

/** Validates a recipe body; throws 422 listing every problem. */
async function readRecipe(ctx) {
  const body = ctx.request.body;
  const problems = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    ctx.throw(422, 'invalid recipe', { details: [{ field: '(body)', message: 'must be a JSON object' }] });
  }
  const { title, servings, tags = [], items } = body;
  if (typeof title !== 'string' || !title.trim() || title.length > 120) problems.push({ field: 'title', message: 'must be a non-empty string of at most 120 characters' });
  if (!Number.isInteger(servings) || servings < 1 || servings > 100) problems.push({ field: 'servings', message: 'must be an integer from 1 to 100' });
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && /^[a-z-]{1,20}$/.test(t))) problems.push({ field: 'tags', message: 'must be a list of lower-case words' });
  if (!Array.isArray(items) || items.length === 0) {
    problems.push({ field: 'items', message: 'must list at least one ingredient' });
  } else {
    for (const [i, item] of items.entries()) {
      const known = item && typeof item.ingredient === 'string' && (await store.ingredients.get(item.ingredient));
      if (!known) problems.push({ field: `items[${i}].ingredient`, message: 'is not a known ingredient' });
      if (!item || typeof item.amount !== 'number' || !(item.amount > 0)) problems.push({ field: `items[${i}].amount`, message: 'must be a positive number' });
    }
  }
  if (problems.length) ctx.throw(422, 'invalid recipe', { details: problems });
  return { title: title.trim(), servings, tags, items: items.map(({ ingredient, amount }) => ({ ingredient, amount })) };
}

/** Param handler for `:id`: loads the recipe into `ctx.state.recipe`, else 404. */
async function load(id, ctx, next) {
  const recipe = /^\d+$/.test(id) ? await store.recipes.get(Number(id)) : undefined;
  if (!recipe) ctx.throw(404, `recipe ${id} not found`);
  ctx.state.recipe = recipe;
  await next();
}

async function list(ctx) {
  const { tag, limit } = ctx.query;
  let max = 50;
  if (limit !== undefined) {
    max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 50) ctx.throw(400, 'limit must be an integer from 1 to 50');
  }
  const all = await store.recipes.list({ tag });
  ctx.body = {
    items: all.slice(0, max).map(({ id, title, servings, tags }) => ({ id, title, servings, tags })),
    total: all.length,
  };
}

async function create(ctx) {
  const recipe = await store.recipes.create(await readRecipe(ctx));
  ctx.status = 201;
  ctx.set('Location', `/recipes/${recipe.id}`);
  ctx.body = recipe;
}

async function show(ctx) {
  ctx.body = ctx.state.recipe;
}

async function replace(ctx) {
  ctx.body = await store.recipes.replace(ctx.state.recipe.id, await readRecipe(ctx));
}

async function remove(ctx) {
  await store.recipes.remove(ctx.state.recipe.id);
  ctx.status = 204;
}

/** Calories per serving. Ingredients without nutrition data are a data error: a 500. */
async function nutrition(ctx) {
  const { recipe } = ctx.state;
  let kcal = 0;
  for (const item of recipe.items) {
    const ingredient = await store.ingredients.get(item.ingredient);
    if (ingredient.kcalPer100 === null) throw new Error(`no nutrition data for ${ingredient.name}`);
    const grams = ingredient.unit === 'piece' ? item.amount * GRAMS_PER_PIECE : item.amount;
    kcal += (grams * ingredient.kcalPer100) / 100;
  }
  ctx.body = { recipeId: recipe.id, servings: recipe.servings, kcalTotal: Math.round(kcal), kcalPerServing: Math.round(kcal / recipe.servings) };
}

module.exports = { load, list, create, show, replace, remove, nutrition };
