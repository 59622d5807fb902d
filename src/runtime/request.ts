/**
 * Building the `http.IncomingMessage` an app receives, the way Node's HTTP parser does:
 * raw header lines go through `_addHeaderLines`, so `req.headers` follows Node's own rules
 * (lower-case names, duplicates joined with `, `, `cookie` with `; `, `set-cookie` as an
 * array, duplicate `host` or `content-type` dropped).
 */
import { IncomingMessage } from 'http';
import type { Socket } from 'net';
import type { BridgeRequest } from './event';
import type { BridgeSocket } from './socket';

/** The parser's entry point for header lines; part of IncomingMessage since Node 0.x. */
interface ParserInternals {
  _addHeaderLines(headers: string[], n: number): void;
}

/**
 * Creates the request, with its whole body already buffered, as after a complete message.
 *
 * @example
 * const req = createRequest(new BridgeSocket('198.51.100.1'), readEvent(event, ''));
 * req.headers.host; // 'example.com'
 */
export function createRequest(socket: BridgeSocket, request: BridgeRequest): IncomingMessage {
  const req = new IncomingMessage(socket as unknown as Socket);
  // The hop from API Gateway or ALB to an app server is HTTP/1.1, whatever the client spoke.
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.method = request.method;
  req.url = request.url;
  (req as unknown as ParserInternals)._addHeaderLines(request.rawHeaders, request.rawHeaders.length);
  if (request.body.length > 0) req.push(request.body);
  // After the headers (with `complete` set Node files header lines as trailers), before the
  // end of the stream, as the parser does on message complete.
  req.complete = true;
  req.push(null);
  return req;
}
