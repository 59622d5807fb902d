/**
 * `serve` with hand-written handlers that echo their event: checks over real HTTP that the
 * events are built as API Gateway builds them, results are turned into responses the same way,
 * schedules run on demand and handlers reload when files change.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { FunctionTable } from '../../src/serve/function-table';
import { startServer, type RunningServer } from '../../src/serve/server';
import { writeProject } from '../helpers/tmp-project';

const ECHO = `exports.handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ event, functionName: context.functionName, remaining: context.getRemainingTimeInMillis() > 0 }),
});\n`;

const files: Record<string, string> = {
  'package.json': '{ "name": "echo", "version": "1.0.0" }\n',
  'lambda/http/echo.js': ECHO,
  'lambda/http/png.js': `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]).toString('base64'), isBase64Encoded: true });\n`,
  'lambda/http/cookies.js': `exports.handler = (event, context, callback) => callback(null, { statusCode: 201, cookies: ['a=1; Path=/', 'b=2; HttpOnly'], multiValueHeaders: { 'x-multi': ['1', '2'] }, headers: { 'x-one': 'yes' }, body: 'made' });\n`,
  'lambda/http/rest.js': `exports.handler = async () => ({ statusCode: 200, headers: { 'x-single': 's', 'set-cookie': 'ignored=1' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] }, body: 'ok' });\n`,
  'lambda/http/boom.js': `exports.handler = async () => { throw new Error('kaput'); };\n`,
  'lambda/http/bad.js': `exports.handler = async () => ({ statusCode: 'teapot' });\n`,
  'lambda/http/plain.js': `exports.handler = async () => ({ hello: 'world' });\n`,
  'lambda/http/typed.ts': `import type { APIGatewayProxyResultV2 } from 'aws-lambda';\nconst answer: number = 42;\nexport const handler = async (): Promise<APIGatewayProxyResultV2> => ({ statusCode: 200, body: String(answer) });\n`,
  'lambda/jobs/nightly.js': `let runs = 0;\nexports.handler = async (event) => ({ runs: ++runs, source: event.source, detailType: event['detail-type'] });\n`,
};

function tableFor(root: string): FunctionTable {
  const fn = (name: string, method: string, apiPath: string, ext = 'js') => ({ name, module: path.join(root, `lambda/http/${name}.${ext}`), exportName: 'handler', method, apiPath, path: apiPath });
  return {
    root,
    http: [
      fn('echo', 'ANY', '/echo/{proxy+}'),
      fn('echo', 'GET', '/items/{id}'),
      fn('png', 'GET', '/cover.png'),
      fn('cookies', 'POST', '/cookies'),
      fn('rest', 'GET', '/rest'),
      fn('boom', 'GET', '/boom'),
      fn('bad', 'GET', '/bad'),
      fn('plain', 'GET', '/plain'),
      fn('typed', 'GET', '/typed', 'ts'),
    ],
    schedules: [{ name: 'nightly', module: path.join(root, 'lambda/jobs/nightly.js'), exportName: 'handler', expressions: ['cron(0 3 * * ? *)'], timezone: 'Europe/Paris' }],
    missing: [],
  };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** Sends a request with exactly these header lines (repeats included). */
