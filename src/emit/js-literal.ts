import { jsString } from '../safety/escape';

/** Single-quoted JS string literal, one line of visible characters (see `jsString`). */
export function quote(s: string): string {
  return jsString(s);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** JSON-compatible value → JS source (single quotes, unquoted keys where possible). */
export function jsLiteral(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return '{}';
    return `{ ${entries.map(([k, v]) => `${IDENT.test(k) ? k : quote(k)}: ${jsLiteral(v)}`).join(', ')} }`;
  }
  throw new Error(`not a literal: ${String(value)}`);
}

/** `.name` or `['odd-name']`. */
export function memberAccess(name: string): string {
  return IDENT.test(name) ? `.${name}` : `[${quote(name)}]`;
}

export function isIdentifier(name: string): boolean {
  return IDENT.test(name);
}
