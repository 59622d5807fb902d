import { salesFor, salesYears } from '../data/catalog.js';
import { HttpError } from '../middleware/errors.js';

const sum = (values) => values.reduce((a, b) => a + b, 0);

/**
 * GET /reports{/:year}: without a year, a summary of every year; with one, that year's
 * months. `?format=csv` returns text instead of JSON.
 */
export async function salesReport(req, res) {
  const { year } = req.params;
  if (year === undefined) {
    const years = await salesYears();
    const summary = await Promise.all(years.map(async (y) => ({ year: y, totalCents: sum(await salesFor(y)) })));
    res.json({ years: summary });
    return;
  }
  if (!/^\d{4}$/.test(year)) throw new HttpError(400, 'year must have four digits');
  const months = await salesFor(Number(year));
  if (!months) throw new HttpError(404, `no sales data for ${year}`);
  if (req.query.format === 'csv') {
    const lines = months.map((cents, i) => `${year}-${String(i + 1).padStart(2, '0')},${cents}`);
    res.type('text/csv').send(`month,totalCents\n${lines.join('\n')}\n`);
    return;
  }
  res.json({ year: Number(year), totalCents: sum(months), months });
}