function raw(url: string, method: string, target: string, headers: Array<[string, string]>, body?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    // Header lists given as an array are sent as they are: a real client always sends Host.
    if (!headers.some(([n]) => n.toLowerCase() === 'host')) headers = [['Host', u.host], ...headers];
    const req = http.request({ host: u.hostname, port: u.port, method, path: target, headers: headers.flat() as unknown as http.OutgoingHttpHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const eventOf = (res: RawResponse) => (JSON.parse(res.body.toString()) as { event: Record<string, any> }).event;

describe('serve (HTTP API, payload 2.0)', () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = writeProject(files);
    server = await startServer({ root, port: 0, api: 'http', watch: true, handlerOutput: 'capture', loadTable: async (r) => tableFor(r) });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('listens on loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps rawPath and rawQueryString exactly as sent and decodes the parsed forms', async () => {
    const res = await raw(server.url, 'GET', '/echo/a%2Fb/c%20d?q=a+b%20c&q=%2B&empty=&flag', [['Host', 'api.example.test'], ['User-Agent', 'tester/1']]);
    const e = eventOf(res);
    expect(e.version).toBe('2.0');
    expect(e.rawPath).toBe('/echo/a%2Fb/c%20d');
    expect(e.rawQueryString).toBe('q=a+b%20c&q=%2B&empty=&flag');
    expect(e.queryStringParameters).toEqual({ q: 'a+b c,+', empty: '', flag: '' });
    expect(e.pathParameters).toEqual({ proxy: 'a/b/c d' });
    expect(e.routeKey).toBe('ANY /echo/{proxy+}');
    expect(e.requestContext).toMatchObject({
      domainName: 'api.example.test',
      domainPrefix: 'api',
      stage: '$default',
      routeKey: 'ANY /echo/{proxy+}',
      http: { method: 'GET', path: '/echo/a%2Fb/c%20d', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'tester/1' },
    });
    expect(e.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(Math.abs(e.requestContext.timeEpoch - Date.now())).toBeLessThan(60000);
    expect(typeof e.requestContext.requestId).toBe('string');
  });

  it('joins repeated headers with commas, lower-cases names, moves cookies to their array', async () => {
    const res = await raw(server.url, 'GET', '/items/7', [
      ['X-Tag', 'a'],
      ['X-Tag', 'b'],
      ['Cookie', 'one=1; two=2'],
      ['Cookie', 'three=3'],
      ['Accept', 'text/html'],
    ]);
    const e = eventOf(res);
    expect(e.headers['x-tag']).toBe('a,b');
    expect(e.headers.accept).toBe('text/html');
    expect(e.headers.cookie).toBeUndefined();
    expect(e.cookies).toEqual(['one=1', 'two=2', 'three=3']);
    expect(e.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(e.headers['x-forwarded-proto']).toBe('https');
    expect(e.pathParameters).toEqual({ id: '7' });
    expect(e.routeKey).toBe('GET /items/{id}');
  });

  it('omits absent fields instead of sending null', async () => {
    const e = eventOf(await raw(server.url, 'GET', '/items/1', []));
    for (const field of ['cookies', 'queryStringParameters', 'body', 'stageVariables']) expect(e).not.toHaveProperty(field);
    expect(e.rawQueryString).toBe('');
    expect(e.isBase64Encoded).toBe(false);
  });

  it('passes text bodies as text and binary or form bodies as base64', async () => {
    const json = eventOf(await raw(server.url, 'POST', '/echo/x', [['Content-Type', 'application/json']], Buffer.from('{"ü":1}')));
    expect(json).toMatchObject({ body: '{"ü":1}', isBase64Encoded: false });
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe]);
    const bin = eventOf(await raw(server.url, 'PUT', '/echo/x', [['Content-Type', 'application/octet-stream']], bytes));
    expect(bin).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    const form = eventOf(await raw(server.url, 'POST', '/echo/x', [['Content-Type', 'application/x-www-form-urlencoded']], Buffer.from('a=1&b=2')));
    expect(form).toMatchObject({ body: Buffer.from('a=1&b=2').toString('base64'), isBase64Encoded: true });
  });

  it('gives handlers a Lambda context', async () => {
    const body = JSON.parse((await raw(server.url, 'GET', '/items/1', [])).body.toString());
    expect(body).toMatchObject({ functionName: 'echo', remaining: true });
  });

  it('decodes base64 responses, writes cookies as separate set-cookie lines', async () => {
    const png = await raw(server.url, 'GET', '/cover.png', []);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.body]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const res = await raw(server.url, 'POST', '/cookies', []);
    expect(res.status).toBe(201);
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(res.headers['x-one']).toBe('yes');
    // multiValueHeaders are a payload 1.0 field: HTTP APIs ignore them.
    expect(res.headers['x-multi']).toBeUndefined();
    expect(res.body.toString()).toBe('made');
    expect(res.headers['apigw-requestid']).toBeDefined();
  });

  it('answers like API Gateway when there is no route, the handler throws, or its result is malformed', async () => {
    const none = await raw(server.url, 'GET', '/nothing', []);
    expect([none.status, JSON.parse(none.body.toString())]).toEqual([404, { message: 'Not Found' }]);
    const wrongMethod = await raw(server.url, 'DELETE', '/items/1', []);
    expect(wrongMethod.status).toBe(404);
    const boom = await raw(server.url, 'GET', '/boom', []);
    expect([boom.status, JSON.parse(boom.body.toString())]).toEqual([500, { message: 'Internal Server Error' }]);
    expect(boom.body.toString()).not.toContain('kaput');
    const bad = await raw(server.url, 'GET', '/bad', []);
    expect(bad.status).toBe(500);
  });

  it('sends a result without statusCode as a 200 JSON body', async () => {
    const res = await raw(server.url, 'GET', '/plain', []);
    expect([res.status, res.headers['content-type'], JSON.parse(res.body.toString())]).toEqual([200, 'application/json', { hello: 'world' }]);
  });

  it('loads TypeScript handlers', async () => {
    expect((await raw(server.url, 'GET', '/typed', [])).body.toString()).toBe('42');
  });

  it('runs scheduled functions on demand with an EventBridge Scheduler event', async () => {
    const first = JSON.parse((await raw(server.url, 'POST', '/__schedule/nightly', [])).body.toString());
    expect(first).toEqual({ name: 'nightly', result: { runs: 1, source: 'aws.scheduler', detailType: 'Scheduled Event' } });
    const second = JSON.parse((await raw(server.url, 'POST', '/__schedule/nightly', [])).body.toString());
    expect(second.result.runs).toBe(2);
    const unknown = await raw(server.url, 'POST', '/__schedule/nope', []);
    expect(unknown.status).toBe(404);
  });

  it('reloads handlers when a file changes', async () => {
    const before = server.reloads();
    fs.writeFileSync(path.join(root, 'lambda/http/plain.js'), `exports.handler = async () => ({ hello: 'again' });\n`);
    const deadline = Date.now() + 10000;
    while (server.reloads() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server.reloads()).toBeGreaterThan(before);
    expect(JSON.parse((await raw(server.url, 'GET', '/plain', [])).body.toString())).toEqual({ hello: 'again' });
    // A reload starts fresh module state.
    expect(JSON.parse((await raw(server.url, 'POST', '/__schedule/nightly', [])).body.toString()).result.runs).toBe(1);
  });
});

describe('serve --api rest (payload 1.0)', () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = writeProject(files);
    server = await startServer({ root, port: 0, api: 'rest', watch: false, handlerOutput: 'capture', loadTable: async (r) => tableFor(r) });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('builds REST events: decoded path and query, multi-value maps, nulls for absent fields', async () => {
    const e = eventOf(await raw(server.url, 'GET', '/echo/a%20b?q=a+b%20c&q=%2B', [['X-Tag', 'a'], ['X-Tag', 'b'], ['Cookie', 'one=1']]));
    expect(e.resource).toBe('/echo/{proxy+}');
    expect(e.path).toBe('/echo/a b');
    expect(e.httpMethod).toBe('GET');
    expect(e.headers['X-Tag']).toBe('b');
    expect(e.multiValueHeaders['X-Tag']).toEqual(['a', 'b']);
    expect(e.headers.Cookie).toBe('one=1');
    expect(e.queryStringParameters).toEqual({ q: '+' });
    expect(e.multiValueQueryStringParameters).toEqual({ q: ['a+b c', '+'] });
    expect(e.pathParameters).toEqual({ proxy: 'a b' });
    expect(e.requestContext).toMatchObject({ resourcePath: '/echo/{proxy+}', stage: 'local', path: '/local/echo/a b', identity: { sourceIp: '127.0.0.1' } });
    const bare = eventOf(await raw(server.url, 'GET', '/items/1', []));
    expect(bare).toMatchObject({ queryStringParameters: null, multiValueQueryStringParameters: null, body: null, stageVariables: null });
  });

  it('merges headers and multiValueHeaders, multi-value winning', async () => {
    const res = await raw(server.url, 'GET', '/rest', []);
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['x-single']).toBe('s');
  });

  it('answers 403 Missing Authentication Token without a route, 502 on errors', async () => {
    const none = await raw(server.url, 'GET', '/nothing', []);
    expect([none.status, JSON.parse(none.body.toString())]).toEqual([403, { message: 'Missing Authentication Token' }]);
    expect((await raw(server.url, 'GET', '/boom', [])).status).toBe(502);
    expect((await raw(server.url, 'GET', '/plain', [])).status).toBe(502);
  });
});

