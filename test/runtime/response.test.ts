/**
 * Responses: the Lambda result of every source must give the client what a real server's
 * HTTP response gives (status, headers, body bytes), with several Set-Cookie headers,
 * binary bodies, chunked writes, HEAD, interim responses and `writeHead` headers.
 */
import { once } from 'events';
import { createReadStream, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { gzipSync } from 'zlib';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';
import { createHttpHandler, type LambdaHttpResult } from '../../src/runtime';
import { SOURCES, toEvent, type SourceName } from './helpers/events';
import { handlerFor, invoke, resultBody, resultHeaders } from './helpers/lambda';
import { sendReal, type RealResponse } from './helpers/real';
import { Koa2, type Listener } from './helpers/apps';

/** Every byte value, starting with the PNG signature: not valid UTF-8. */
const IMAGE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const GZIPPED = gzipSync(Buffer.from(JSON.stringify({ compressed: true, text: 'x'.repeat(200) })));

type AnyExpress = typeof express5;

function expressResponses(express: AnyExpress) {
  const app = express();
  app.get('/cookies', (_req, res) => {
    res.cookie('session', 'abc', { httpOnly: true });
    res.cookie('theme', 'dark');
    res.cookie('lang', 'en');
    res.append('X-Multi', ['a', 'b']);
    res.json({ ok: true });
  });
  app.get('/image.png', (_req, res) => {
    res.type('png').send(IMAGE);
  });
  app.get('/logo.svg', (_req, res) => {
    res.type('image/svg+xml').send('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  app.get('/latin1', (_req, res) => {
    res.type('text/plain; charset=iso-8859-1').send(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  });
  app.get('/gzip', (_req, res) => {
    res.set({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).send(GZIPPED);
  });
  app.get('/chunked', (_req, res) => {
    res.type('text/plain');
    res.write('first ');
    setImmediate(() => {
      res.write(Buffer.from('second '));
      setTimeout(() => {
        res.write('third, ünïcödé ');
        res.end('end');
      }, 5);
    });
  });
  app.get('/write-head', (_req, res) => {
    res.writeHead(201, 'Made', { 'X-Made': 'yes', 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': 'text/plain' });
    res.end('made');
  });
  app.get('/continue', (_req, res) => {
    res.writeContinue();
    res.type('text/plain').send('after 100');
  });
  app.get('/flushed', (_req, res) => {
    res.type('text/plain');
    res.flushHeaders();
    setImmediate(() => res.end('after flushHeaders'));
  });
  app.get('/no-content', (_req, res) => {
    res.status(204).end();
  });
  app.get('/redirect', (_req, res) => {
    res.redirect(302, '/elsewhere?x=1');
  });
  return app;
}

function koaResponses(Koa: typeof Koa3) {
  const app = new Koa();
  app.use(async (ctx) => {
    switch (ctx.path) {
      case '/cookies':
        ctx.cookies.set('session', 'abc');
        ctx.cookies.set('theme', 'dark', { httpOnly: false });
        ctx.cookies.set('lang', 'en');
        ctx.append('X-Multi', ['a', 'b']);
        ctx.body = { ok: true };
        return;
      case '/image.png':
        ctx.type = 'png';
        ctx.body = IMAGE;
        return;
      case '/chunked':
        ctx.type = 'text/plain';
        ctx.body = Readable.from(['first ', 'second ', 'third, ünïcödé ', 'end'].map((s) => Buffer.from(s)));
        return;
      case '/no-content':
        ctx.status = 204;
        return;
      default:
        ctx.throw(404);
    }
  });
  return app;
}

const APPS: Record<string, { listener: Listener; handler: ReturnType<typeof handlerFor>; paths: string[] }> = {};
for (const [name, app] of [
  ['express4', expressResponses(express4 as unknown as AnyExpress)],
  ['express5', expressResponses(express5)],
] as const) {
  APPS[name] = {
    listener: app as unknown as Listener,
    handler: handlerFor(app),
    paths: ['/cookies', '/image.png', '/logo.svg', '/latin1', '/gzip', '/chunked', '/write-head', '/continue', '/flushed', '/no-content', '/redirect'],
  };
}
for (const [name, app] of [
  ['koa2', koaResponses(Koa2)],
  ['koa3', koaResponses(Koa3)],
] as const) {
  APPS[name] = { listener: app.callback(), handler: handlerFor(app), paths: ['/cookies', '/image.png', '/chunked', '/no-content'] };
}

// Connection-level headers and Date belong to the front end, not the function.
const NOT_COMPARED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function realHeaders(res: RealResponse): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!NOT_COMPARED.has(name)) out[name] = Array.isArray(value) ? value : [value];
  }
  return out;
}

/** Lambda headers as a Node client would present them: repeated non-cookie headers joined. */
function lambdaHeaders(result: LambdaHttpResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(resultHeaders(result))) out[name] = name === 'set-cookie' ? values : [values.join(', ')];
  return out;
}

function request(method: string, path: string) {
  return { method, target: path, rawHeaders: ['Host', 'api.example.com', 'Accept', '*/*'], sourceIp: '127.0.0.1' };
}

describe.each(Object.keys(APPS))('%s', (name) => {
  const { listener, handler, paths } = APPS[name];

  describe.each(SOURCES)('%s', (source: SourceName) => {
    test.each(paths)('GET %s matches the real response', async (path) => {
      const real = await sendReal(listener, { method: 'GET', target: path, headers: [['Host', 'api.example.com'], ['Accept', '*/*']] });
      const result = await invoke(handler, toEvent(source, request('GET', path)));
      expect(result.statusCode).toBe(real.status);
      expect(lambdaHeaders(result)).toEqual(realHeaders(real));
      // supertest inflates gzip bodies; the bytes on the wire were GZIPPED.
      expect(resultBody(result).equals(path === '/gzip' ? GZIPPED : real.body)).toBe(true);
      expect(JSON.stringify(result)).not.toMatch(/transfer-encoding/i);
    });

    test('HEAD matches the real response and has no body', async () => {
      const path = name.startsWith('koa') ? '/cookies' : '/image.png';
      const real = await sendReal(listener, { method: 'HEAD', target: path, headers: [['Host', 'api.example.com'], ['Accept', '*/*']] });
      const result = await invoke(handler, toEvent(source, request('HEAD', path)));
      expect(result.statusCode).toBe(200);
      expect(lambdaHeaders(result)).toEqual(realHeaders(real));
      expect(result.body).toBe('');
      expect(result.isBase64Encoded).toBe(false);
    });
  });

  test.each(SOURCES)('%s: several Set-Cookie headers, each its own', async (source) => {
    const result = await invoke(handler, toEvent(source, request('GET', '/cookies')));
    const cookies = resultHeaders(result)['set-cookie'];
    expect(cookies).toHaveLength(3);
    expect(cookies.map((c) => c.split(';')[0])).toEqual(['session=abc', 'theme=dark', 'lang=en']);
    const r = result as Record<string, unknown>;
    switch (source) {
      case 'v2':
      case 'url':
        expect(r.cookies).toEqual(cookies);
        expect(r.headers).not.toHaveProperty('set-cookie');
        expect((r.headers as Record<string, string>)['x-multi']).toBe('a, b');
        break;
      case 'v1':
      case 'alb-multi':
        expect((r.multiValueHeaders as Record<string, string[]>)['set-cookie']).toEqual(cookies);
        expect((r.multiValueHeaders as Record<string, string[]>)['x-multi']).toEqual(['a', 'b']);
        expect(r).not.toHaveProperty('headers');
        break;
      case 'alb': {
        const headers = r.headers as Record<string, string>;
        expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'set-cookie')).toEqual(['set-cookie', 'Set-cookie', 'sEt-cookie']);
        expect([headers['set-cookie'], headers['Set-cookie'], headers['sEt-cookie']]).toEqual(cookies);
        expect(headers['x-multi']).toBe('a, b');
        expect(r).not.toHaveProperty('multiValueHeaders');
        break;
      }
    }
  });

  test.each(SOURCES)('%s: binary image returned base64, bytes equal', async (source) => {
    const result = await invoke(handler, toEvent(source, request('GET', '/image.png')));
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body as string, 'base64').equals(IMAGE)).toBe(true);
  });
});

