/**
 * The request a replay table describes, as it goes on the wire, and the response as it comes
 * back: raw header lines kept (repeated headers stay separate), body as bytes.
 */
import http from 'node:http';
import type { ReplayRequest } from '../../examples/replay';

/** A response from either side, normalised for comparison. */
export interface Recorded {
  status: number;
  /** Reason phrase (HTTP) or the text after the code in ALB's `statusDescription`; '' when the source has none. */
  statusText: string;
  /** Lower-case name → values in order (one entry per header line, or per value of a multi-value header). */
  headers: Record<string, string[]>;
  body: Buffer;
}

/** The request body as the bytes that go on the wire (JSON values as JSON text, strings as is). */
export function requestBody(r: ReplayRequest): Buffer | undefined {
  if (r.body === undefined) return undefined;
  return Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), 'utf8');
}

/**
 * Header lines a plain HTTP client sends for `r`: the table's headers and, with a body,
 * `content-length` (Node's client adds `host` and `connection` itself).
 */
export function clientHeaders(r: ReplayRequest): Array<[string, string]> {
  const lines: Array<[string, string]> = Object.entries(r.headers);
  const body = requestBody(r);
  if (body !== undefined && !lines.some(([name]) => name.toLowerCase() === 'content-length')) {
    lines.push(['content-length', String(body.length)]);
  }
  return lines;
}

export function addHeader(headers: Record<string, string[]>, name: string, value: string): void {
  const key = name.toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(headers, key)) headers[key] = [];
  headers[key]!.push(value);
}

/** Header lines as an http.request `headers` object (repeated names as arrays; Node then adds Host). */
function headerObject(lines: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of lines) addHeader(out, name, value);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}

/** Sends `r` to `baseUrl` (`http://127.0.0.1:port`) with Node's HTTP client, no redirects followed. */
export function sendHttp(baseUrl: string, r: ReplayRequest, timeoutMs = 10000): Promise<Recorded> {
  const url = new URL(baseUrl);
  const body = requestBody(r);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        // Exactly as the table has it: Node sends the request target without re-encoding.
        path: r.path,
        headers: headerObject(clientHeaders(r)),
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string[]> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) addHeader(headers, res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${r.method} ${r.path}: no response within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
