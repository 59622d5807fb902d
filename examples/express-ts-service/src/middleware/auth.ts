import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { store, type Role, type User } from '../store';

/**
 * Development API tokens. In production these come from the identity provider; the
 * service only needs to map a token to a user id.
 */
const TOKENS: Readonly<Record<string, number>> = {
  'tok_alice_admin_7f3a': 1,
  'tok_bob_member_19c2': 2,
  'tok_carol_member_d04e': 3,
};

function challenge(res: Response, error?: string): void {
  const params = ['realm="accounts"'];
  if (error) params.push(`error="${error}"`);
  res.setHeader('WWW-Authenticate', `Bearer ${params.join(', ')}`);
}

/** The authenticated caller, set by `authenticate`. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new Error('currentUser() called on an unauthenticated request');
  return user;
}

/**
 * Checks the `Authorization: Bearer <token>` header and puts the caller in
 * `res.locals.user`. Responds 401 with a `WWW-Authenticate` challenge otherwise.
 */
export async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const header = req.get('authorization');
    if (!header) {
      challenge(res);
      res.status(401).json({ error: 'unauthorized', message: 'missing Authorization header' });
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      challenge(res, 'invalid_request');
      res.status(401).json({ error: 'unauthorized', message: 'expected a Bearer token' });
      return;
    }
    const userId = TOKENS[match[1]];
    const user = userId === undefined ? undefined : await store.users.get(userId);
    if (!user) {
      challenge(res, 'invalid_token');
      res.status(401).json({ error: 'unauthorized', message: 'invalid or expired token' });
      return;
    }
    res.locals.user = user;
    next();
  } catch (err) {
    next(err);
  }
}

/** Lets the request through only when the caller has one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!roles.includes(user.role)) {
      res.status(403).json({ error: 'forbidden', message: `requires role ${roles.join(' or ')}` });
      return;
    }
    next();
  };
}
