/**
 * Real-shaped Lambda events built from a replay request, as each source would deliver the
 * same HTTP request (shapes follow the AWS samples in test/fixtures/aws-events/):
 *
 * - `v1`  API Gateway REST, Lambda proxy integration, regional endpoint, stage `prod`: `path`
 *         without the stage and percent-decoded, `resource`/`pathParameters` from the matched
 *         API path, `headers` + `multiValueHeaders` (client casing; single-value keeps the
 *         last), `queryStringParameters` + `multiValueQueryStringParameters` decoded as a form
 *         (`+` is a space, `%2B` a plus), null when absent; body as text.
 * - `v2`  HTTP API payload 2.0, `$default` stage: `rawPath` and `rawQueryString` exactly as
 *         sent, `cookies` split out of the Cookie header, header names lower-cased with
 *         repeated values comma-joined, `queryStringParameters` decoded and comma-joined,
 *         `routeKey`, `requestContext.http`; non-text bodies (form posts included) base64.
 * - `alb` Application Load Balancer, HTTPS listener: `path` and query exactly as sent (ALB
 *         decodes nothing). Multi-value mode (`multiValueHeaders`,
 *         `multiValueQueryStringParameters`) when the request repeats a header or query key,
 *         else single-value; non-text bodies base64.
 *
 * Every source adds what the gateway adds: Host, X-Forwarded-For (the client address
 * appended to what the client sent), X-Forwarded-Proto/Port (https, 443), X-Amzn-Trace-Id.
 */
import { DEFAULT_ROUTE } from '../../../src/serve/api-routes';
import { randomUUID } from 'node:crypto';
import type { ReplayRequest } from '../../examples/replay';
import { clientHeaders, requestBody } from './http';
import { gatewayMethod, type RouteMatch } from './routing';

export type EventSource = 'v1' | 'v2' | 'alb';
export const EVENT_SOURCES: readonly EventSource[] = ['v1', 'v2', 'alb'];

/** The client's address as the gateway sees it (a documentation address; nothing is sent to it). */
export const CLIENT_IP = '198.51.100.23';
const ACCOUNT = '123456789012';
const API_ID = 'a1b2c3d4e5';
const REGION = 'us-east-1';
const API_DOMAIN = `${API_ID}.execute-api.${REGION}.amazonaws.com`;
const ALB_DOMAIN = 'lambdashift-test-1234567890.us-east-1.elb.amazonaws.com';
const TARGET_GROUP = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/lambdashift-test/0123456789abcdef`;

function splitTarget(target: string): { path: string; query: string | null } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, query: null } : { path: target.slice(0, q), query: target.slice(q + 1) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `k=v&k=w` → [[k, v], [k, w]]; `decode` as a form (`+` is a space) or not at all. */
function queryPairs(query: string, decode: boolean): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push(decode ? [safeDecode(key.replace(/\+/g, ' ')), safeDecode(value.replace(/\+/g, ' '))] : [key, value]);
  }
  return pairs;
}

function group(pairs: Array<[string, string]>, lowerCaseKeys = false): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) {
    const key = lowerCaseKeys ? k.toLowerCase() : k;
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = [];
    out[key]!.push(v);
  }
  return out;
}

function mapValues<T>(record: Record<string, string[]>, f: (values: string[]) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

const TEXT_TYPE = /^(text\/|application\/(json|javascript|xml)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

/** Whether HTTP API / ALB would hand the body over base64-encoded (anything not textual). */
function bodyIsBinary(headers: Array<[string, string]>): boolean {
  const type = headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '';
  return !TEXT_TYPE.test(type);
}

/** Client header lines plus what the gateway adds; the client's forwarding headers are replaced. */
function gatewayHeaders(r: ReplayRequest, host: string, names: 'aws' | 'lower', traceId: string): Array<[string, string]> {
  const client = clientHeaders(r);
  const xff = client.filter(([n]) => n.toLowerCase() === 'x-forwarded-for').map(([, v]) => v);
  const dropped = new Set(['host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'connection']);
  const lines = client.filter(([n]) => !dropped.has(n.toLowerCase()));
  const n = (aws: string): string => (names === 'aws' ? aws : aws.toLowerCase());
  return [
    [n('Host'), host],
    ...lines,
    [n('X-Amzn-Trace-Id'), traceId],
    [n('X-Forwarded-For'), [...xff, CLIENT_IP].join(', ')],
    [n('X-Forwarded-Port'), '443'],
    [n('X-Forwarded-Proto'), 'https'],
  ];
}

function traceId(): string {
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

function requestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} +0000`;
}

/** Builds the `source` event for `r`, routed to `match` (which supplies resource and path parameters). */
export function buildEvent(source: EventSource, r: ReplayRequest, match: RouteMatch): Record<string, unknown> {
  switch (source) {
    case 'v1':
      return restEvent(r, match);
    case 'v2':
      return httpApiEvent(r, match);
    case 'alb':
      return albEvent(r);
  }
}

