import { badRequest } from './middleware/errors';
import type { OrderLine, Role } from './store';

const ROLES: readonly Role[] = ['admin', 'member'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseId(value: string | undefined, name = 'id'): number {
  const id = Number(value);
  if (!value || !Number.isSafeInteger(id) || id <= 0) throw badRequest(`${name} must be a positive integer`);
  return id;
}

export function parseIntQuery(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw badRequest(`${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

export function parseRole(value: unknown): Role | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw badRequest(`role must be one of ${ROLES.join(', ')}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface UserInput {
  name?: string;
  email?: string;
  role?: Role;
}

/** Validates a user body; `partial` allows omitting fields (PATCH). */
export function validateUser(body: unknown, partial: boolean): UserInput {
  if (!isRecord(body)) throw badRequest('body must be a JSON object');
  const problems: string[] = [];
  const out: UserInput = {};
  if (body.name !== undefined || !partial) {
    if (typeof body.name !== 'string' || body.name.trim() === '') problems.push('name is required');
    else out.name = body.name.trim();
  }
  if (body.email !== undefined || !partial) {
    if (typeof body.email !== 'string' || !EMAIL.test(body.email)) problems.push('email must be a valid address');
    else out.email = body.email.toLowerCase();
  }
  if (body.role !== undefined) {
    if (typeof body.role !== 'string' || !(ROLES as readonly string[]).includes(body.role)) {
      problems.push(`role must be one of ${ROLES.join(', ')}`);
    } else out.role = body.role as Role;
  }
  if (problems.length > 0) throw badRequest('invalid user', problems);
  return out;
}

export function validateOrderLines(body: unknown): OrderLine[] {
  if (!isRecord(body) || !Array.isArray(body.lines) || body.lines.length === 0) {
    throw badRequest('lines must be a non-empty array');
  }
  return body.lines.map((line: unknown, i: number) => {
    if (
      !isRecord(line) ||
      typeof line.sku !== 'string' ||
      !Number.isSafeInteger(line.quantity) ||
      (line.quantity as number) <= 0 ||
      !Number.isSafeInteger(line.unitPrice) ||
      (line.unitPrice as number) < 0
    ) {
      throw badRequest(`lines[${i}] needs sku, a positive integer quantity and an integer unitPrice in cents`);
    }
    return { sku: line.sku, quantity: line.quantity as number, unitPrice: line.unitPrice as number };
  });
}
