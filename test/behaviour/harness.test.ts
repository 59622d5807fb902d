/**
 * Tests of the behaviour harness itself: the events it builds have the shape of AWS's samples
 * and carry the request faithfully, its router picks what API Gateway picks, and its
 * comparison sees the differences that matter. A harness that built wrong events or compared
 * loosely would let the behaviour tests pass for the wrong reasons.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { ReplayRequest } from '../examples/replay';
import {
  buildEvent,
  CLIENT_IP,
  compareResponses,
  linkNodeModules,
  makeTempDir,
  matchRoute,
  serverlessApi,
  removeTempDirs,
  restApiProblems,
  resultToResponse,
  serverlessRoutes,
  type Recorded,
} from './harness';

afterAll(removeTempDirs);

function fn(method: string, routePath: string, apiPath: string, name = `${method.toLowerCase()}${apiPath}`): HttpFunctionEntry {
  return { kind: 'http', name, method, path: routePath, apiPath, module: `lambda/http/${name}.js`, export: 'handler', source: 'app.js:1:1' };
}

const FUNCTIONS = [
  fn('GET', '/books', '/books'),
  fn('GET', '/books/:id', '/books/{id}'),
  fn('GET', '/books/new', '/books/new'),
  fn('POST', '/books/new', '/books/new'),
  fn('ALL', '/ping', '/ping'),
  fn('GET', '/files/*splat', '/files/{splat+}'),
  fn('GET', '/files/readme', '/files/readme'),
];

function req(method: string, target: string, headers: Record<string, string> = {}, body?: unknown): ReplayRequest {
  return { name: 't', route: null, method, path: target, headers, body, expect: { status: 200 } };
}

describe('matchRoute', () => {
  const route = (method: string, p: string, options?: { headViaGet?: boolean }) => {
    const m = matchRoute(FUNCTIONS, method, p, options);
    return m && { to: `${m.fn.method} ${m.fn.apiPath}`, params: m.pathParameters };
  };

  it('prefers static segments over parameters over greedy ones', () => {
    expect(route('GET', '/books/new')).toEqual({ to: 'GET /books/new', params: {} });
    expect(route('GET', '/books/7')).toEqual({ to: 'GET /books/{id}', params: { id: '7' } });
    expect(route('GET', '/files/readme')).toEqual({ to: 'GET /files/readme', params: {} });
    expect(route('GET', '/files/a/b%20c.md')).toEqual({ to: 'GET /files/{splat+}', params: { splat: 'a/b c.md' } });
  });

  it('gets no function (the gateway answers) when no route takes the path and method and there is no fallback', () => {
    expect(route('DELETE', '/books/new')).toBeNull();
    expect(route('PUT', '/books')).toBeNull();
    expect(route('GET', '/files')).toBeNull();
    expect(route('GET', '/nope')).toBeNull();
  });

  it('sends any method to ANY, and HEAD to GET only when asked to', () => {
    expect(route('PATCH', '/ping')?.to).toBe('ALL /ping');
    expect(route('HEAD', '/books')?.to).toBe('GET /books');
    expect(route('HEAD', '/books', { headViaGet: false })).toBeNull();
  });

  it('routes v2 (HTTP API) and v1 (REST, catch-all beside each path) as each API does', () => {
    const withFallback = [...FUNCTIONS, fn('GET', '/{tenant}/a/b', '/{tenant}/a/b'), { ...fn('ANY', '*', '$default'), fallback: true as const }];
    const to = (api: 'http' | 'rest', method: string, p: string) => {
      const m = matchRoute(withFallback, method, p, { api });
      return m && `${m.fn.method} ${m.fn.apiPath}${m.besidePath ? ` beside ${m.besidePath}` : ''}`;
    };
    // HTTP API: a full match before a greedy one; a method the literal lacks goes to its {param} sibling.
    expect(to('http', 'GET', '/files/a/b')).toBe('GET /{tenant}/a/b');
    expect(to('rest', 'GET', '/files/a/b')).toBe('GET /files/{splat+}');
    expect(to('http', 'PUT', '/books/new')).toBe('ANY $default');
    expect(to('rest', 'PUT', '/books/new')).toBe('ANY $default beside /books/new');
    expect(to('rest', 'DELETE', '/books/7')).toBe('ANY $default beside /books/{id}');
    expect(to('rest', 'GET', '/nope')).toBe('ANY $default');
    expect(to('rest', 'HEAD', '/books/7')).toBe('GET /books/{id}');
    const beside = buildEvent('v1', req('PUT', '/books/new'), matchRoute(withFallback, 'PUT', '/books/new', { api: 'rest' })!) as Record<string, any>;
    expect([beside.resource, beside.requestContext.resourcePath, beside.pathParameters]).toEqual(['/books/new', '/books/new', null]);
  });
});

describe('restApiProblems', () => {
  it('refuses sibling variables with different names and duplicate methods', () => {
    expect(restApiProblems(FUNCTIONS)).toEqual([]);
    const problems = restApiProblems([fn('GET', '/u/:id', '/u/{id}'), fn('GET', '/u/:userId/o', '/u/{userId}/o'), fn('GET', '/x', '/x', 'a'), fn('GET', '/x', '/x', 'b')]);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/\/u has 2 sibling variable path parts/);
    expect(problems.join('\n')).toMatch(/GET \/x is served by both a and b/);
  });
});

describe('serverlessRoutes', () => {
  it('reads httpApi and http events, ANY as ALL', () => {
    const yml = [
      'functions:',
      '  getBooks:',
      '    handler: lambda/http/getBooks.handler',
      '    events:',
      '      - httpApi: { method: GET, path: /books }',
      '      - httpApi: { method: HEAD, path: /books }',
      '  allPing:',
      '    handler: lambda/http/allPing.handler',
      '    events:',
      '      - http: { method: any, path: ping }',
      '      - schedule: rate(1 hour)',
    ].join('\n');
    const routes = serverlessRoutes(yml);
    expect(routes.map((r) => `${r.name} ${r.method} ${r.apiPath} ${r.module}#${r.export}`)).toEqual([
      'getBooks GET /books lambda/http/getBooks#handler',
      'getBooks HEAD /books lambda/http/getBooks#handler',
      'allPing ALL /ping lambda/http/allPing#handler',
    ]);
    expect(matchRoute(routes, 'HEAD', '/books', { headViaGet: false })?.fn.method).toBe('HEAD');
    expect(serverlessApi(yml)).toBe('http');
    expect(serverlessApi(['functions:', '  a:', '    handler: h.handler', '    events:', '      - http: { method: get, path: a }'].join('\n'))).toBe('rest');
  });
});

describe('buildEvent', () => {
  const match = matchRoute(FUNCTIONS, 'GET', '/books/7')!;
  const search = req('GET', '/books/7?q=the+left%20hand&q=%2B&tag[0]=x', { cookie: 'a=1; b=2', 'x-forwarded-for': '203.0.113.7' });

  it('v1: the shape of the REST sample, decoded query values, multi-value fields', () => {
    const e = buildEvent('v1', search, match) as Record<string, any>;
    // Top-level and requestContext keys of test/fixtures/aws-events/apigw-request.json.
    for (const key of ['resource', 'path', 'httpMethod', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'stageVariables', 'requestContext', 'body']) {
      expect(e).toHaveProperty([key]);
    }
    for (const key of ['accountId', 'resourceId', 'path', 'stage', 'domainName', 'domainPrefix', 'requestId', 'extendedRequestId', 'protocol', 'identity', 'resourcePath', 'httpMethod', 'requestTime', 'requestTimeEpoch', 'apiId']) {
      expect(e.requestContext).toHaveProperty([key]);
    }
    expect(e.resource).toBe('/books/{id}');
    expect(e.path).toBe('/books/7');
    expect(e.pathParameters).toEqual({ id: '7' });
    expect(e.multiValueQueryStringParameters).toEqual({ q: ['the left hand', '+'], 'tag[0]': ['x'] });
    expect(e.queryStringParameters).toEqual({ q: '+', 'tag[0]': 'x' });
    expect(e.headers.cookie).toBe('a=1; b=2');
    expect(e.multiValueHeaders['X-Forwarded-For']).toEqual([`203.0.113.7, ${CLIENT_IP}`]);
    expect(e.requestContext.identity.sourceIp).toBe(CLIENT_IP);
    expect(e.body).toBeNull();
  });

  it('v2: the shape of the HTTP API sample, raw path and query, cookies split out', () => {
    const e = buildEvent('v2', search, match) as Record<string, any>;
    expect(Object.keys(e)).toEqual(['version', 'routeKey', 'rawPath', 'rawQueryString', 'cookies', 'headers', 'queryStringParameters', 'pathParameters', 'requestContext', 'isBase64Encoded']);
    expect(e.routeKey).toBe('GET /books/{id}');
    expect(e.rawQueryString).toBe('q=the+left%20hand&q=%2B&tag[0]=x');
    expect(e.queryStringParameters).toEqual({ q: 'the left hand,+', 'tag[0]': 'x' });
    expect(e.cookies).toEqual(['a=1', 'b=2']);
    expect(e.headers.cookie).toBeUndefined();
    expect(Object.keys(e.headers).every((k) => k === k.toLowerCase())).toBe(true);
    expect(e.requestContext.http).toEqual({ method: 'GET', path: '/books/7', protocol: 'HTTP/1.1', sourceIp: CLIENT_IP, userAgent: '' });
  });

  it('alb: values as sent; multi-value mode only for repeated keys', () => {
    const multi = buildEvent('alb', search, match) as Record<string, any>;
    expect(multi.multiValueQueryStringParameters).toEqual({ q: ['the+left%20hand', '%2B'], 'tag[0]': ['x'] });
    expect(multi.headers).toBeUndefined();
    expect(multi.multiValueHeaders.cookie).toEqual(['a=1; b=2']);
    const single = buildEvent('alb', req('GET', '/books/7?q=a%20b'), match) as Record<string, any>;
    expect(Object.keys(single)).toEqual(['requestContext', 'httpMethod', 'path', 'queryStringParameters', 'headers', 'body', 'isBase64Encoded']);
    expect(single.queryStringParameters).toEqual({ q: 'a%20b' });
    expect(single.body).toBe('');
  });

  it('bodies: JSON as text everywhere; form posts base64 on v2 and ALB, with content-length', () => {
    const post = matchRoute(FUNCTIONS, 'POST', '/books/new')!;
    const json = req('POST', '/books/new', { 'content-type': 'application/json' }, { a: 1 });
    const form = req('POST', '/books/new', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1&b=%2B');
    expect(buildEvent('v2', json, post)).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(buildEvent('v1', form, post)).toMatchObject({ body: 'a=1&b=%2B', isBase64Encoded: false });
    for (const source of ['v2', 'alb'] as const) {
      const e = buildEvent(source, form, post) as Record<string, any>;
      expect(e.isBase64Encoded).toBe(true);
      expect(Buffer.from(e.body, 'base64').toString()).toBe('a=1&b=%2B');
      expect(e.headers['content-length']).toBe('9');
    }
  });
});

describe('resultToResponse and compareResponses', () => {
  const base: Recorded = {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': ['text/plain'], 'set-cookie': ['a=1', 'b=2'], date: ['Mon'], connection: ['close'] },
    body: Buffer.from('hi'),
  };

  it('reads every source, Set-Cookie included', () => {
    const v1 = resultToResponse('v1', false, { statusCode: 200, headers: { 'content-type': 'text/plain' }, multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] }, body: 'aGk=', isBase64Encoded: true });
    const v2 = resultToResponse('v2', false, { statusCode: 200, headers: { 'content-type': 'text/plain' }, cookies: ['a=1', 'b=2'], body: 'hi' });
    const alb = resultToResponse('alb', false, { statusCode: 200, statusDescription: '200 OK', headers: { 'content-type': 'text/plain', 'set-cookie': 'a=1', 'Set-cookie': 'b=2' }, body: 'hi', isBase64Encoded: false });
    for (const { response, problems } of [v1, v2, alb]) {
      expect(problems).toEqual([]);
      expect(compareResponses(base, response!)).toEqual([]);
    }
    expect(compareResponses(base, alb.response!, { compareStatusText: true })).toEqual([]);
  });

  it('flags results the gateway would misread', () => {
    expect(resultToResponse('alb', false, { statusCode: 200, multiValueHeaders: { a: ['1'] } }).problems).toHaveLength(2);
    expect(resultToResponse('v2', false, { statusCode: '200', body: 1 }).problems).toHaveLength(2);
    expect(resultToResponse('v1', false, undefined).response).toBeNull();
  });

  it('sees status, header, cookie order and body differences, and ignores date/connection', () => {
    const other: Recorded = { ...base, status: 201, headers: { 'content-type': ['text/html'], 'set-cookie': ['b=2', 'a=1'] }, body: Buffer.from('ho') };
    expect(compareResponses(base, other)).toEqual([
      'status: expected 200, got 201',
      'header content-type: expected "text/plain", got "text/html"',
      'header set-cookie: expected ["a=1","b=2"], got ["b=2","a=1"]',
      'body: expected "hi", got "ho"',
    ]);
  });
});

describe('linkNodeModules', () => {
  it('lets earlier sources win and merges scopes entry by entry', () => {
    const dir = makeTempDir();
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    for (const p of ['a/express', 'a/@types/express', 'b/express', 'b/koa', 'b/@types/express', 'b/@types/aws-lambda', 'b/.bin']) fs.mkdirSync(path.join(dir, p), { recursive: true });
    const target = path.join(dir, 't');
    linkNodeModules(target, [a, b], { lambdashift: dir });
    const nm = path.join(target, 'node_modules');
    expect(fs.readlinkSync(path.join(nm, 'express'))).toBe(path.join(a, 'express'));
    expect(fs.readlinkSync(path.join(nm, 'koa'))).toBe(path.join(b, 'koa'));
    expect(fs.readlinkSync(path.join(nm, '@types/express'))).toBe(path.join(a, '@types/express'));
    expect(fs.readlinkSync(path.join(nm, '@types/aws-lambda'))).toBe(path.join(b, '@types/aws-lambda'));
    expect(fs.readlinkSync(path.join(nm, 'lambdashift'))).toBe(dir);
    expect(fs.existsSync(path.join(nm, '.bin'))).toBe(false);
  });
});
