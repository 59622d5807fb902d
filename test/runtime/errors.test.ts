/**
 * Failures: errors escaping the app, responses that never end, connections the app destroys,
 * and malformed events all end in a 400 or 500 with a generic body and exactly one log line,
 * never in a crash. Also: concurrent invocations keep their own `req.apiGateway`.
 */
import express5 from 'express';
import express4 from 'express4';
import Koa from 'koa';
import type { IncomingMessage } from 'http';
import { createExpressHandler, createHttpHandler, createKoaHandler, type LambdaHttpResult } from '../../src/runtime';
import { lambdaContext, SOURCES, toEvent, type SourceName } from './helpers/events';
import { invoke, resultHeaders } from './helpers/lambda';
import * as eventModule from '../../src/runtime/event';
import * as requestModule from '../../src/runtime/request';

let errorLog: jest.SpyInstance;
beforeEach(() => {
  errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorLog.mockRestore());

function get(source: SourceName = 'v2', target = '/') {
  return toEvent(source, { method: 'GET', target, rawHeaders: ['Host', 'api.example.com'] });
}

function expectGeneric500(result: LambdaHttpResult) {
  expect(result.statusCode).toBe(500);
  expect(result.body).toBe('Internal Server Error');
  expect(resultHeaders(result)['content-type']).toEqual(['text/plain; charset=utf-8']);
}

function loggedLines(): string[] {
  return errorLog.mock.calls.map((args) => args.map(String).join(' '));
}

describe('errors escaping the app', () => {
  test.each(SOURCES)('%s: a synchronous throw becomes a generic 500 in the source format, one log line', async (source) => {
    const handler = createHttpHandler(() => {
      throw new Error('database exploded');
    });
    const result = await invoke(handler, get(source));
    expectGeneric500(result);
    expect(JSON.stringify(result)).not.toMatch(/exploded|at .*\.ts/);
    const lines = loggedLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lambdashift: 500 the app threw before responding \(request req-1\): Error: database exploded \| at /);
    expect(lines[0]).not.toContain('\n');
  });

  test('a rejected promise from the listener before responding', async () => {
    const handler = createHttpHandler(async () => {
      await Promise.resolve();
      throw new TypeError('nope');
    });
    expectGeneric500(await invoke(handler, get()));
    expect(loggedLines()).toHaveLength(1);
  });

  test('a throw after the response was complete keeps the response, as a real server sent it', async () => {
    const handler = createHttpHandler((_req, res) => {
      res.end('done');
      throw new Error('late');
    });
    const result = await invoke(handler, get());
    expect(result).toMatchObject({ statusCode: 200, body: 'done' });
    expect(loggedLines()).toEqual([expect.stringMatching(/^lambdashift: 200 the app threw after its response was complete.*late/)]);
  });

  test('a response that never ends is answered 500 before the Lambda deadline; the app sees close', async () => {
    let closed = false;
    const handler = createHttpHandler((_req, res) => {
      res.on('close', () => (closed = true));
      res.write('partial');
    });
    const started = Date.now();
    const result = await handler(get() as never, lambdaContext(250));
    expect(Date.now() - started).toBeLessThan(250);
    expectGeneric500(result);
    expect(loggedLines()).toEqual([expect.stringMatching(/did not finish before the Lambda timeout/)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  test('a connection destroyed by the app before the response finished', async () => {
    const handler = createHttpHandler((_req, res) => {
      res.write('partial');
      setImmediate(() => res.destroy(new Error('upstream reset')));
    });
    expectGeneric500(await invoke(handler, get()));
    expect(loggedLines()).toEqual([expect.stringMatching(/connection was destroyed before the response finished.*upstream reset/)]);
  });

  describe.each([
    ['express4', express4 as unknown as typeof express5],
    ['express5', express5],
  ])('%s route errors', (_name, express) => {
    const nodeEnv = process.env.NODE_ENV;
    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    function appWithErrors() {
      const app = express();
      app.get('/sync', () => {
        throw new Error('secret detail');
      });
      app.get('/next', (_req, _res, next) => next(new Error('secret detail')));
      return app;
    }

    test.each(['/sync', '/next'])('%s → 500 without stack when NODE_ENV is unset (Lambda)', async (path) => {
      delete process.env.NODE_ENV;
      const handler = createExpressHandler(appWithErrors());
      const result = await invoke(handler, get('v1', path));
      expect(result.statusCode).toBe(500);
      expect(result.body).not.toMatch(/secret detail|at /);
      expect(result.body).toMatch(/Internal Server Error/);
    });

    test('an explicit NODE_ENV is respected', async () => {
      process.env.NODE_ENV = 'development';
      const handler = createExpressHandler(appWithErrors());
      const result = await invoke(handler, get('v1', '/sync'));
      expect(result.body).toMatch(/secret detail/);
    });
  });

  test('express 5 async handler rejection → 500 without stack', async () => {
    const nodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      const app = express5();
      app.get('/', async () => {
        await Promise.resolve();
        throw new Error('secret detail');
      });
      const result = await invoke(createExpressHandler(app), get('alb'));
      expect(result.statusCode).toBe(500);
      expect(result.body).not.toMatch(/secret detail/);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });

  test('koa: a thrown error is answered by Koa, without stack', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(() => {
      throw new Error('secret detail');
    });
    const result = await invoke(createKoaHandler(app), get('v1'));
    expect(result.statusCode).toBe(500);
    expect(result.body).toBe('Internal Server Error');
  });
});

describe('failures inside the bridge', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a binary predicate that throws → 500, one log line', async () => {
    const handler = createHttpHandler((_req, res) => res.end('x'), {
      binary: () => {
        throw new Error('bad predicate');
      },
    });
    expectGeneric500(await invoke(handler, get('alb')));
    expect(loggedLines()).toEqual([expect.stringMatching(/response could not be converted.*bad predicate/)]);
  });

  test('an unexpected error while setting up the request → 500, one log line', async () => {
    jest.spyOn(requestModule, 'createRequest').mockImplementation(() => {
      throw new Error('setup bug');
    });
    const listener = jest.fn();
    expectGeneric500(await invoke(createHttpHandler(listener), get('v1')));
    expect(listener).not.toHaveBeenCalled();
    expect(loggedLines()).toEqual([expect.stringMatching(/request could not be set up.*setup bug/)]);
  });

  test('an unexpected error while reading the event → 500, one log line', async () => {
    jest.spyOn(eventModule, 'readEvent').mockImplementation(() => {
      throw new RangeError('reader bug');
    });
    expectGeneric500(await invoke(createHttpHandler(jest.fn()), get('v2')));
    expect(loggedLines()).toEqual([expect.stringMatching(/event could not be read.*reader bug/)]);
  });
});

