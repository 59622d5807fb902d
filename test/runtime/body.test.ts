/**
 * Request bodies: base64-encoded bodies (JSON and binary), and Content-Length made to describe
 * the body the app actually receives.
 */
import express from 'express';
import { createHttpHandler } from '../../src/runtime';
import { SOURCES, toEvent } from './helpers/events';
import { echoApp, FRAMEWORKS } from './helpers/apps';
import { handlerFor, invoke, resultJson } from './helpers/lambda';

const BINARY = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));

function post(body: Buffer, contentType: string, base64: boolean, extraHeaders: string[] = []) {
  return {
    method: 'POST',
    target: '/api/upload',
    rawHeaders: ['Host', 'api.example.com', 'Content-Type', contentType, ...extraHeaders],
    body,
    base64,
    sourceIp: '198.51.100.1',
  };
}

describe.each(FRAMEWORKS)('%s', (framework) => {
  const handler = handlerFor(echoApp(framework));

  test.each(SOURCES)('%s: base64 binary body arrives byte for byte', async (source) => {
    const echo = resultJson(await invoke(handler, toEvent(source, post(BINARY, 'application/octet-stream', true))));
    expect(Buffer.from(echo.body as string, 'base64').equals(BINARY)).toBe(true);
    expect((echo.headers as Record<string, string>)['content-length']).toBe(String(BINARY.length));
  });

  test.each(SOURCES)('%s: base64 JSON body arrives decoded', async (source) => {
    const json = Buffer.from(JSON.stringify({ city: 'Zürich', n: 1 }));
    const echo = resultJson(await invoke(handler, toEvent(source, post(json, 'application/json', true))));
    expect(Buffer.from(echo.body as string, 'base64').toString('utf8')).toBe('{"city":"Zürich","n":1}');
  });
});

describe('parsed by express.json()', () => {
  const app = express();
  app.use(express.json());
  app.post('/items', (req, res) => {
    res.json({ body: req.body, length: req.headers['content-length'] });
  });
  const handler = createHttpHandler(app);
  const text = JSON.stringify({ name: 'café ✓' });

  test.each([true, false])('base64 %p, no Content-Length in the event: the length of the decoded body is added', async (base64) => {
    const event = toEvent('v1', { ...post(Buffer.from(text), 'application/json', base64), target: '/items' });
    const result = resultJson(await invoke(handler, event));
    expect(result).toEqual({ body: { name: 'café ✓' }, length: String(Buffer.byteLength(text)) });
  });

  test('a Content-Length that does not match the decoded body is corrected', async () => {
    const event = toEvent('v2', { ...post(Buffer.from(text), 'application/json', true, ['Content-Length', '999']), target: '/items' });
    const result = resultJson(await invoke(handler, event));
    expect(result).toEqual({ body: { name: 'café ✓' }, length: String(Buffer.byteLength(text)) });
  });
});

describe('framing headers', () => {
  const seen = createHttpHandler((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks).toString() }));
    });
  });

  async function echo(rawHeaders: string[], body?: string, method = 'POST') {
    const event = toEvent('alb-multi', { method, target: '/', rawHeaders: ['host', 'x', ...rawHeaders], body: body === undefined ? undefined : Buffer.from(body) });
    return resultJson(await invoke(seen, event)) as { rawHeaders: string[]; headers: Record<string, string>; body: string };
  }

  test('no body, no Content-Length: none is added', async () => {
    const result = await echo([], undefined, 'GET');
    expect(result.headers).not.toHaveProperty('content-length');
    expect(result.rawHeaders).toEqual(['host', 'x']);
  });

  test('a chunked request keeps Transfer-Encoding and gets no Content-Length', async () => {
    const result = await echo(['transfer-encoding', 'chunked', 'content-length', '3'], 'hello');
    expect(result.headers['transfer-encoding']).toBe('chunked');
    expect(result.headers).not.toHaveProperty('content-length');
    expect(result.body).toBe('hello');
  });

  test('duplicate Content-Length lines become one, with the real length', async () => {
    const result = await echo(['content-length', '1', 'content-length', '2'], 'hello');
    expect(result.rawHeaders.filter((h) => h.toLowerCase() === 'content-length')).toHaveLength(1);
    expect(result.headers['content-length']).toBe('5');
  });

  test('an existing Content-Length keeps its position and casing', async () => {
    const event = toEvent('v1', { method: 'POST', target: '/', rawHeaders: ['Content-Length', '1', 'Host', 'x'], body: Buffer.from('hello') });
    const result = resultJson(await invoke(seen, event)) as { rawHeaders: string[] };
    expect(result.rawHeaders).toEqual(['Content-Length', '5', 'Host', 'x']);
  });
});
