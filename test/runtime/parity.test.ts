/**
 * The same request, sent to a real server over HTTP (supertest) and as every kind of Lambda
 * event to the bridge: the app must see the same thing, except where the AWS front end itself
 * loses information (noted per case).
 */
import { SOURCES, toEvent, type SourceName } from './helpers/events';
import { echoApp, FRAMEWORKS, listenerOf, type Echo, type Framework } from './helpers/apps';
import { handlerFor, invoke, resultJson } from './helpers/lambda';
import { echoReal, type RealRequest } from './helpers/real';

const TRUST: Record<Framework, Array<boolean | number | string>> = {
  express4: [false, true, 1, 'loopback'],
  express5: [false, true, 1, 'loopback'],
  koa2: [false, true],
  koa3: [false, true],
};

const FORWARDED: Array<[string, string]> = [
  ['Host', 'api.example.com'],
  ['X-Forwarded-For', '203.0.113.9, 198.51.100.7'],
  ['X-Forwarded-Proto', 'https'],
  ['X-Forwarded-Host', 'shop.example.org'],
];

/** Fields every source must reproduce exactly. */
const EXACT = ['method', 'path', 'baseUrl', 'protocol', 'secure', 'hostname', 'subdomains', 'host', 'origin', 'body', 'apiGateway'];

async function both(framework: Framework, trust: boolean | number | string, spec: RealRequest, source: SourceName) {
  const app = echoApp(framework, { trust });
  const { echo: real, client } = await echoReal(listenerOf(app), spec);
  const lambda = resultJson(await invoke(handlerFor(app), toEvent(source, client)));
  const expected: Echo = { ...real, apiGateway: true };
  return { real: expected, lambda, client };
}

function pick(echo: Echo, keys: string[]): Echo {
  return Object.fromEntries(keys.filter((k) => k in echo).map((k) => [k, echo[k]]));
}

describe.each(FRAMEWORKS)('%s: what the app sees matches a real server', (framework) => {
  describe.each(TRUST[framework])('trust proxy %p', (trust) => {
    const spec: RealRequest = { method: 'GET', target: '/api/users/42?sort=name&page=2', headers: FORWARDED };

    test.each(SOURCES)('%s: url, protocol, host, ip', async (source) => {
      const { real, lambda } = await both(framework, trust, spec, source);
      expect(lambda.url).toBe(real.url);
      expect(lambda.originalUrl).toBe(real.originalUrl);
      expect(lambda.query).toEqual(real.query);
      expect(lambda.headers).toEqual(real.headers);
      if (source.startsWith('alb') && (trust === false || typeof trust === 'string')) {
        // An ALB event carries no peer address: the socket peer is the client the ALB saw,
        // the last X-Forwarded-For entry, which is not a trusted proxy address (a hop count
        // or `true` is the way to trust an ALB, checked against the real server above).
        expect(pick(lambda, ['ip', 'protocol', 'secure', 'hostname'])).toEqual({
          ip: '198.51.100.7',
          protocol: 'http',
          secure: false,
          hostname: 'api.example.com',
        });
      } else {
        expect(pick(lambda, EXACT)).toEqual(pick(real, EXACT));
        expect(lambda.ip).toBe(real.ip);
        expect(lambda.ips).toEqual(real.ips);
      }
    });
  });

  test.each(SOURCES)('%s: +, %%20 and %%2B in the query string', async (source) => {
    const spec: RealRequest = { method: 'GET', target: '/api/search?q=a+b&r=a%20b&s=a%2Bb&t=100%25&u=caf%C3%A9&v=x%26y%3Dz' };
    const { real, lambda } = await both(framework, false, spec, source);
    expect(lambda.query).toEqual(real.query);
    expect(real.query).toMatchObject({ q: 'a b', r: 'a b', s: 'a+b', t: '100%', u: 'café', v: 'x&y=z' });
    if (source === 'v1') {
      // API Gateway REST hands over decoded values; the bridge re-encodes them canonically.
      expect(lambda.originalUrl).toBe('/api/search?q=a%20b&r=a%20b&s=a%2Bb&t=100%25&u=caf%C3%A9&v=x%26y%3Dz');
    } else {
      expect(lambda.originalUrl).toBe(real.originalUrl);
    }
  });

  test.each(SOURCES)('%s: repeated query keys', async (source) => {
    const spec: RealRequest = { method: 'GET', target: '/api/list?id=1&id=2&tag=x&id=3' };
    const { real, lambda } = await both(framework, false, spec, source);
    if (source === 'alb') {
      // Single-value ALB keeps only the last value of a repeated key.
      expect(lambda.query).toEqual({ id: '3', tag: 'x' });
    } else {
      expect(lambda.query).toEqual(real.query);
      expect((lambda.query as Record<string, unknown>).id).toEqual(['1', '2', '3']);
    }
    if (source === 'v2' || source === 'url') expect(lambda.originalUrl).toBe(real.originalUrl);
  });

  test.each(SOURCES)('%s: repeated request headers and cookies', async (source) => {
    const spec: RealRequest = {
      method: 'GET',
      target: '/api/h',
      headers: [
        ['X-Multi', ['one', 'two']],
        ['Cookie', 'session=abc; theme=dark'],
        ['Accept', 'text/html'],
      ],
    };
    const { real, lambda } = await both(framework, false, spec, source);
    const headers = lambda.headers as Record<string, string>;
    expect((real.headers as Record<string, string>)['x-multi']).toBe('one, two');
    expect(headers.cookie).toBe('session=abc; theme=dark');
    if (source === 'v1' || source === 'alb-multi') expect(headers).toEqual(real.headers);
    // HTTP API joins repeated headers with a bare comma before the event is built.
    if (source === 'v2' || source === 'url') expect(headers['x-multi']).toBe('one,two');
    if (source === 'alb') expect(headers['x-multi']).toBe('two');
  });

  test.each(SOURCES)('%s: JSON request body', async (source) => {
    const spec: RealRequest = {
      method: 'POST',
      target: '/api/items',
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({ name: 'widget', price: 9.5, note: 'naïve ✓' }),
    };
    const { real, lambda } = await both(framework, false, spec, source);
    expect(lambda.body).toBe(real.body);
    expect(lambda.headers).toEqual(real.headers);
  });
});