describe('malformed events', () => {
  const handler = createHttpHandler((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ headers: req.headers, url: req.url }));
  });

  const v1 = get('v1') as unknown as Record<string, unknown>;
  const v2 = get('v2') as unknown as Record<string, unknown>;
  const albMulti = get('alb-multi') as unknown as Record<string, unknown>;

  const bad: Array<[string, unknown, string | undefined]> = [
    ['null', null, undefined],
    ['undefined', undefined, undefined],
    ['a number', 42, undefined],
    ['a string', 'GET /', undefined],
    ['an array', [v1], undefined],
    ['an empty object', {}, undefined],
    ['no requestContext', { ...v1, requestContext: undefined }, undefined],
    ['requestContext null', { ...v2, requestContext: null }, undefined],
    ['an SQS event', { Records: [{ eventSource: 'aws:sqs', body: '{}' }] }, undefined],
    ['v2 without requestContext.http', { ...v2, requestContext: { stage: '$default' } }, 'v2'],
    ['v1 without httpMethod', { ...v1, httpMethod: undefined, version: '2.0' }, 'v2'],
    ['v1 with a method that is not a token', { ...v1, httpMethod: 'GET /x' }, 'v1'],
    ['v1 without path', { ...v1, path: undefined }, 'v1'],
    ['a path that is not a path', { ...v1, path: 'users' }, 'v1'],
    ['invalid base64', { ...v2, body: 'not base64!!', isBase64Encoded: true }, 'v2'],
    ['truncated base64', { ...albMulti, body: 'QUJDR', isBase64Encoded: true }, 'alb-multi'],
    ['a body that is an object', { ...v1, body: { a: 1 } }, 'v1'],
    ['headers that are a string', { ...v2, headers: 'host: x' }, 'v2'],
    ['a header value that is an object', { ...v2, headers: { host: { x: 1 } } }, 'v2'],
    ['a header value with a line break', { ...v1, multiValueHeaders: { 'X-A': ['a\r\nInjected: 1'] } }, 'v1'],
    ['an invalid header name', { ...v1, multiValueHeaders: { 'Bad Name': ['x'] } }, 'v1'],
    ['cookies that are a string', { ...v2, cookies: 'a=1' }, 'v2'],
    ['rawQueryString that is a number', { ...v2, rawQueryString: 5 }, 'v2'],
    ['query parameters that are a string', { ...v1, multiValueQueryStringParameters: null, queryStringParameters: 'a=1' }, 'v1'],
  ];

  test.each(bad)('%s → 400, one log line, no crash', async (_label, event, kind) => {
    const result = await handler(event as never, lambdaContext());
    expect(result.statusCode).toBe(400);
    expect(result.body).toBe('Bad Request');
    const lines = loggedLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lambdashift: 400 bad event: /);
    if (kind === 'v2') expect(result).toHaveProperty('headers');
    if (kind === 'v1' || kind === 'alb-multi') expect(result).toHaveProperty('multiValueHeaders');
    if (kind === undefined) expect(Object.keys(result).sort()).toEqual(['body', 'headers', 'isBase64Encoded', 'statusCode']);
  });

  // The API Gateway console's test button sends events without headers.
  test.each([
    ['v1 with headers and multiValueHeaders null', { ...v1, headers: null, multiValueHeaders: null }],
    ['v2 with headers null', { ...v2, headers: null }],
    ['v2 without rawQueryString', { ...v2, rawQueryString: undefined }],
    ['v1 with a numeric header value', { ...v1, multiValueHeaders: { 'X-Count': [3] } }],
  ])('%s is accepted', async (_label, event) => {
    const result = await handler(event as never, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(errorLog).not.toHaveBeenCalled();
  });

  test('without a context the handler still answers', async () => {
    const result = await handler(get('v1') as never, undefined as never);
    expect(result.statusCode).toBe(200);
  });
});

