/**
 * Item catalogue held in memory (seeded identically on every start). Async like the
 * database client it stands in for.
 */
const seed = [
  { id: 'sku-100', name: 'Mechanical keyboard', priceCents: 8900, tags: ['hardware', 'input'], warehouse: 'ams-1' },
  { id: 'sku-200', name: 'USB-C dock', priceCents: 12900, tags: ['hardware', 'sale'], warehouse: 'ams-1' },
  { id: 'sku-300', name: 'Monitor arm', priceCents: 4500, tags: ['furniture', 'sale'], warehouse: 'fra-legacy' },
  { id: 'sku-400', name: 'Desk mat', priceCents: 1900, tags: ['furniture'], warehouse: 'ams-1' },
];

const items = new Map(seed.map((item) => [item.id, structuredClone(item)]));
let nextSku = 500;

export async function listItems({ tags = [], q } = {}) {
  const needle = q?.toLowerCase();
  return [...items.values()]
    .filter((item) => tags.every((t) => item.tags.includes(t)))
    .filter((item) => !needle || item.name.toLowerCase().includes(needle))
    .map((item) => structuredClone(item));
}

export async function getItem(id) {
  const item = items.get(id);
  return item ? structuredClone(item) : undefined;
}

export async function createItem({ name, priceCents, tags = [] }) {
  const item = { id: `sku-${nextSku}`, name, priceCents, tags, warehouse: 'ams-1' };
  nextSku += 100;
  items.set(item.id, item);
  return structuredClone(item);
}

export async function deleteItem(id) {
  return items.delete(id);
}

/** Monthly sales totals per year, in cents. */
const SALES = {
  2023: [310000, 295000, 402000, 388000, 415000, 397000, 360000, 371000, 440000, 468000, 512000, 640000],
  2024: [355000, 341000, 455000, 430000, 470000, 452000, 401000, 419000, 498000, 521000, 580000, 702000],
};

export async function salesYears() {
  return Object.keys(SALES).map(Number);
}

export async function salesFor(year) {
  return SALES[year] ? [...SALES[year]] : undefined;
}
