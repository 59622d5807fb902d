/**
 * Comparing the original app's response with the migrated one: status, headers (except those
 * that differ between any two servers: date, etag, connection, keep-alive, API Gateway's own
 * x-amzn-* / apigw-requestid, and framing: chunked versus Content-Length) and body bytes.
 */

export interface CapturedResponse {
  status: number;
  /** `[name, value]` in order; repeated names repeat. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface Difference {
  what: 'status' | 'header' | 'body';
  /** Header name, for header differences. */
  name?: string;
  original: string;
  migrated: string;
}

const IGNORED = new Set(['date', 'etag', 'connection', 'keep-alive', 'transfer-encoding', 'apigw-requestid', 'x-amz-apigw-id']);

function ignored(name: string): boolean {
  return IGNORED.has(name) || name.startsWith('x-amzn');
}

/** Lower-case name → values in order (set-cookie kept as separate values, others joined). */
function headerMap(headers: Array<[string, string]>): Map<string, string> {
  const map = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    (map.get(key) ?? map.set(key, []).get(key)!).push(value);
  }
  return new Map([...map].map(([k, v]) => [k, k === 'set-cookie' ? JSON.stringify(v) : v.join(', ')]));
}

const MAX_SHOWN = 120;

function show(body: Buffer): string {
  const text = body.toString('utf8');
  const printable = !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text);
  if (!printable) return `<${body.length} bytes>`;
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${body.length} bytes)` : text;
}

/** Names of headers whose values differ between two responses (e.g. two answers to one request). */
export function differingHeaders(a: CapturedResponse, b: CapturedResponse): string[] {
  const x = headerMap(a.headers);
  const y = headerMap(b.headers);
  return [...new Set([...x.keys(), ...y.keys()])].filter((n) => x.get(n) !== y.get(n) && !ignored(n)).sort();
}

/** Everything that differs, except in `volatile` headers; empty when the responses match. */
export function compareResponses(original: CapturedResponse, migrated: CapturedResponse, method: string, volatile: ReadonlySet<string> = new Set()): Difference[] {
  const out: Difference[] = [];
  if (original.status !== migrated.status) out.push({ what: 'status', original: String(original.status), migrated: String(migrated.status) });
  const a = headerMap(original.headers);
  const b = headerMap(migrated.headers);
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (ignored(name) || volatile.has(name)) continue;
    // A length is only comparable when both sides sent one (the other may have streamed chunks).
    if (name === 'content-length' && (!a.has(name) || !b.has(name))) continue;
    const x = a.get(name);
    const y = b.get(name);
    if (x !== y) out.push({ what: 'header', name, original: x ?? '(absent)', migrated: y ?? '(absent)' });
  }
  if (method !== 'HEAD' && !original.body.equals(migrated.body)) out.push({ what: 'body', original: show(original.body), migrated: show(migrated.body) });
  return out;
}
