/**
 * Handler results turned into HTTP responses the way API Gateway turns them, including its
 * answers when there is no route, the handler fails, or the result is malformed.
 */
import type { ApiKind } from '../emit/iac/iac-options';
import type { HttpRequestData } from './events';

export interface HttpResponseData {
  status: number;
  /** `[name, value]` pairs in order; a name may repeat (set-cookie). */
  headers: Array<[string, string]>;
  body: Buffer;
}

function json(status: number, body: unknown, extra: Array<[string, string]> = []): HttpResponseData {
  return { status, headers: [['content-type', 'application/json'], ...extra], body: Buffer.from(JSON.stringify(body)) };
}

/** No route matched: HTTP APIs answer 404, REST APIs 403 "Missing Authentication Token". */
export function noRoute(api: ApiKind): HttpResponseData {
  return api === 'http' ? json(404, { message: 'Not Found' }) : json(403, { message: 'Missing Authentication Token' }, [['x-amzn-errortype', 'MissingAuthenticationTokenException']]);
}

/** The handler threw or timed out. */
export function integrationError(api: ApiKind, timedOut = false): HttpResponseData {
  if (timedOut) return json(503, { message: 'Service Unavailable' });
  return api === 'http' ? json(500, { message: 'Internal Server Error' }) : json(502, { message: 'Internal server error' });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string | null {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

function decodeBody(result: Record<string, unknown>): Buffer | null {
  const body = result.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') return null;
  return result.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/**
 * Converts a handler's result; `null` means API Gateway would reject it as malformed.
 * HTTP APIs accept a result without `statusCode` and send it as a 200 JSON body.
 */
export function toHttpResponse(api: ApiKind, result: unknown): HttpResponseData | null {
  if (api === 'http' && (!isRecord(result) || result.statusCode === undefined)) {
    const text = result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
    return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(text ?? '') };
  }
  if (!isRecord(result)) return null;
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return null;
  const headers: Array<[string, string]> = [];
  const multi = isRecord(result.multiValueHeaders) ? result.multiValueHeaders : {};
  const multiNames = new Set(Object.keys(multi).map((n) => n.toLowerCase()));
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) {
      if (api === 'rest' && multiNames.has(name.toLowerCase())) continue; // multiValueHeaders win
      const v = scalar(value);
      if (v === null) return null;
      headers.push([name, v]);
    }
  }
  if (api === 'rest') {
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return null;
      for (const value of values) {
        const v = scalar(value);
        if (v === null) return null;
        headers.push([name, v]);
      }
    }
  }
  if (api === 'http' && Array.isArray(result.cookies)) {
    for (const c of result.cookies) if (typeof c === 'string') headers.push(['set-cookie', c]);
  }
  const body = decodeBody(result);
  if (body === null) return null;
  return { status, headers, body };
}

/** Response headers API Gateway adds itself. */
export function gatewayHeaders(api: ApiKind, requestId: string): Array<[string, string]> {
  return api === 'http' ? [['apigw-requestid', requestId]] : [['x-amzn-requestid', requestId], ['x-amz-apigw-id', requestId.slice(0, 16)]];
}

/**
 * Adds the headers API Gateway puts on every request it forwards: the client address appended
 * to X-Forwarded-For, and the HTTPS scheme and port clients used to reach it.
 */
export function withForwardedHeaders(req: HttpRequestData): HttpRequestData {
  const raw: string[] = [];
  let forwardedFor: string | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    if (name === 'x-forwarded-for') forwardedFor = forwardedFor === undefined ? req.rawHeaders[i + 1] : `${forwardedFor}, ${req.rawHeaders[i + 1]}`;
    else if (name !== 'x-forwarded-proto' && name !== 'x-forwarded-port') raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  raw.push('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${req.sourceIp}` : req.sourceIp, 'X-Forwarded-Port', '443', 'X-Forwarded-Proto', 'https');
  return { ...req, rawHeaders: raw };
}
