import { HttpError } from './errors.js';

/** API keys issued to internal clients, with the role each key grants. */
const API_KEYS = new Map([
  ['ak_reader_5b1d', { client: 'storefront', role: 'reader' }],
  ['ak_admin_c9e2', { client: 'back-office', role: 'admin' }],
]);

/** Checks `X-Api-Key` and stores the calling client in `res.locals.client`. */
export function requireApiKey(req, res, next) {
  const key = req.headers['x-api-key'];
  if (typeof key !== 'string' || key === '') {
    res.set('WWW-Authenticate', 'ApiKey header="X-Api-Key"');
    throw new HttpError(401, 'missing X-Api-Key header');
  }
  const client = API_KEYS.get(key);
  if (!client) throw new HttpError(403, 'unknown API key');
  res.locals.client = client;
  next();
}

/** Only admin keys may change the catalogue. */
export function requireAdmin(req, res, next) {
  if (res.locals.client?.role !== 'admin') throw new HttpError(403, 'admin API key required');
  next();
}
