'use strict';

/** Deterministic seed: tests and requests.json rely on these ids. */
function seed() {
  return {
    ingredients: [
      { name: 'flour', unit: 'g', kcalPer100: 364 },
      { name: 'egg', unit: 'piece', kcalPer100: 143 },
      { name: 'milk', unit: 'ml', kcalPer100: 42 },
      { name: 'butter', unit: 'g', kcalPer100: 717 },
      { name: 'sugar', unit: 'g', kcalPer100: 387 },
      { name: 'saffron', unit: 'g', kcalPer100: null },
    ],
    recipes: [
      {
        id: 1,
        title: 'Pancakes',
        servings: 4,
        tags: ['breakfast', 'sweet'],
        items: [
          { ingredient: 'flour', amount: 200 },
          { ingredient: 'egg', amount: 2 },
          { ingredient: 'milk', amount: 300 },
          { ingredient: 'butter', amount: 20 },
        ],
      },
      {
        id: 2,
        title: 'Shortbread',
        servings: 12,
        tags: ['baking', 'sweet'],
        items: [
          { ingredient: 'flour', amount: 300 },
          { ingredient: 'butter', amount: 200 },
          { ingredient: 'sugar', amount: 100 },
        ],
      },
      {
        id: 3,
        title: 'Saffron buns',
        servings: 10,
        tags: ['baking'],
        items: [
          { ingredient: 'flour', amount: 500 },
          { ingredient: 'saffron', amount: 0.5 },
          { ingredient: 'milk', amount: 250 },
        ],
      },
    ],
  };
}

let data = seed();
const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** An async in-memory store, shaped like a database client. */
const store = {
  reset() {
    data = seed();
  },
  recipes: {
    async list({ tag } = {}) {
      return clone(data.recipes.filter((r) => !tag || r.tags.includes(tag)));
    },
    async get(id) {
      return clone(data.recipes.find((r) => r.id === id));
    },
    async create(fields) {
      const id = data.recipes.reduce((max, r) => Math.max(max, r.id), 0) + 1;
      const recipe = { id, ...fields };
      data.recipes.push(recipe);
      return clone(recipe);
    },
    async replace(id, fields) {
      const index = data.recipes.findIndex((r) => r.id === id);
      if (index === -1) return undefined;
      data.recipes[index] = { id, ...fields };
      return clone(data.recipes[index]);
    },
    async remove(id) {
      const before = data.recipes.length;
      data.recipes = data.recipes.filter((r) => r.id !== id);
      return data.recipes.length < before;
    },
  },
  ingredients: {
    async list() {
      return clone(data.ingredients);
    },
    async get(name) {
      return clone(data.ingredients.find((i) => i.name === name));
    },
  },
};

module.exports = store;
