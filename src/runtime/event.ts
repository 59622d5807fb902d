/**
 * Reading a Lambda HTTP event into the parts of an HTTP/1.1 request: method, request target,
 * raw header lines, body bytes and the client address.
 *
 * The event is untrusted input: every field is checked, and anything that a real HTTP server
 * would also refuse (no method, a path that is not a path, invalid base64, header values with
 * line breaks) raises {@link BadEventError}, which the handler answers with a 400.
 */
import { isIP } from 'net';
import { encodeDecodedPath, encodeQueryComponent, sanitizeRawPath, sanitizeRawQuery, stripBasePath } from './url';

/** Event sources, by response format: REST v1, HTTP API v2 / Function URL, ALB single- and multi-value. */
export type EventKind = 'v1' | 'v2' | 'alb' | 'alb-multi';

/** A Lambda event translated into what an HTTP/1.1 client would have sent. */
export interface BridgeRequest {
  kind: EventKind;
  method: string;
  /** Request target: path (base path removed) and query, as in `req.url`. */
  url: string;
  /** Header lines as `[name, value, name, value, …]`, like `req.rawHeaders`. */
  rawHeaders: string[];
  body: Buffer;
  /** The client address as the event reports it, when it is an IP address. */
  remoteAddress: string | undefined;
}

/**
 * An event that cannot be turned into a request; answered with a 400.
 *
 * @example
 * try { readEvent(null, ''); } catch (err) { (err as BadEventError).kind; } // undefined
 */
export class BadEventError extends Error {
  /** The source, when the event got far enough to tell; decides the format of the 400. */
  readonly kind: EventKind | undefined;

  constructor(message: string, kind: EventKind | undefined) {
    super(message);
    this.name = 'BadEventError';
    this.kind = kind;
  }
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Collects header lines and remembers the few headers the bridge has to reason about.
 * Names keep the event's casing; Node lower-cases them for `req.headers` as it always does.
 */
class HeaderLines {
  readonly raw: string[] = [];
  private contentLength = -1;
  private extraContentLength = false;
  private transferEncoding = false;
  private host = false;
  /** Last X-Forwarded-For value: the address the load balancer itself saw. */
  forwardedFor: string | undefined;

  constructor(private readonly kind: EventKind) {}

  add(name: string, value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) this.add(name, item);
      return;
    }
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else throw new BadEventError(`header ${JSON.stringify(name)} has a ${typeof value} value`, this.kind);
    if (!TOKEN.test(name)) throw new BadEventError(`invalid header name ${JSON.stringify(name)}`, this.kind);
    // Node's parser refuses these too; a line break would also smuggle in a header.
    if (FORBIDDEN_IN_VALUE.test(text)) throw new BadEventError(`header ${name} contains CR, LF or NUL`, this.kind);
    switch (name.toLowerCase()) {
      case 'content-length':
        if (this.contentLength === -1) this.contentLength = this.raw.length + 1;
        else this.extraContentLength = true;
        break;
      case 'transfer-encoding':
        this.transferEncoding = true;
        break;
      case 'host':
        this.host = true;
        break;
      case 'x-forwarded-for':
        this.forwardedFor = text;
        break;
    }
    this.raw.push(name, text);
  }

  addAll(headers: unknown): void {
    if (headers === null || headers === undefined) return;
    if (!isFields(headers)) throw new BadEventError('headers must be an object', this.kind);
    for (const name of Object.keys(headers)) this.add(name, headers[name]);
  }

  /** A real HTTP/1.1 client always sends Host (and Node's server refuses requests without it). */
  addHostIfMissing(domainName: unknown): void {
    if (!this.host && typeof domainName === 'string' && domainName !== '') this.add('host', domainName);
  }

  /**
   * Makes the framing headers describe the body actually delivered: a chunked request keeps
   * Transfer-Encoding and loses any Content-Length (as Node would require); otherwise
   * Content-Length is set to the decoded length, added when the event omitted it but has a
   * body, since a real client sends one and body parsers skip requests without it.
   */
  frame(bodyLength: number): void {
    const raw = this.raw;
    if (this.extraContentLength || (this.transferEncoding && this.contentLength !== -1)) {
      // Rare: drop every Content-Length line and start over.
      const kept: string[] = [];
      for (let i = 0; i < raw.length; i += 2) {
        if (raw[i].toLowerCase() !== 'content-length') kept.push(raw[i], raw[i + 1]);
      }
      const first = raw[this.contentLength - 1];
      raw.length = 0;
      raw.push(...kept);
      this.contentLength = -1;
      if (!this.transferEncoding) raw.push(first, String(bodyLength));
      return;
    }
    if (this.transferEncoding) return;
    if (this.contentLength !== -1) raw[this.contentLength] = String(bodyLength);
    else if (bodyLength > 0) raw.push('content-length', String(bodyLength));
  }
}

