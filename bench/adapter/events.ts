/**
 * The Lambda events of bench:adapter, shaped like the AWS samples: an HTTP API (payload 2.0)
 * event and an API Gateway REST (v1, proxy integration, stage `prod`) event for the same
 * `GET <path>?<query>` request from a browser-like client with a bearer token and cookies.
 * Adapters may mutate events (serverless-http does), so every invocation gets a fresh copy.
 */

export type EventKind = 'v2' | 'v1';

export interface BenchRequest {
  /** e.g. `/api/payments/pay_00042`. */
  path: string;
  query: Array<[string, string]>;
  /** API Gateway resource / route path: `/api/payments/{id}`. */
  resource: string;
  pathParameters: Record<string, string>;
  token: string;
}

const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.us-east-1.amazonaws.com`;
const SOURCE_IP = '198.51.100.23';
const USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const TRACE = 'Root=1-66a1b2c3-0123456789abcdef01234567';

function clientHeaders(r: BenchRequest): Array<[string, string]> {
  return [
    ['Accept', 'application/json, text/plain, */*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
    ['Accept-Language', 'en-GB,en;q=0.9'],
    ['Authorization', `Bearer ${r.token}`],
    ['Origin', 'https://app.example.com'],
    ['Referer', 'https://app.example.com/'],
    ['User-Agent', USER_AGENT],
    ['X-Request-Id', 'req-2f1c9a7e-5b3d-4c8e-9a61-0d2b7c4e8f10'],
  ];
}

const COOKIES = ['session=s%3A9f8e7d6c5b4a.Zm9vYmFy', 'theme=dark', 'consent=analytics%3Dno'];

function gatewayHeaders(r: BenchRequest): Array<[string, string]> {
  return [
    ['Host', DOMAIN],
    ...clientHeaders(r),
    ['X-Amzn-Trace-Id', TRACE],
    ['X-Forwarded-For', SOURCE_IP],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
}

/** A factory of fresh, identical events (JSON round trip of one template). */
export function eventFactory(kind: EventKind, r: BenchRequest): () => Record<string, unknown> {
  const text = JSON.stringify(kind === 'v2' ? httpApiEvent(r) : restEvent(r));
  return () => JSON.parse(text) as Record<string, unknown>;
}

function httpApiEvent(r: BenchRequest): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [name, value] of gatewayHeaders(r)) headers[name.toLowerCase()] = value;
  const rawQueryString = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return {
    version: '2.0',
    routeKey: `GET ${r.resource}`,
    rawPath: r.path,
    rawQueryString,
    cookies: COOKIES,
    headers,
    queryStringParameters: Object.fromEntries(r.query),
    pathParameters: r.pathParameters,
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      domainName: DOMAIN,
      domainPrefix: API_ID,
      http: { method: 'GET', path: r.path, protocol: 'HTTP/1.1', sourceIp: SOURCE_IP, userAgent: USER_AGENT },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `GET ${r.resource}`,
      stage: '$default',
      time: '10/Mar/2025:14:12:31 +0000',
      timeEpoch: 1741615951000,
    },
    isBase64Encoded: false,
  };
}

function restEvent(r: BenchRequest): Record<string, unknown> {
  const lines: Array<[string, string]> = [...gatewayHeaders(r), ['Cookie', COOKIES.join('; ')]];
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of lines) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const multiQuery: Record<string, string[]> = {};
  for (const [k, v] of r.query) (multiQuery[k] ??= []).push(v);
  return {
    resource: r.resource,
    path: r.path,
    httpMethod: 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: Object.fromEntries(r.query),
    multiValueQueryStringParameters: multiQuery,
    pathParameters: r.pathParameters,
    stageVariables: null,
    requestContext: {
      resourceId: 'abc123',
      resourcePath: r.resource,
      httpMethod: 'GET',
      extendedRequestId: 'JKJaXmPLvHcESHA=',
      requestTime: '10/Mar/2025:14:12:31 +0000',
      path: `/prod${r.path}`,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: API_ID,
      requestTimeEpoch: 1741615951000,
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: SOURCE_IP,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: USER_AGENT,
        user: null,
      },
      domainName: DOMAIN,
      apiId: API_ID,
    },
    body: null,
    isBase64Encoded: false,
  };
}

/** A context shaped like the Node.js runtime's, fresh per invocation. */
export function lambdaContext(i: number): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'bench-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench-function',
    memoryLimitInMB: '1024',
    awsRequestId: `8f507cfc-0000-4000-8000-${String(i).padStart(12, '0')}`,
    logGroupName: '/aws/lambda/bench-function',
    logStreamName: '2025/03/10/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 29000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
