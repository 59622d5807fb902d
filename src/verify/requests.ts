/**
 * The requests `verify` sends: from a file (a HAR export, or a JSON list
 * `[{ name, method, path, headers?, body? }]` as in examples/*\/requests.json) or, by default,
 * one per route of the generated functions with sample values for path parameters.
 */
import * as fs from 'node:fs';
import type { HttpFunctionRef } from '../serve/function-table';
import { DEFAULT_ROUTE } from '../serve/api-routes';

export interface VerifyRequest {
  name: string;
  method: string;
  /** Path and query string, exactly as sent. */
  path: string;
  headers: Array<[string, string]>;
  body?: Buffer;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Headers a client library sets from the connection; the sender adds its own. */
const CONNECTION_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

function fromJsonList(list: unknown[], file: string): VerifyRequest[] {
  return list.map((item, i) => {
    if (!isRecord(item) || typeof item.method !== 'string' || typeof item.path !== 'string') {
      throw new Error(`${file}: entry ${i + 1} needs a method and a path`);
    }
    const headers: Array<[string, string]> = [];
    if (isRecord(item.headers)) for (const [k, v] of Object.entries(item.headers)) if (!CONNECTION_HEADERS.has(k.toLowerCase())) headers.push([k, String(v)]);
    let body: Buffer | undefined;
    if (item.body !== undefined && item.body !== null) {
      body = Buffer.from(typeof item.body === 'string' ? item.body : JSON.stringify(item.body));
      if (!headers.some(([k]) => k.toLowerCase() === 'content-type') && typeof item.body !== 'string') headers.push(['content-type', 'application/json']);
    }
    return { name: typeof item.name === 'string' ? item.name : `${item.method} ${item.path}`, method: item.method.toUpperCase(), path: item.path, headers, body };
  });
}

function fromHar(har: Record<string, unknown>, file: string): VerifyRequest[] {
  const entries = isRecord(har.log) && Array.isArray(har.log.entries) ? har.log.entries : null;
  if (!entries) throw new Error(`${file}: a HAR file needs log.entries`);
  return entries.map((entry: unknown, i: number) => {
    const req = isRecord(entry) && isRecord(entry.request) ? entry.request : null;
    if (!req || typeof req.method !== 'string' || typeof req.url !== 'string') throw new Error(`${file}: entry ${i + 1} has no request`);
    const url = new URL(req.url);
    const headers: Array<[string, string]> = [];
    for (const h of Array.isArray(req.headers) ? req.headers : []) {
      // HTTP/2 pseudo-headers (`:authority`) and connection headers are not request headers.
      if (isRecord(h) && typeof h.name === 'string' && !h.name.startsWith(':') && !CONNECTION_HEADERS.has(h.name.toLowerCase())) headers.push([h.name, String(h.value ?? '')]);
    }
    const post = isRecord(req.postData) ? req.postData : null;
    let body: Buffer | undefined;
    if (post && typeof post.text === 'string') body = Buffer.from(post.text, post.encoding === 'base64' ? 'base64' : 'utf8');
    if (post && typeof post.mimeType === 'string' && post.mimeType && !headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['content-type', post.mimeType]);
    return { name: `${i + 1} ${req.method} ${url.pathname}`, method: req.method.toUpperCase(), path: `${url.pathname}${url.search}`, headers, body };
  });
}

/** Reads a HAR file or a JSON request list. */
export function loadRequestFile(file: string): VerifyRequest[] {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (Array.isArray(data)) return fromJsonList(data, file);
  if (isRecord(data) && isRecord(data.log)) return fromHar(data, file);
  throw new Error(`${file} is neither a HAR file nor a JSON list of requests`);
}

/** A value for a path parameter: `1` for ids, a word otherwise, two segments for greedy ones. */
function sampleValue(name: string, greedy: boolean): string {
  if (greedy) return 'sample/path';
  return /(^|[a-z_])(id|Id|ID|no|num|number|year|page)$/.test(name) ? '1' : 'sample';
}

/** A path no app registers, so the app's own 404 answers it. */
export const UNMATCHED_PATH = '/lambdashift-verify/no-such-path';

const PROBE_METHODS = ['PATCH', 'DELETE', 'PUT', 'POST'];

/**
 * One request per route (method and API path) of the generated functions, plus a request for
 * a path no route matches and one with a method a routed path does not answer: the app's own
 * 404/405 must come back, not the gateway's.
 */
export function requestsFromRoutes(routes: HttpFunctionRef[]): VerifyRequest[] {
  const out: VerifyRequest[] = [];
  const seen = new Set<string>();
  const split = routes.filter((r) => r.apiPath !== DEFAULT_ROUTE);
  const probes: VerifyRequest[] = [{ name: 'unmatched path', method: 'GET', path: UNMATCHED_PATH, headers: [] }];
  const literal = split.find((r) => !r.apiPath.includes('{') && r.method !== 'ANY');
  if (literal) {
    const taken = new Set(split.filter((r) => r.apiPath === literal.apiPath).map((r) => r.method));
    const method = PROBE_METHODS.find((m) => !taken.has(m));
    if (method) probes.push({ name: `unrouted method ${method} ${literal.path}`, method, path: literal.apiPath, headers: [] });
  }
  for (const r of split) {
    if (r.impliedHead) continue;
    const key = `${r.method} ${r.apiPath}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const path = r.apiPath.replace(/\{([^{}]+?)(\+?)\}/g, (_m, name: string, plus: string) => sampleValue(name, plus === '+'));
    const method = r.method === 'ANY' ? 'GET' : r.method;
    const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    out.push({
      name: `${r.method} ${r.path}`,
      method,
      path,
      headers: withBody ? [['content-type', 'application/json']] : [],
      body: withBody ? Buffer.from('{}') : undefined,
    });
  }
  return [...out, ...probes];
}
