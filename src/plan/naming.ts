/**
 * Identifier naming shared by the scanner (names of extracted handlers) and the planner
 * (Lambda function names). Names derive from method and path only, so they are stable
 * across runs.
 */

function words(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (!segment) continue;
    // `:id`, `:id?`, `:id(\\d+)`, `{/:id}`, `*splat`, `*`
    const param = /^\{?\/?[:*]([A-Za-z_$][\w$]*)?/.exec(segment);
    if (param) {
      out.push('by', param[1] ?? 'proxy');
      continue;
    }
    out.push(...segment.split(/[^A-Za-z0-9]+/).filter(Boolean));
  }
  return out;
}

const cap = (w: string): string => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

/** `('get', '/users/:id')` → `getUsersById`; `('all', '/')` → `allRoot`. */
export function routeIdentifier(method: string, path: string): string {
  const parts = words(path);
  const tail = parts.length ? parts.map(cap).join('') : 'Root';
  const name = `${method.toLowerCase()}${tail}`.replace(/[^A-Za-z0-9_$]/g, '');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Makes `name` unique against `taken` by appending 2, 3, ... and records it. */
export function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}${i}`;
  taken.add(candidate);
  return candidate;
}

/** Identifiers already used anywhere in a source text (a cheap, conservative collision set). */
export function identifiersIn(source: string): Set<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/** `cleanup-sessions` → `cleanupSessions`: a camel-case identifier from free text ('' when none). */
export function camelIdentifier(s: string): string {
  return s
    .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))
    .replace(/^[^A-Za-z_$]+/, '')
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
}