function decodeBody(event: Fields, kind: EventKind): Buffer {
  const body = event.body;
  if (body === null || body === undefined || body === '') return Buffer.alloc(0);
  if (typeof body !== 'string') throw new BadEventError('body must be a string', kind);
  if (event.isBase64Encoded !== true) return Buffer.from(body, 'utf8');
  // Node's decoder silently skips invalid characters; a corrupted body must not pass as valid.
  if (body.length % 4 === 1 || !BASE64.test(body)) throw new BadEventError('body is not valid base64', kind);
  return Buffer.from(body, 'base64');
}

function readMethod(method: unknown, kind: EventKind): string {
  if (typeof method !== 'string' || !TOKEN.test(method)) throw new BadEventError('missing or invalid HTTP method', kind);
  return method;
}

function readPath(path: unknown, kind: EventKind): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new BadEventError('missing or invalid path', kind);
  return path;
}

function readAddress(address: unknown): string | undefined {
  return typeof address === 'string' && isIP(address) !== 0 ? address : undefined;
}

/** `k=v&k=v2` from an object of values or value arrays; `encode` applies to keys and values. */
function joinQuery(params: Fields, encode: ((part: string) => string) | null, kind: EventKind): string {
  let query = '';
  for (const key of Object.keys(params)) {
    const value = params[key];
    const values = Array.isArray(value) ? value : [value];
    const name = encode === null ? key : encode(key);
    for (const item of values) {
      if (item === null || item === undefined) continue;
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw new BadEventError(`query parameter ${JSON.stringify(key)} has a ${typeof item} value`, kind);
      }
      const text = String(item);
      query += `${query === '' ? '' : '&'}${name}=${encode === null ? text : encode(text)}`;
    }
  }
  return query;
}

function pickQuery(event: Fields, encode: ((part: string) => string) | null, kind: EventKind): string {
  const multi = event.multiValueQueryStringParameters;
  if (isFields(multi)) return joinQuery(multi, encode, kind);
  const single = event.queryStringParameters;
  if (isFields(single)) return joinQuery(single, encode, kind);
  if ((multi === null || multi === undefined) && (single === null || single === undefined)) return '';
  throw new BadEventError('query string parameters must be an object', kind);
}

function withQuery(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}

/** API Gateway REST (and HTTP API payload 1.0): decoded query values, `path` without the stage. */
function readV1(event: Fields, rc: Fields, basePath: string): BridgeRequest {
  const kind: EventKind = 'v1';
  const method = readMethod(event.httpMethod, kind);
  const path = stripBasePath(encodeDecodedPath(readPath(event.path, kind)), basePath);
  const query = pickQuery(event, encodeQueryComponent, kind);
  const headers = new HeaderLines(kind);
  headers.addAll(isFields(event.multiValueHeaders) ? event.multiValueHeaders : event.headers);
  headers.addHostIfMissing(rc.domainName);
  const body = decodeBody(event, kind);
  headers.frame(body.length);
  const identity = rc.identity;
  const remoteAddress = isFields(identity) ? readAddress(identity.sourceIp) : undefined;
  return { kind, method, url: withQuery(path, query), rawHeaders: headers.raw, body, remoteAddress };
}