function restEvent(r: ReplayRequest, match: RouteMatch): Record<string, unknown> {
  const { path, query } = splitTarget(r.path);
  const now = new Date();
  const requestId = randomUUID();
  const lines = gatewayHeaders(r, API_DOMAIN, 'aws', traceId());
  const multiValueHeaders = group(lines);
  const headers = mapValues(multiValueHeaders, (v) => v[v.length - 1]!);
  const pairs = query === null ? [] : queryPairs(query, true);
  const multiQuery = pairs.length ? group(pairs) : null;
  const body = requestBody(r);
  const userAgent = lines.find(([n]) => n.toLowerCase() === 'user-agent')?.[1] ?? null;
  // A REST API's catch-all is `ANY /`, `ANY /{proxy+}` and `ANY` beside each split path (HTTP API: `$default`).
  const resource = match.fn.apiPath !== DEFAULT_ROUTE ? match.fn.apiPath : (match.besidePath ?? (match.pathParameters.proxy !== undefined ? '/{proxy+}' : '/'));
  return {
    resource,
    path: safeDecode(path),
    httpMethod: r.method,
    headers,
    multiValueHeaders,
    queryStringParameters: multiQuery && mapValues(multiQuery, (v) => v[v.length - 1]!),
    multiValueQueryStringParameters: multiQuery,
    pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      domainName: API_DOMAIN,
      domainPrefix: API_ID,
      extendedRequestId: requestId.slice(0, 16),
      httpMethod: r.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: CLIENT_IP,
        user: null,
        userAgent,
        userArn: null,
      },
      path: `/prod${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now.getTime(),
      resourceId: 'abc123',
      resourcePath: resource,
      stage: 'prod',
    },
    body: body === undefined ? null : body.toString('utf8'),
    isBase64Encoded: false,
  };
}

function httpApiEvent(r: ReplayRequest, match: RouteMatch): Record<string, unknown> {
  const { path, query } = splitTarget(r.path);
  const now = new Date();
  const lines = gatewayHeaders(r, API_DOMAIN, 'lower', traceId());
  const cookies = lines
    .filter(([n]) => n === 'cookie')
    .flatMap(([, v]) => v.split(';'))
    .map((c) => c.trim())
    .filter(Boolean);
  const headers = mapValues(group(lines.filter(([n]) => n !== 'cookie')), (v) => v.join(','));
  const pairs = query === null ? [] : queryPairs(query, true);
  const body = requestBody(r);
  const binary = body !== undefined && bodyIsBinary(lines);
  const fallback = match.fn.apiPath === DEFAULT_ROUTE;
  const routeKey = fallback ? DEFAULT_ROUTE : `${gatewayMethod(match.fn)} ${match.fn.apiPath}`;
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query ?? '',
  };
  if (cookies.length) event.cookies = cookies;
  event.headers = headers;
  if (pairs.length) event.queryStringParameters = mapValues(group(pairs), (v) => v.join(','));
  if (!fallback && Object.keys(match.pathParameters).length) event.pathParameters = match.pathParameters;
  event.requestContext = {
    accountId: ACCOUNT,
    apiId: API_ID,
    domainName: API_DOMAIN,
    domainPrefix: API_ID,
    http: {
      method: r.method,
      path,
      protocol: 'HTTP/1.1',
      sourceIp: CLIENT_IP,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID().slice(0, 16),
    routeKey,
    stage: '$default',
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
  if (body !== undefined) event.body = body.toString(binary ? 'base64' : 'utf8');
  event.isBase64Encoded = binary;
  return event;
}

function albEvent(r: ReplayRequest): Record<string, unknown> {
  const { path, query } = splitTarget(r.path);
  const lines = gatewayHeaders(r, ALB_DOMAIN, 'lower', traceId());
  const pairs = query === null ? [] : queryPairs(query, false);
  const headerGroups = group(lines, true);
  const queryGroups = group(pairs);
  const multi = Object.values(headerGroups).some((v) => v.length > 1) || Object.values(queryGroups).some((v) => v.length > 1);
  const body = requestBody(r);
  const binary = body !== undefined && bodyIsBinary(lines);
  const event: Record<string, unknown> = {
    requestContext: { elb: { targetGroupArn: TARGET_GROUP } },
    httpMethod: r.method,
    path,
  };
  if (multi) {
    event.multiValueQueryStringParameters = queryGroups;
    event.multiValueHeaders = headerGroups;
  } else {
    event.queryStringParameters = mapValues(queryGroups, (v) => v[v.length - 1]!);
    event.headers = mapValues(headerGroups, (v) => v[v.length - 1]!);
  }
  event.body = body === undefined ? '' : body.toString(binary ? 'base64' : 'utf8');
  event.isBase64Encoded = binary;
  return event;
}

/** Whether an ALB event for `r` uses multi-value mode (the result must then use `multiValueHeaders`). */
export function albMultiValue(event: Record<string, unknown>): boolean {
  return event.multiValueHeaders !== undefined;
}
