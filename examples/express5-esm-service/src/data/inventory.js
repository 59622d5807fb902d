/**
 * Client for the warehouse stock service. The sample has no network, so stock levels are
 * a fixture table; the `fra-legacy` warehouse is still being migrated and its API is
 * unreachable, which surfaces as a rejected promise exactly like a network failure.
 */
const STOCK = {
  'ams-1': { 'sku-100': 42, 'sku-200': 0, 'sku-400': 310 },
};

export class WarehouseUnavailableError extends Error {
  constructor(warehouse) {
    super(`warehouse ${warehouse} did not respond`);
    this.name = 'WarehouseUnavailableError';
    this.warehouse = warehouse;
  }
}

export async function stockFor(item) {
  const table = STOCK[item.warehouse];
  if (!table) throw new WarehouseUnavailableError(item.warehouse);
  return { warehouse: item.warehouse, available: table[item.id] ?? 0 };
}
