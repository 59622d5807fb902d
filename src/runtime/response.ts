/**
 * Reading a finished ServerResponse back: status, the header block exactly as Node serialised
 * it (so `writeHead(status, headers)`, `setHeader` and Node's own additions all count) and
 * the body bytes without HTTP/1.1 chunked framing.
 */
import type { ServerResponse } from 'http';
import type { BridgeSocket } from './socket';

/** Response headers by lower-case name, values in the order they were sent. */
export type HeaderMap = Map<string, string[]>;

/** A response as the client would have received it. */
export interface CapturedResponse {
  statusCode: number;
  statusMessage: string;
  headers: HeaderMap;
  body: Buffer;
}

// Connection-level headers describe the hop to the client, which Lambda's front end owns.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);

/**
 * Parses an HTTP/1.1 header block (`HTTP/1.1 200 OK\r\nName: value\r\n…\r\n\r\n`).
 *
 * @example
 * parseHeaderBlock('HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n');
 * // Map { 'set-cookie' => ['a=1', 'b=2'] }
 */
export function parseHeaderBlock(block: string): HeaderMap {
  const headers: HeaderMap = new Map();
  let start = block.indexOf('\r\n') + 2;
  while (start > 1 && start < block.length) {
    const end = block.indexOf('\r\n', start);
    if (end === -1 || end === start) break;
    const colon = block.indexOf(':', start);
    if (colon !== -1 && colon < end) {
      const name = block.slice(start, colon).toLowerCase();
      if (!HOP_BY_HOP.has(name)) {
        const value = block.slice(colon + 1, end).trim();
        const values = headers.get(name);
        if (values === undefined) headers.set(name, [value]);
        else values.push(value);
      }
    }
    start = end + 2;
  }
  return headers;
}

/**
 * Removes HTTP/1.1 chunked framing (`<hex size>\r\n<data>\r\n … 0\r\n\r\n`); trailers,
 * which no Lambda result can carry, are dropped.
 *
 * @example
 * decodeChunked(Buffer.from('3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n')).toString(); // 'abcde'
 */
export function decodeChunked(framed: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < framed.length) {
    const lineEnd = framed.indexOf('\r\n', pos, 'latin1');
    if (lineEnd === -1) break;
    const size = parseInt(framed.toString('latin1', pos, lineEnd), 16);
    if (!(size > 0)) break;
    const start = lineEnd + 2;
    parts.push(framed.subarray(start, start + size));
    pos = start + size + 2;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/**
 * Reads a response that has emitted `finish` on a {@link BridgeSocket}.
 *
 * @example
 * res.once('finish', () => captureResponse(res, socket).statusCode);
 */
export function captureResponse(res: ServerResponse, socket: BridgeSocket): CapturedResponse {
  const block = (res as unknown as { _header: string | null })._header;
  const written = socket.written;
  const bytes = written.length === 0 ? Buffer.alloc(0) : written.length === 1 ? written[0] : Buffer.concat(written);
  return {
    statusCode: res.statusCode,
    statusMessage: res.statusMessage,
    headers: typeof block === 'string' ? parseHeaderBlock(block) : new Map(),
    body: res.chunkedEncoding && bytes.length > 0 ? decodeChunked(bytes) : bytes,
  };
}
