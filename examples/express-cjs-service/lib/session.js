'use strict';

/**
 * Signed session cookies: `<username>.<hmac>`. Stateless, so any instance (or Lambda
 * function) holding the secret can verify them.
 */
const crypto = require('crypto');

const SECRET = process.env.SESSION_SECRET || 'bookshelf-dev-secret';

const USERS = {
  alice: {
    displayName: 'Alice Liddell',
    role: 'editor',
    passwordSha256: 'c82bf7bc97a2f53bf2ead726a59fb29c4c6f3d35d21484ed4893d9d33b0908be',
  },
  dodo: {
    displayName: 'The Dodo',
    role: 'reader',
    passwordSha256: 'ca0f7c6dd16fa7fbc798c0fbe88cacc01974377025b58c08b01a652fcb198b64',
  },
};

function sign(value) {
  return crypto.createHmac('sha256', SECRET).update(value).digest('base64url');
}

function checkPassword(username, password) {
  const user = Object.prototype.hasOwnProperty.call(USERS, username) ? USERS[username] : null;
  if (!user || typeof password !== 'string') return null;
  const given = crypto.createHash('sha256').update(`bookshelf:${password}`).digest();
  const expected = Buffer.from(user.passwordSha256, 'hex');
  return crypto.timingSafeEqual(given, expected) ? { username, displayName: user.displayName, role: user.role } : null;
}

function issue(username) {
  return `${username}.${sign(username)}`;
}

/** Returns the user for a valid token, or null. */
function verify(token) {
  if (typeof token !== 'string') return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const username = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(username));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const user = Object.prototype.hasOwnProperty.call(USERS, username) ? USERS[username] : null;
  return user ? { username, displayName: user.displayName, role: user.role } : null;
}

/** Minimal Cookie header parser (the service does not depend on cookie-parser). */
function parseCookies(header) {
  const cookies = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      cookies[name] = part.slice(eq + 1).trim();
    }
  }
  return cookies;
}

module.exports = { checkPassword, issue, verify, parseCookies };
