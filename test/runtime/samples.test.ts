/**
 * Every real event sample in test/fixtures/aws-events, unchanged, through real Express 4, Express 5,
 * Koa 2 and Koa 3 apps: accepted, answered in the source's result format, and seen by the
 * app as the request the event describes. The events are frozen: the bridge must not mutate them.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { echoApp, FRAMEWORKS } from './helpers/apps';
import { handlerFor, invoke, resultBody, resultJson } from './helpers/lambda';

const EVENTS_DIR = join(__dirname, '../fixtures/aws-events');

interface Expectation {
  format: string[];
  method: string;
  originalUrl: string;
  query: Record<string, unknown>;
  /** Request headers the app must see (a subset). */
  headers: Record<string, string>;
  remoteAddress: string | null;
  body: string | null;
}

const EXPECTED: Record<string, Expectation> = {
  'apigw-request.json': {
    format: ['body', 'isBase64Encoded', 'multiValueHeaders', 'statusCode'],
    method: 'POST',
    originalUrl: '/hello/world?name=me',
    query: { name: 'me' },
    headers: {
      host: 'gy415nuibc.execute-api.us-east-1.amazonaws.com',
      'content-type': 'application/json',
      'content-length': '13',
      'x-forwarded-for': '54.240.196.186, 54.182.214.83',
      headername: 'headerValue',
    },
    remoteAddress: '192.168.196.186',
    body: '{\r\n\t"a": 1\r\n}',
  },
  'apigw-v2-request-no-authorizer.json': {
    format: ['body', 'headers', 'isBase64Encoded', 'statusCode'],
    method: 'GET',
    originalUrl: '/',
    query: {},
    headers: { host: 'aaaaaaaaaa.execute-api.us-west-2.amazonaws.com', 'content-length': '0', 'x-forwarded-proto': 'https' },
    remoteAddress: '1.2.3.4',
    body: null,
  },
  'apigw-v2-request-jwt-authorizer.json': {
    format: ['body', 'headers', 'isBase64Encoded', 'statusCode'],
    method: 'GET',
    originalUrl: '/my/path?parameter1=value1&parameter1=value2&parameter2=value',
    query: { parameter1: ['value1', 'value2'], parameter2: 'value' },
    // No Host in the event: the domain API Gateway received the request on is used.
    headers: { header1: 'value1', header2: 'value2', cookie: 'cookie1; cookie2', host: 'id.execute-api.us-east-1.amazonaws.com' },
    // sourceIp is the placeholder "IP", not an address.
    remoteAddress: null,
    body: '{\r\n\t"a": 1\r\n}',
  },
  'lambda-urls-request.json': {
    format: ['body', 'headers', 'isBase64Encoded', 'statusCode'],
    method: 'POST',
    originalUrl: '/my/path?parameter1=value1&parameter1=value2&parameter2=value',
    query: { parameter1: ['value1', 'value2'], parameter2: 'value' },
    headers: { header1: 'value1', header2: 'value1,value2', cookie: 'cookie1; cookie2', 'content-length': '18' },
    remoteAddress: '123.123.123.123',
    body: 'Hello from client!',
  },
  'alb-lambda-target-request-headers-only.json': {
    format: ['body', 'headers', 'isBase64Encoded', 'statusCode', 'statusDescription'],
    method: 'GET',
    originalUrl: '/?key=hello',
    query: { key: 'hello' },
    headers: { host: 'lambda-test-alb-1334523864.us-east-1.elb.amazonaws.com', 'x-myheader': '123' },
    remoteAddress: '25.12.198.67',
    body: null,
  },
  'alb-lambda-target-request-multivalue-headers.json': {
    format: ['body', 'isBase64Encoded', 'multiValueHeaders', 'statusCode', 'statusDescription'],
    method: 'GET',
    originalUrl: '/?key=hello',
    query: { key: 'hello' },
    headers: { host: 'lambda-test-alb-1234567.us-east-1.elb.amazonaws.com', 'x-myheader': '123' },
    remoteAddress: '72.21.198.67',
    body: null,
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const samples = readdirSync(EVENTS_DIR).filter((name) => name.endsWith('.json'));

test('every sample has an expectation', () => {
  expect(samples.sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(FRAMEWORKS)('%s', (framework) => {
  const handler = handlerFor(echoApp(framework));

  test.each(samples)('%s is accepted unchanged', async (name) => {
    const text = readFileSync(join(EVENTS_DIR, name), 'utf8');
    const event = deepFreeze(JSON.parse(text));
    const expected = EXPECTED[name];
    const result = await invoke(handler, event);

    expect(JSON.parse(text)).toEqual(event);
    expect(result.statusCode).toBe(200);
    expect(Object.keys(result).sort()).toEqual(expected.format);
    const echo = resultJson(result);
    expect(echo.method).toBe(expected.method);
    expect(echo.originalUrl).toBe(expected.originalUrl);
    expect(echo.query).toEqual(expected.query);
    expect(echo.headers).toMatchObject(expected.headers);
    expect(echo.remoteAddress ?? null).toBe(expected.remoteAddress);
    expect(echo.body === null ? null : Buffer.from(echo.body as string, 'base64').toString('utf8')).toBe(expected.body);
    expect(echo.apiGateway).toBe(true);
    expect(resultBody(result).length).toBeGreaterThan(0);
  });
});