describe('binary decisions', () => {
  const handler = APPS.express5.handler;
  const cases: Array<[string, boolean]> = [
    ['/image.png', true],
    ['/gzip', true],
    ['/latin1', true], // not UTF-8: as text it would be corrupted
    ['/logo.svg', false],
    ['/cookies', false],
    ['/chunked', false],
  ];
  test.each(cases)('%s → base64 %p', async (path, binary) => {
    const result = await invoke(handler, toEvent('v1', request('GET', path)));
    expect(result.isBase64Encoded).toBe(binary);
  });

  test('a pattern list replaces the defaults; content-encoding still counts', async () => {
    const app = expressResponses(express5);
    const handler = createHttpHandler(app as unknown as Listener, { binary: ['image/svg+*', 'application/vnd.*'] });
    const svg = await invoke(handler, toEvent('v2', request('GET', '/logo.svg')));
    expect(svg.isBase64Encoded).toBe(true);
    expect(Buffer.from(svg.body as string, 'base64').toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const png = await invoke(handler, toEvent('v2', request('GET', '/image.png')));
    expect(png.isBase64Encoded).toBe(true); // not UTF-8, whatever the list says
    const gzip = await invoke(handler, toEvent('v2', request('GET', '/gzip')));
    expect(gzip.isBase64Encoded).toBe(true);
    const json = await invoke(handler, toEvent('v2', request('GET', '/cookies')));
    expect(json.isBase64Encoded).toBe(false);
  });

  test('a predicate sees lower-case, joined headers and decides alone', async () => {
    const seen: Array<Record<string, string>> = [];
    const app = expressResponses(express5);
    const handler = createHttpHandler(app as unknown as Listener, {
      binary: (headers) => {
        seen.push({ ...headers });
        return headers['x-multi'] === 'a, b';
      },
    });
    const cookies = await invoke(handler, toEvent('alb', request('GET', '/cookies')));
    expect(cookies.isBase64Encoded).toBe(true);
    expect(JSON.parse(Buffer.from(cookies.body as string, 'base64').toString())).toEqual({ ok: true });
    const gzip = await invoke(handler, toEvent('alb', request('GET', '/gzip')));
    expect(gzip.isBase64Encoded).toBe(true); // gzip bytes are not UTF-8
    expect(seen[0]['content-type']).toBe('application/json; charset=utf-8');
  });

  test('an empty body is never base64', async () => {
    const result = await invoke(handler, toEvent('v1', request('GET', '/no-content')));
    expect(result).toMatchObject({ statusCode: 204, body: '', isBase64Encoded: false });
  });
});

describe('large streamed responses (backpressure)', () => {
  const FILE = join(mkdtempSync(join(tmpdir(), 'lambdashift-')), 'big.bin');
  const BIG = Buffer.from(Array.from({ length: 2 * 1024 * 1024 + 13 }, (_, i) => (i * 31) % 256));
  writeFileSync(FILE, BIG);

  test.each(['express4', 'express5'] as const)('%s res.sendFile streams the whole file, as over HTTP', async (name) => {
    const app = (name === 'express4' ? (express4 as unknown as AnyExpress) : express5)();
    app.get('/file', (_req, res) => res.sendFile(FILE));
    const real = await sendReal(app as unknown as Listener, { method: 'GET', target: '/file' });
    const result = await invoke(handlerFor(app), toEvent('v1', request('GET', '/file')));
    expect(result.isBase64Encoded).toBe(true);
    expect(resultBody(result).equals(BIG)).toBe(true);
    expect(real.body.equals(BIG)).toBe(true);
    const ranged = await invoke(handlerFor(app), toEvent('alb', { ...request('GET', '/file'), rawHeaders: ['host', 'x', 'range', 'bytes=2-5'] }));
    expect(ranged.statusCode).toBe(206);
    expect(resultBody(ranged).equals(BIG.subarray(2, 6))).toBe(true);
  });

  test('koa streams a file body', async () => {
    const app = new Koa3();
    app.use((ctx) => {
      ctx.type = 'application/octet-stream';
      ctx.body = createReadStream(FILE);
    });
    const result = await invoke(handlerFor(app), toEvent('v2', request('GET', '/')));
    expect(resultBody(result).equals(BIG)).toBe(true);
  });

  test('a writer that waits for drain whenever write() says so', async () => {
    const handler = createHttpHandler(async (_req, res) => {
      res.setHeader('content-type', 'application/octet-stream');
      for (let i = 0; i < BIG.length; i += 65536) {
        if (!res.write(BIG.subarray(i, i + 65536))) await once(res, 'drain');
      }
      res.end();
    });
    const result = await invoke(handler, toEvent('v2', request('GET', '/')));
    expect(resultBody(result).equals(BIG)).toBe(true);
  });
});

describe('status lines', () => {
  test.each(['alb', 'alb-multi'] as const)('%s carries the status message in statusDescription', async (source) => {
    const result = await invoke(APPS.express5.handler, toEvent(source, request('GET', '/write-head')));
    expect(result).toMatchObject({ statusCode: 201, statusDescription: '201 Made' });
  });

  test.each(['v1', 'v2'] as const)('%s has no statusDescription', async (source) => {
    const result = await invoke(APPS.express5.handler, toEvent(source, request('GET', '/write-head')));
    expect(result.statusCode).toBe(201);
    expect(result).not.toHaveProperty('statusDescription');
  });
});

describe('ALB single-value mode', () => {
  test('up to 512 cookies survive, each under its own case variant', async () => {
    const handler = createHttpHandler((_req, res) => {
      res.setHeader('Set-Cookie', Array.from({ length: 20 }, (_, i) => `c${i}=${i}`));
      res.end();
    });
    const result = await invoke(handler, toEvent('alb', request('GET', '/')));
    const headers = (result as { headers: Record<string, string> }).headers;
    const names = Object.keys(headers).filter((k) => k.toLowerCase() === 'set-cookie');
    expect(names).toHaveLength(20);
    expect(new Set(names).size).toBe(20);
    expect(names.map((n) => headers[n])).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}=${i}`));
  });
});
