/**
 * API Gateway events built from an HTTP request, as faithfully as the service documents them:
 *
 * - HTTP API, payload 2.0: `rawPath` and `rawQueryString` exactly as sent; header names lower
 *   case, repeated headers joined with `,`; cookies moved to the `cookies` array; fields with
 *   nothing to say (`cookies`, `queryStringParameters`, `pathParameters`, `body`) omitted;
 *   stage `$default`.
 * - REST API, payload 1.0: decoded `path`; `headers` with the last value and `multiValueHeaders`
 *   with all of them, names as sent; query parameters decoded (a `+` stays a `+`, as API
 *   Gateway leaves it); absent fields `null`.
 *
 * Bodies that are not text (by Content-Type, or not valid UTF-8) are base64-encoded. REST APIs
 * only do that for their configured binary media types; the emulator behaves as if every
 * non-text type were configured, since a real deployment must configure them to work at all.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiKind } from '../emit/iac/iac-options';

/** An HTTP request as it arrived: what every event is built from. */
export interface HttpRequestData {
  method: string;
  /** Request target as sent: path and query, still encoded. */
  url: string;
  /** `[name, value, name, value, ...]` with the names' original case. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
}

export interface EventContext {
  routeKey: string;
  /** Route path with `{params}` (REST `resource`). */
  resource: string;
  pathParameters: Record<string, string>;
  /** Request time; defaults to now. */
  now?: Date;
  requestId?: string;
}

export const ACCOUNT_ID = '123456789012';
export const API_ID = 'local';
/** Stage name used in REST events (`requestContext.stage`). */
export const REST_STAGE = 'local';

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|ecmascript|graphql|ld\+json|x-ndjson)|application\/[\w.+-]+\+(json|xml))/i;

/** Whether API Gateway would pass this body as text. */
export function isTextBody(contentType: string | undefined, body: Buffer): boolean {
  if (!contentType) return isUtf8(body);
  return TEXT_TYPES.test(contentType.trim()) && isUtf8(body);
}

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

function splitTarget(url: string): { rawPath: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q === -1 ? { rawPath: url, rawQuery: '' } : { rawPath: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Query pairs in order, decoded (`+` is not a space here: API Gateway does not treat it as one). */
function queryPairs(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq === -1 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
}

/** API Gateway's request time format: `27/Nov/2026:15:04:20 +0000`. */
export function requestTime(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** A request id in API Gateway's style. */
export function newRequestId(): string {
  return randomBytes(12).toString('base64').replace(/[+/=]/g, 'A');
}

function headerValue(raw: string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) value = raw[i + 1];
  return value;
}

function bodyFields(req: HttpRequestData): { body: string; isBase64Encoded: boolean } | null {
  if (req.body.length === 0) return null;
  const text = isTextBody(headerValue(req.rawHeaders, 'content-type'), req.body);
  return text ? { body: req.body.toString('utf8'), isBase64Encoded: false } : { body: req.body.toString('base64'), isBase64Encoded: true };
}

/** HTTP API (payload format 2.0) event. */
export function httpApiEvent(req: HttpRequestData, ctx: EventContext): Record<string, unknown> {
  const now = ctx.now ?? new Date();
  const { rawPath, rawQuery } = splitTarget(req.url);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of queryPairs(rawQuery)) query[k] = k in query ? `${query[k]},${v}` : v;
  const host = headers.host ?? 'localhost';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: ctx.routeKey,
    rawPath,
    rawQueryString: rawQuery,
  };
  if (cookies.length) event.cookies = cookies;
  event.headers = headers;
  if (Object.keys(query).length) event.queryStringParameters = query;
  event.requestContext = {
    accountId: ACCOUNT_ID,
    apiId: API_ID,
    domainName: host,
    domainPrefix: host.split('.')[0]!.split(':')[0],
    http: { method: req.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: req.sourceIp, userAgent: headers['user-agent'] ?? '' },
    requestId: ctx.requestId ?? newRequestId(),
    routeKey: ctx.routeKey,
    stage: '$default',
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
  if (Object.keys(ctx.pathParameters).length) event.pathParameters = { ...ctx.pathParameters };
  const body = bodyFields(req);
  if (body) event.body = body.body;
  event.isBase64Encoded = body?.isBase64Encoded ?? false;
  return event;
}

/** REST API (payload format 1.0) event. */
export function restApiEvent(req: HttpRequestData, ctx: EventContext): Record<string, unknown> {
  const now = ctx.now ?? new Date();
  const { rawPath, rawQuery } = splitTarget(req.url);
  const path = rawPath.split('/').map(decode).join('/');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = req.rawHeaders[i + 1]!;
    // Names keep the case of their first occurrence.
    const key = Object.keys(multiValueHeaders).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    headers[key] = value;
    (multiValueHeaders[key] ??= []).push(value);
  }
  const pairs = queryPairs(rawQuery);
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  const body = bodyFields(req);
  const requestId = ctx.requestId ?? randomUUID();
  const userAgent = headerValue(req.rawHeaders, 'user-agent') ?? null;
  const host = headerValue(req.rawHeaders, 'host') ?? 'localhost';
  return {
    resource: ctx.resource,
    path,
    httpMethod: req.method,
    headers: Object.keys(headers).length ? headers : null,
    multiValueHeaders: Object.keys(multiValueHeaders).length ? multiValueHeaders : null,
    queryStringParameters: pairs.length ? single : null,
    multiValueQueryStringParameters: pairs.length ? multi : null,
    pathParameters: Object.keys(ctx.pathParameters).length ? { ...ctx.pathParameters } : null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      domainName: host,
      domainPrefix: host.split('.')[0]!.split(':')[0],
      extendedRequestId: newRequestId(),
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/${REST_STAGE}${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: ctx.resource,
      stage: REST_STAGE,
    },
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

export function apiEvent(api: ApiKind, req: HttpRequestData, ctx: EventContext): Record<string, unknown> {
  return api === 'http' ? httpApiEvent(req, ctx) : restApiEvent(req, ctx);
}

/** An EventBridge scheduled event (rule or Scheduler) for invoking a job by hand. */
export function scheduledEvent(name: string, viaScheduler: boolean, now = new Date()): Record<string, unknown> {
  const region = 'us-east-1';
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: viaScheduler ? 'aws.scheduler' : 'aws.events',
    account: ACCOUNT_ID,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [viaScheduler ? `arn:aws:scheduler:${region}:${ACCOUNT_ID}:schedule/default/${name}` : `arn:aws:events:${region}:${ACCOUNT_ID}:rule/${name}`],
    detail: {},
  };
}
