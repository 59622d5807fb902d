/**
 * Strangler-fig mode (`--fallback proxy --proxy-url <url>`, issue 11): the mixed Express
 * fixture keeps its two split functions, and everything else (static mounts, inexpressible
 * paths, the regex route, the app's 404) stays with the service where it runs today, reached
 * through API Gateway's HTTP proxy integration: no whole-app function is generated.
 *
 * - the reports say so (JSON `fallback`, `routes[].forwardedTo`, the summary line, Markdown);
 * - bad setups are usage errors; the URL is normalised and never reaches the IaC unchecked;
 * - the SAM template (HTTP and REST API) is valid against the SAM schema, and serverless.yml
 *   carries the `$default` HTTP_PROXY integration (packaged by osls in test/e2e/proxy-package);
 * - `serve` forwards what no function serves to a stand-in of the old server (a real Express
 *   app) with method, path, query, headers and body, and returns its status, headers and body;
 * - `verify` compares the split functions only and says how many requests it left to the proxy.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { buildJsonReport } from '../../src/changes/printers/json-report';
import { formatMarkdownReport } from '../../src/changes/printers/markdown-report';
import { coverageLine } from '../../src/changes/printers/coverage';
import { migrate } from '../../src/migrate/migrate';
import { parseProxyUrl, ProxyUrlError } from '../../src/plan/proxy-url';
import { Gateway } from '../../src/serve/gateway';
import { HandlerHost } from '../../src/serve/handler-host';
import { startServer, type RunningServer } from '../../src/serve/server';
import { formatVerifyReport } from '../../src/verify/report';
import { verify } from '../../src/verify/verify';
import { ensureRuntimeBuilt } from '../behaviour/harness/runtime-build';
import { linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness/workspace';
import { samErrors } from '../iac/sam-schema';
import { runCli } from '../cli/capture';

jest.setTimeout(120000);

const FIXTURE = path.join(__dirname, 'fixtures/express-mixed');
const OLD = 'https://old.example.com';

function copyFixture(withRuntime: boolean): string {
  const dir = path.join(makeTempDir('lambdashift-proxy-'), 'express-mixed');
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const links: Record<string, string> = Object.fromEntries(['express', 'serve-static'].map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)]));
  if (withRuntime) links.lambdashift = REPO_ROOT;
  linkNodeModules(dir, [], links);
  return dir;
}

afterAll(removeTempDirs);

describe('parseProxyUrl', () => {
  it.each([
    ['https://old.example.com', OLD],
    ['https://old.example.com/', OLD],
    ['http://10.0.0.7:8080/legacy/', 'http://10.0.0.7:8080/legacy'],
    ['HTTPS://Old.Example.com/a%20b', 'https://old.example.com/a%20b'],
  ])('%s → %s', (text, url) => {
    expect(parseProxyUrl(text)).toEqual({ ok: true, url });
  });

  it.each([
    ['old.example.com', /absolute/],
    ['/old', /absolute/],
    ['ftp://old.example.com', /http or https/],
    ['https://user:pw@old.example.com', /credentials/],
    ['https://old.example.com/?a=1', /query/],
    ['https://old.example.com/#x', /fragment/],
    ['https://old.example.com/${env:SECRET}', /\$/],
    ['https://old.example.com/\u2028x', /control/],
    ['https://old.example.com\n', /control/],
  ])('refuses %j', (text, reason) => {
    const parsed = parseProxyUrl(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe('migrate --fallback proxy', () => {
  let root: string;
  beforeAll(() => {
    root = copyFixture(false);
  });

  it('is a usage error without a URL, with a bad one, or with a URL for another mode', async () => {
    await expect(migrate({ root, fallback: 'proxy' })).rejects.toThrow(ProxyUrlError);
    await expect(migrate({ root, fallback: 'proxy', proxyUrl: 'ftp://x' })).rejects.toThrow(/--proxy-url ftp:\/\/x: it must be http or https/);
    await expect(migrate({ root, fallback: 'app', proxyUrl: OLD })).rejects.toThrow(/only applies with --fallback proxy/);
  });

  it('exits 2 with one line for a bad setup on the command line, and names the forwarded routes on stderr', async () => {
    const cwd = path.dirname(root);
    const bad = await runCli(['migrate', 'express-mixed', '--fallback', 'proxy'], { cwd });
    expect({ code: bad.code, first: bad.stderr.split('\n')[0] }).toEqual({ code: 2, first: expect.stringContaining('--fallback proxy needs the URL of the running service') });
    expect((await runCli(['migrate', 'express-mixed', '--proxy-url', 'https://old.example.com/?x=1'], { cwd })).code).toBe(2);
    expect((await runCli(['migrate', 'express-mixed', 'express-mixed', '--proxy-url', OLD], { cwd })).code).toBe(2);
    const ok = await runCli(['migrate', 'express-mixed', '--proxy-url', OLD], { cwd });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(new RegExp(`\\d+ routes: 4 in their own functions, \\d+ forwarded to ${OLD.replace(/\./g, '\\.')}, 0 not served`));
  });

  it('generates no whole-app function and reports every unsplit route as forwarded to the URL', async () => {
    const result = await migrate({ root, fallback: 'proxy', proxyUrl: `${OLD}/` });
    // `/users/:from-:to` shares getUsersById's coarse key; `/files/:name.json` is routed from `/files/{name}`.
    expect(result.functions.map((f) => f.name).sort()).toEqual(['getFilesByName', 'getHealth', 'getUsersById', 'getUsersById']);
    expect(result.changes.has('lambda/http/appFallback.js')).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity !== 'info' && !d.code?.startsWith('readiness/'))).toEqual([]);
    const report = buildJsonReport(result);
    expect(report.fallback).toEqual({ mode: 'proxy', url: OLD, apiPath: '$default' });
    const unsplit = report.routes!.filter((r) => r.servedBy === null);
    expect(unsplit.length).toBeGreaterThan(0);
    expect(unsplit.every((r) => r.forwardedTo === OLD)).toBe(true);
    expect(report.routes!.filter((r) => r.servedBy !== null).map((r) => r.servedBy).sort()).toEqual(['getFilesByName', 'getHealth', 'getUsersById', 'getUsersById']);
    expect(report.summary.coverage).toEqual({ routes: report.routes!.length, ownFunctions: 4, fallback: unsplit.length, notServed: 0 });
    expect(coverageLine(result)).toBe(`${report.routes!.length} routes: 4 in their own functions, ${unsplit.length} forwarded to ${OLD}, 0 not served`);
    expect(formatMarkdownReport(result)).toContain(`forwarded to ${OLD}`);
    expect(result.diagnostics.find((d) => d.code === 'plan/api-path' && d.message.includes('regular expression'))?.message).toContain(`forwarded to ${OLD}`);
  });

  it('writes the $default HTTP_PROXY integration on the Framework HTTP API into serverless.yml, and removes it in app mode', async () => {
    const result = await migrate({ root, fallback: 'proxy', proxyUrl: `${OLD}/base` });
    const yml = result.changes.get('serverless.yml')!.after!;
    const doc = parse(yml) as { functions: Record<string, { events: Array<Record<string, unknown>> }>; resources: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } };
    expect(Object.keys(doc.functions).sort()).toEqual(['getFilesByName', 'getHealth', 'getUsersById']);
    expect(JSON.stringify(doc.functions)).not.toContain("'*'");
    expect(doc.resources.Resources.LambdashiftProxyIntegration).toEqual({
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: `${OLD}/base`, PayloadFormatVersion: '1.0', RequestParameters: { 'overwrite:path': '/base$request.path' } },
    });
    expect(doc.resources.Resources.LambdashiftProxyRoute!.Properties).toEqual({
      ApiId: { Ref: 'HttpApi' },
      RouteKey: '$default',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'LambdashiftProxyIntegration' }]] },
    });
    // A second run over the written file changes nothing; app mode takes the resources out again.
    fs.writeFileSync(path.join(root, 'serverless.yml'), yml);
    expect((await migrate({ root, fallback: 'proxy', proxyUrl: `${OLD}/base` })).changes.get('serverless.yml')!.status).toBe('unchanged');
    const app = parse((await migrate({ root })).changes.get('serverless.yml')!.after!) as { resources?: unknown; functions: Record<string, unknown> };
    expect(app.resources).toBeUndefined();
    expect(Object.keys(app.functions)).toContain('appFallback');
    fs.rmSync(path.join(root, 'serverless.yml'));
  });

  it.each(['http', 'rest'] as const)('writes a schema-valid SAM template whose explicit API forwards the catch-all (%s API)', async (api) => {
    const result = await migrate({ root, iac: 'sam', api, fallback: 'proxy', proxyUrl: OLD });
    const text = result.changes.get('template.yaml')!.after!;
    expect(samErrors(text)).toEqual([]);
    const doc = parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }>; Outputs: Record<string, { Value: { 'Fn::Sub': string } }> };
    const id = api === 'http' ? 'LambdashiftHttpApi' : 'LambdashiftRestApi';
    const apiResource = doc.Resources[id]!;
    expect(apiResource.Type).toBe(api === 'http' ? 'AWS::Serverless::HttpApi' : 'AWS::Serverless::Api');
    expect(Object.values(doc.Resources).filter((r) => r.Type === 'AWS::Serverless::Function')).toHaveLength(3);
    for (const fn of Object.values(doc.Resources).filter((r) => r.Type === 'AWS::Serverless::Function')) {
      for (const event of Object.values<{ Properties: Record<string, unknown> }>(fn.Properties.Events)) expect(event.Properties[api === 'http' ? 'ApiId' : 'RestApiId']).toEqual({ Ref: id });
    }
    const paths = apiResource.Properties.DefinitionBody.paths as Record<string, Record<string, any>>;
    if (api === 'http') {
      const any = paths['/$default']!['x-amazon-apigateway-any-method'];
      expect(any.isDefaultRoute).toBe(true);
      expect(any['x-amazon-apigateway-integration']).toEqual({ type: 'http_proxy', httpMethod: 'ANY', uri: OLD, payloadFormatVersion: '1.0', requestParameters: { 'overwrite:path': '$request.path' } });
    } else {
      // ANY on / and /{proxy+}, and beside each split path (a REST API answers a missing method with 403).
      expect(Object.keys(paths).sort()).toEqual(['/', '/files/{name}', '/health', '/users/{id}', '/{proxy+}']);
      expect(paths['/users/{id}']!['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration']).toMatchObject({
        type: 'http_proxy',
        uri: `${OLD}/users/{id}`,
        requestParameters: { 'integration.request.path.id': 'method.request.path.id' },
      });
      expect(paths['/{proxy+}']!['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'].uri).toBe(`${OLD}/{proxy}`);
    }
    expect(doc.Outputs.ApiUrl!.Value['Fn::Sub']).toContain(`\${${id}}`);
  });
});

/** The stand-in of the old server: a real Express app that says what it received. */
async function startOldServer(): Promise<{ url: string; close: () => Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const express = require(path.join(REPO_ROOT, 'node_modules/express')) as typeof import('express');
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.all('/{*rest}', (req, res) => {
    res.status(req.method === 'GET' ? 200 : 418);
    res.set('X-Old-Server', 'yes');
    res.cookie('a', '1');
    res.cookie('b', '2');
    res.json({ method: req.method, url: req.originalUrl, host: req.get('host'), custom: req.get('x-custom') ?? null, forwardedFor: req.get('x-forwarded-for') ?? null, body: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : null });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function request(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('serve and verify in proxy mode (proxyUrl from lambdashift.config.json)', () => {
  let root: string;
  let old: Awaited<ReturnType<typeof startOldServer>>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    ensureRuntimeBuilt();
    old = await startOldServer();
    root = copyFixture(true);
    fs.writeFileSync(path.join(root, 'lambdashift.config.json'), JSON.stringify({ fallback: 'proxy', proxyUrl: `${old.url}/old/` }));
    const result = await migrate({ root });
    expect(result.proxyUrl).toBe(`${old.url}/old`);
    await applyChangeSet(result.changes, { force: true });
    server = await startServer({ root, port: 0, api: 'http', watch: false, handlerOutput: 'capture' });
  });

  afterAll(async () => {
    await server?.close();
    await old?.close();
  });

  it('answers split routes from their functions', async () => {
    const res = await request(`${server!.url}/health`, 'GET');
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 200, body: { status: 'ok' } });
    expect(res.headers['x-old-server']).toBeUndefined();
    expect(server!.gateway().table.proxyUrl).toBe(`${old.url}/old`);
  });

  it('forwards an unmatched request with method, path, query, headers and body, and returns the old server answer', async () => {
    const res = await request(`${server!.url}/users/1-5?x=1&y=%20z`, 'POST', { 'x-custom': 'kept', 'content-type': 'text/plain' }, 'hello body');
    expect(res.status).toBe(418);
    expect(res.headers['x-old-server']).toBe('yes');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(JSON.parse(res.body)).toEqual({ method: 'POST', url: '/old/users/1-5?x=1&y=%20z', host: new URL(old.url).host, custom: 'kept', forwardedFor: '127.0.0.1', body: 'hello body' });
  });

  it('forwards a method the split path does not answer', async () => {
    const res = await request(`${server!.url}/users/7`, 'DELETE');
    expect(res.status).toBe(418);
    expect(JSON.parse(res.body)).toMatchObject({ method: 'DELETE', url: '/old/users/7' });
  });

  it('answers like API Gateway when the old server cannot be reached', async () => {
    const gateway = new Gateway({ root, http: [], schedules: [], missing: [], proxyUrl: 'http://127.0.0.1:1' }, new HandlerHost({ output: 'capture' }), { api: 'http' });
    try {
      const res = await gateway.handle({ method: 'GET', url: '/x', rawHeaders: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1' });
      expect({ status: res.status, body: res.body.toString() }).toEqual({ status: 500, body: '{"message":"Internal Server Error"}' });
      expect(res.error).toMatch(/forwarding to http:\/\/127\.0\.0\.1:1 failed/);
    } finally {
      await gateway.host.close();
    }
  });

  it('verify compares the split functions only, and says so', async () => {
    const report = await verify({ root, api: 'http' });
    expect(report.mismatches).toBe(0);
    expect(report.results.map((r) => `${r.request.method} ${r.request.path}`).sort()).toEqual(['GET /files/sample', 'GET /health', 'GET /users/1']);
    expect(report.forwarded?.url).toBe(`${old.url}/old`);
    expect(report.forwarded?.requests.map((r) => r.name)).toContain('unmatched path');
    expect(formatVerifyReport(report)).toContain(`proxy mode: only the split functions are compared; ${report.forwarded!.requests.length} requests no function serves are forwarded to ${old.url}/old`);
  });
});
