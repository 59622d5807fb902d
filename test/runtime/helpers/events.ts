/**
 * Builds Lambda events from one HTTP request the way each AWS front end does, so a test can
 * send the same request to a real server and, as events, to the bridge.
 *
 * What each source does with the request (simulated here):
 * - API Gateway REST (v1): decodes path and query (`+` as space, `%XX`), keeps header case,
 *   `headers` holds the last value of each header, `multiValue*` hold all of them.
 * - HTTP API (v2) and Function URLs: raw path and query, lower-case header names, repeated
 *   headers joined with `,`, cookies moved into `cookies`.
 * - ALB: raw path and query values (nothing decoded), lower-case header names; single-value
 *   mode keeps the last value of a repeated header or query key.
 */
import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** A request as a client sent it. */
export interface ClientRequest {
  method: string;
  /** Request target: raw path and query, as in `req.originalUrl` on a real server. */
  target: string;
  /** `[name, value, …]` as in `req.rawHeaders`. */
  rawHeaders: string[];
  body?: Buffer;
  /** Deliver the body base64-encoded (binary media types). */
  base64?: boolean;
  /** The client address API Gateway reports as sourceIp. */
  sourceIp?: string;
}

export interface EventOptions {
  stage?: string;
}

function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

function formDecode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

/** Query pairs, raw or decoded. */
function queryPairs(query: string, decode: boolean): Array<[string, string]> {
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? '' : part.slice(eq + 1);
      return decode ? [formDecode(key), formDecode(value)] : [key, value];
    });
}

function multiMap(pairs: Array<[string, string]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) (out[k] ??= []).push(v);
  return out;
}

function lastMap(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) out[k] = v;
  return out;
}

function headerPairs(raw: string[], lowerCase: boolean): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([lowerCase ? raw[i].toLowerCase() : raw[i], raw[i + 1]]);
  return pairs;
}

function bodyFields(req: ClientRequest): { body: string | null; isBase64Encoded: boolean } {
  if (req.body === undefined || req.body.length === 0) return { body: null, isBase64Encoded: false };
  return req.base64
    ? { body: req.body.toString('base64'), isBase64Encoded: true }
    : { body: req.body.toString('utf8'), isBase64Encoded: false };
}

function hostOf(req: ClientRequest): string {
  const pairs = headerPairs(req.rawHeaders, true);
  return pairs.find(([name]) => name === 'host')?.[1] ?? 'example.execute-api.us-east-1.amazonaws.com';
}

/** API Gateway REST proxy integration (payload v1). */
export function toV1(req: ClientRequest, options: EventOptions = {}): APIGatewayProxyEvent {
  const { path, query } = splitTarget(req.target);
  const stage = options.stage ?? 'prod';
  const decodedPath = decodeURIComponent(path);
  const pairs = queryPairs(query, true);
  const headers = headerPairs(req.rawHeaders, false);
  return {
    resource: '/{proxy+}',
    path: decodedPath,
    httpMethod: req.method,
    headers: lastMap(headers),
    multiValueHeaders: multiMap(headers),
    queryStringParameters: pairs.length ? lastMap(pairs) : null,
    multiValueQueryStringParameters: pairs.length ? multiMap(pairs) : null,
    pathParameters: { proxy: decodedPath.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: req.method,
      identity: { sourceIp: req.sourceIp ?? '198.51.100.10', userAgent: null } as never,
      path: `/${stage}${decodedPath}`,
      stage,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'abc123',
      resourcePath: '/{proxy+}',
      domainName: hostOf(req),
    },
    ...bodyFields(req),
  };
}

/** HTTP API (payload v2). */
export function toV2(req: ClientRequest, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const { path, query } = splitTarget(req.target);
  const stage = options.stage ?? '$default';
  const joined: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of headerPairs(req.rawHeaders, true)) {
    if (name === 'cookie') cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
    else joined[name] = name in joined ? `${joined[name]},${value}` : value;
  }
  const decoded = queryPairs(query, true);
  const params: Record<string, string> = {};
  for (const [k, v] of decoded) params[k] = k in params ? `${params[k]},${v}` : v;
  const rawPath = stage === '$default' ? path : `/${stage}${path}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: query,
    headers: joined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      domainName: hostOf(req),
      domainPrefix: 'abcdef1234',
      http: { method: req.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: req.sourceIp ?? '198.51.100.10', userAgent: 'test' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: '$default',
      stage,
      time: '10/Mar/2024:10:00:00 +0000',
      timeEpoch: 1_710_064_800_000,
    },
    isBase64Encoded: false,
  };
  if (cookies.length) event.cookies = cookies;
  if (decoded.length) event.queryStringParameters = params;
  const { body, isBase64Encoded } = bodyFields(req);
  if (body !== null) event.body = body;
  event.isBase64Encoded = isBase64Encoded;
  return event;
}

/** Lambda Function URL: v2-shaped, without route key or stage. */
export function toFunctionUrl(req: ClientRequest): APIGatewayProxyEventV2 {
  const event = toV2(req) as unknown as Record<string, unknown>;
  delete event.routeKey;
  const rc = event.requestContext as Record<string, unknown>;
  delete rc.routeKey;
  delete rc.stage;
  rc.domainName = 'abcdefghij.lambda-url.us-east-1.on.aws';
  return event as unknown as APIGatewayProxyEventV2;
}

/** ALB target, single-value (default) or multi-value headers mode. */
export function toAlb(req: ClientRequest, multi: boolean): ALBEvent {
  const { path, query } = splitTarget(req.target);
  const pairs = queryPairs(query, false);
  const headers = headerPairs(req.rawHeaders, true);
  const base = {
    requestContext: { elb: { targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/abc' } },
    httpMethod: req.method,
    path,
    ...bodyFields(req),
  };
  return multi
    ? { ...base, multiValueQueryStringParameters: multiMap(pairs), multiValueHeaders: multiMap(headers) }
    : { ...base, queryStringParameters: lastMap(pairs), headers: lastMap(headers) };
}

export type SourceName = 'v1' | 'v2' | 'url' | 'alb' | 'alb-multi';
export const SOURCES: SourceName[] = ['v1', 'v2', 'url', 'alb', 'alb-multi'];

/** The event for `source`. */
export function toEvent(source: SourceName, req: ClientRequest, options?: EventOptions) {
  switch (source) {
    case 'v1':
      return toV1(req, options);
    case 'v2':
      return toV2(req, options);
    case 'url':
      return toFunctionUrl(req);
    case 'alb':
      return toAlb(req, false);
    case 'alb-multi':
      return toAlb(req, true);
  }
}

/** A Lambda context with a deadline `remainingMs` from now. */
export function lambdaContext(remainingMs = 30_000, requestId = 'req-1'): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/fn',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