/** HTTP API payload v2 and Function URLs: raw path and query, cookies in their own array. */
function readV2(event: Fields, rc: Fields, basePath: string): BridgeRequest {
  const kind: EventKind = 'v2';
  const http = rc.http;
  if (!isFields(http)) throw new BadEventError('requestContext.http is missing', kind);
  const method = readMethod(http.method, kind);
  let path = sanitizeRawPath(readPath(event.rawPath, kind));
  const stage = rc.stage;
  // On the execute-api endpoint a named stage is part of rawPath; the app never saw it.
  if (typeof stage === 'string' && stage !== '' && stage !== '$default') path = stripBasePath(path, `/${stage}`);
  path = stripBasePath(path, basePath);
  const rawQuery = event.rawQueryString;
  if (rawQuery !== undefined && rawQuery !== null && typeof rawQuery !== 'string') {
    throw new BadEventError('rawQueryString must be a string', kind);
  }
  const query = typeof rawQuery === 'string' ? sanitizeRawQuery(rawQuery) : '';
  const headers = new HeaderLines(kind);
  headers.addAll(event.headers);
  const cookies = event.cookies;
  if (Array.isArray(cookies)) {
    if (cookies.length > 0) headers.add('cookie', cookies.join('; '));
  } else if (cookies !== undefined && cookies !== null) {
    throw new BadEventError('cookies must be an array', kind);
  }
  headers.addHostIfMissing(rc.domainName);
  const body = decodeBody(event, kind);
  headers.frame(body.length);
  return { kind, method, url: withQuery(path, query), rawHeaders: headers.raw, body, remoteAddress: readAddress(http.sourceIp) };
}

/** ALB: path and query exactly as the client sent them; the client is the last X-Forwarded-For entry. */
function readAlb(event: Fields, basePath: string): BridgeRequest {
  const multi = isFields(event.multiValueHeaders) || isFields(event.multiValueQueryStringParameters);
  const kind: EventKind = multi ? 'alb-multi' : 'alb';
  const method = readMethod(event.httpMethod, kind);
  const path = stripBasePath(sanitizeRawPath(readPath(event.path, kind)), basePath);
  const query = sanitizeRawQuery(pickQuery(event, null, kind));
  const headers = new HeaderLines(kind);
  headers.addAll(multi ? event.multiValueHeaders : event.headers);
  const body = decodeBody(event, kind);
  headers.frame(body.length);
  const forwarded = headers.forwardedFor;
  const remoteAddress = forwarded === undefined ? undefined : readAddress(forwarded.slice(forwarded.lastIndexOf(',') + 1).trim());
  return { kind, method, url: withQuery(path, query), rawHeaders: headers.raw, body, remoteAddress };
}

/**
 * Detects the event source and reads the request; throws {@link BadEventError} for anything
 * that is not a usable HTTP event. `basePath` must already be normalised.
 *
 * @example
 * const request = readEvent(albEvent, '');
 * request.kind; // 'alb'
 * request.url;  // '/?key=hello'
 */
export function readEvent(event: unknown, basePath: string): BridgeRequest {
  if (!isFields(event)) throw new BadEventError(`event is ${event === null ? 'null' : typeof event}, not an object`, undefined);
  const rc = event.requestContext;
  if (!isFields(rc)) throw new BadEventError('requestContext is missing', undefined);
  if (isFields(rc.elb)) return readAlb(event, basePath);
  if (event.version === '2.0') return readV2(event, rc, basePath);
  if (typeof event.httpMethod === 'string') return readV1(event, rc, basePath);
  throw new BadEventError('not an API Gateway, Function URL or ALB event', undefined);
}
