/** Reading Node requests into {@link HttpRequestData} and writing {@link HttpResponseData} back. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRequestData } from './events';
import type { HttpResponseData } from './results';

/** Collects a request's body. */
export function readRequest(req: IncomingMessage): Promise<HttpRequestData> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () =>
      resolve({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      }),
    );
  });
}

/** Framing headers Node computes itself for the body it actually sends. */
const FRAMING = new Set(['transfer-encoding', 'connection', 'keep-alive']);

/** Writes a response; a HEAD response keeps the handler's Content-Length (its body is dropped). */
export function writeResponse(res: ServerResponse, method: string, response: HttpResponseData): void {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of response.headers) {
    const key = name.toLowerCase();
    if (FRAMING.has(key) || (key === 'content-length' && method !== 'HEAD')) continue;
    const entry = grouped.get(key) ?? grouped.set(key, { name, values: [] }).get(key)!;
    entry.values.push(value);
  }
  res.statusCode = response.status;
  for (const { name, values } of grouped.values()) {
    res.setHeader(name, name.toLowerCase() === 'set-cookie' || values.length > 1 ? (name.toLowerCase() === 'set-cookie' ? values : values.join(', ')) : values[0]!);
  }
  if (method === 'HEAD') res.end();
  else res.end(response.body);
}