describe('per-invocation state', () => {
  test('interleaved invocations keep their own req.apiGateway', async () => {
    const gates = new Map<string, () => void>();
    const app = express5();
    app.get('/:name', async (req, res) => {
      const before = req.apiGateway;
      await new Promise<void>((resolve) => gates.set(req.params.name as string, resolve));
      res.json({ name: req.params.name, requestId: req.apiGateway?.context.awsRequestId, path: (req.apiGateway?.event as { rawPath: string }).rawPath, same: before === req.apiGateway });
    });
    const handler = createExpressHandler(app);
    const a = handler(get('v2', '/a') as never, lambdaContext(30_000, 'id-a'));
    const b = handler(get('v2', '/b') as never, lambdaContext(30_000, 'id-b'));
    while (gates.size < 2) await new Promise((resolve) => setImmediate(resolve));
    gates.get('b')!();
    const resultB = await b;
    gates.get('a')!();
    const resultA = await a;
    expect(JSON.parse(resultA.body as string)).toEqual({ name: 'a', requestId: 'id-a', path: '/a', same: true });
    expect(JSON.parse(resultB.body as string)).toEqual({ name: 'b', requestId: 'id-b', path: '/b', same: true });
  });

  test('the bridge adds no error listeners; request and response close after the response, as on a real server', async () => {
    const seen: Record<string, unknown> = {};
    let request: IncomingMessage | undefined;
    const handler = createHttpHandler((req, res) => {
      request = req;
      seen.reqError = req.listenerCount('error');
      seen.resError = res.listenerCount('error');
      res.on('close', () => (seen.resClose = true));
      req.on('close', () => (seen.reqClose = true));
      res.end('ok');
    });
    await invoke(handler, get('v1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual({ reqError: 0, resError: 0, resClose: true, reqClose: true });
    expect(request?.listenerCount('error')).toBe(0);
  });
});
