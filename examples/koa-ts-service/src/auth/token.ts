import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../store';

/**
 * JWT-style bearer tokens: `base64url(header).base64url(claims).base64url(HMAC-SHA256)`,
 * signed with TOKEN_SECRET. Only HS256 is accepted, whatever the header says.
 */
export interface TokenClaims {
  /** User id. */
  sub: number;
  role: Role;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const DAY = 86_400;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

export function tokenSecret(): string {
  return process.env.TOKEN_SECRET ?? 'dev-only-secret-change-me';
}

function signature(input: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

/** A token for `sub`, valid until midnight UTC at the end of the next day. */
export function signToken(sub: number, role: Role, now = Date.now() / 1000, secret = tokenSecret()): { token: string; claims: TokenClaims } {
  const claims: TokenClaims = { sub, role, exp: Math.floor(now / DAY) * DAY + 2 * DAY };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${body}.${signature(body, secret).toString('base64url')}`, claims };
}

export function verifyToken(token: string, now = Date.now() / 1000, secret = tokenSecret()): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, reason: 'malformed' };
  const [header, payload, sig] = parts as [string, string, string];
  const expected = signature(`${header}.${payload}`, secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.sub !== 'number' || typeof claims.exp !== 'number' || (claims.role !== 'admin' && claims.role !== 'member')) {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { sub: claims.sub, role: claims.role, exp: claims.exp } };
}
