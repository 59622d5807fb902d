import { Router } from 'express';
import { createItem, deleteItem, getItem, listItems } from '../data/catalog.js';
import { stockFor } from '../data/inventory.js';
import { requireAdmin } from '../middleware/api-key.js';
import { HttpError, notFound } from '../middleware/errors.js';

const router = Router();

/** `?tag=a&tag=b` arrives as an array with Express 5's simple query parser. */
function asList(value) {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseLimit(value) {
  if (value === undefined) return 50;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100) {
    throw new HttpError(400, 'limit must be an integer from 1 to 100');
  }
  return Number(value);
}

router.get('/', async (req, res) => {
  const limit = parseLimit(req.query.limit);
  const q = typeof req.query.q === 'string' ? req.query.q : undefined;
  const tags = asList(req.query.tag);
  const items = await listItems({ tags, q });
  res.json({ filters: { tags, q: q ?? null }, count: items.length, items: items.slice(0, limit) });
});

router.get('/:id', async (req, res) => {
  const item = await getItem(req.params.id);
  if (!item) throw notFound(`item ${req.params.id}`);
  res.json(item);
});

export async function getStock(req, res) {
  const item = await getItem(req.params.id);
  if (!item) throw notFound(`item ${req.params.id}`);
  const stock = await stockFor(item); // rejects when the warehouse is down
  res.json({ id: item.id, ...stock, inStock: stock.available > 0 });
}

router.get('/:id/stock', getStock);

router.post('/', requireAdmin, async (req, res) => {
  const { name, priceCents, tags } = req.body ?? {};
  const problems = [];
  if (typeof name !== 'string' || name.trim() === '') problems.push('name is required');
  if (!Number.isInteger(priceCents) || priceCents < 0) problems.push('priceCents must be a non-negative integer');
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    problems.push('tags must be an array of strings');
  }
  if (problems.length > 0) throw new HttpError(422, 'invalid item', problems);
  const item = await createItem({ name: name.trim(), priceCents, tags });
  res.status(201).location(`${req.baseUrl}/${item.id}`).json(item);
});

router.delete('/:id', requireAdmin, async (req, res) => {
  if (!(await deleteItem(req.params.id))) throw notFound(`item ${req.params.id}`);
  res.status(204).send();
});

export default router;