describe('serve --api rest with the whole-app catch-all (ANY /, ANY /{proxy+}, ANY beside each split path)', () => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = writeProject(files);
    const fn = (name: string, method: string, apiPath: string) => ({ name, module: path.join(root, `lambda/http/${name}.js`), exportName: 'handler', method, apiPath, path: apiPath });
    const table: FunctionTable = { root, http: [fn('plain', 'GET', '/items/{id}'), fn('rest', 'POST', '/items/new'), fn('echo', 'ANY', '$default')], schedules: [], missing: [] };
    server = await startServer({ root, port: 0, api: 'rest', watch: false, handlerOutput: 'capture', loadTable: async () => table });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('gives the catch-all a method the most specific resource lacks, as that resource, never its variable sibling', async () => {
    const beside = eventOf(await raw(server.url, 'GET', '/items/new', []));
    expect(beside).toMatchObject({ resource: '/items/new', pathParameters: null, requestContext: { resourcePath: '/items/new' } });
    const param = eventOf(await raw(server.url, 'DELETE', '/items/7', []));
    expect(param).toMatchObject({ resource: '/items/{id}', pathParameters: { id: '7' } });
  });

  it('gives it every other path as ANY /{proxy+}, and the root as ANY /', async () => {
    expect(eventOf(await raw(server.url, 'GET', '/items', []))).toMatchObject({ resource: '/{proxy+}', pathParameters: { proxy: 'items' } });
    expect(eventOf(await raw(server.url, 'PUT', '/a/b%20c', []))).toMatchObject({ resource: '/{proxy+}', pathParameters: { proxy: 'a/b c' } });
    expect(eventOf(await raw(server.url, 'PATCH', '/', []))).toMatchObject({ resource: '/', pathParameters: null });
  });
});
