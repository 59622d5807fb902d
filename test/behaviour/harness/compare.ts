/**
 * Turning a Lambda result into the HTTP response the client would get from the gateway, and
 * comparing two responses.
 */
import type { EventSource } from './events';
import { addHeader, type Recorded } from './http';

type Result = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the client receives for a result of `source`, or a list of shape problems (a result the
 * gateway would reject or misread). `albMulti`: the event was sent in ALB multi-value mode.
 *
 * - v1 and multi-value ALB: `multiValueHeaders` merged with `headers` (a name present in
 *   `multiValueHeaders` wins, as API Gateway merges them).
 * - v2: `headers` (comma-joined values stay one line) and `cookies` → one Set-Cookie each.
 * - single-value ALB: `headers` only; names differing in case are all sent (that is how
 *   several Set-Cookie headers survive), `multiValueHeaders` is ignored by ALB.
 */
export function resultToResponse(source: EventSource, albMulti: boolean, result: unknown): { response: Recorded | null; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(result)) return { response: null, problems: [`result is ${JSON.stringify(result)}, not an object`] };
  const r = result as Result;
  if (!Number.isInteger(r.statusCode)) problems.push(`statusCode is ${JSON.stringify(r.statusCode)}`);
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') problems.push(`body is a ${typeof r.body}, not a string`);
  if (r.isBase64Encoded !== undefined && typeof r.isBase64Encoded !== 'boolean') problems.push('isBase64Encoded is not a boolean');
  const headers: Record<string, string[]> = {};
  const single = isRecord(r.headers) ? r.headers : {};
  const multi = isRecord(r.multiValueHeaders) ? r.multiValueHeaders : {};
  for (const [name, value] of Object.entries(single)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') problems.push(`headers[${name}] is ${JSON.stringify(value)}`);
  }
  for (const [name, value] of Object.entries(multi)) {
    if (!Array.isArray(value)) problems.push(`multiValueHeaders[${name}] is not an array`);
  }
  const useMulti = source === 'v1' || (source === 'alb' && albMulti);
  if (source === 'alb' && !albMulti && Object.keys(multi).length) problems.push('single-value ALB result has multiValueHeaders, which ALB ignores');
  if (source === 'alb' && albMulti && Object.keys(single).length) problems.push('multi-value ALB result has headers, which ALB ignores in multi-value mode');
  if (source === 'v2' && Object.keys(multi).length) problems.push('HTTP API v2 result has multiValueHeaders, which v2 ignores');
  if (useMulti) {
    for (const [name, values] of Object.entries(multi)) for (const v of Array.isArray(values) ? values : []) addHeader(headers, name, String(v));
    for (const [name, value] of Object.entries(single)) {
      if (!Object.prototype.hasOwnProperty.call(multi, name)) addHeader(headers, name, String(value));
    }
  } else {
    for (const [name, value] of Object.entries(single)) addHeader(headers, name, String(value));
  }
  if (source === 'v2' && r.cookies !== undefined) {
    if (!Array.isArray(r.cookies)) problems.push('cookies is not an array');
    else for (const c of r.cookies) addHeader(headers, 'set-cookie', String(c));
  }
  let statusText = '';
  if (source === 'alb') {
    const description = typeof r.statusDescription === 'string' ? r.statusDescription : '';
    const m = /^(\d{3}) (.*)$/.exec(description);
    if (!m || Number(m[1]) !== r.statusCode) problems.push(`statusDescription ${JSON.stringify(r.statusDescription)} does not start with the status code`);
    statusText = m ? m[2]! : '';
  }
  const text = typeof r.body === 'string' ? r.body : '';
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if (r.isBase64Encoded === true && body.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) problems.push('body is not valid base64');
  return { response: { status: Number(r.statusCode), statusText, headers, body }, problems };
}

/** Headers that differ by connection or time, never by behaviour. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['date', 'etag', 'connection', 'keep-alive', 'transfer-encoding']);

function describeBody(body: Buffer): string {
  const text = body.toString('utf8');
  const printable = Buffer.from(text, 'utf8').equals(body) && !/[\x00-\x08\x0e-\x1f]/.test(text);
  if (printable) return JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  return `<${body.length} bytes: ${body.subarray(0, 16).toString("hex")}…>`;
}

function headerValue(name: string, values: string[] | undefined): string | string[] | undefined {
  if (values === undefined) return undefined;
  // Set-Cookie cannot be joined: compared as a list, in order. Others as the joined value a client sees.
  return name === 'set-cookie' ? values : values.join(', ');
}

/**
 * Differences between an expected and an actual response, as readable lines; empty when they
 * match: status, every header except {@link IGNORED_HEADERS}, and the body bytes. `statusText`
 * is compared only when `compareStatusText` (ALB's statusDescription).
 */
export function compareResponses(expected: Recorded, actual: Recorded, options: { compareStatusText?: boolean } = {}): string[] {
  const diffs: string[] = [];
  if (expected.status !== actual.status) diffs.push(`status: expected ${expected.status}, got ${actual.status}`);
  if (options.compareStatusText && expected.statusText !== actual.statusText) {
    diffs.push(`status text: expected ${JSON.stringify(expected.statusText)}, got ${JSON.stringify(actual.statusText)}`);
  }
  const names = new Set([...Object.keys(expected.headers), ...Object.keys(actual.headers)].filter((n) => !IGNORED_HEADERS.has(n)));
  for (const name of [...names].sort()) {
    const e = headerValue(name, expected.headers[name]);
    const a = headerValue(name, actual.headers[name]);
    if (JSON.stringify(e) !== JSON.stringify(a)) diffs.push(`header ${name}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`);
  }
  if (!expected.body.equals(actual.body)) diffs.push(`body: expected ${describeBody(expected.body)}, got ${describeBody(actual.body)}`);
  return diffs;
}
