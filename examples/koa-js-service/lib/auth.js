'use strict';

const crypto = require('crypto');

const apiKey = () => process.env.RECIPES_API_KEY || 'dev-key-4f7a21';

/** Writes need `X-Api-Key`: 401 when it is missing, 403 when it is wrong. */
async function requireApiKey(ctx, next) {
  const given = ctx.get('x-api-key');
  if (!given) ctx.throw(401, 'missing X-Api-Key header', { headers: { 'WWW-Authenticate': 'ApiKey realm="recipes"' } });
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(apiKey()).digest();
  ctx.assert(crypto.timingSafeEqual(a, b), 403, 'invalid API key');
  await next();
}

module.exports = { requireApiKey };
