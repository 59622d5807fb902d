/**
 * End to end, all on loopback: express-cjs-service is migrated with --write into a temporary
 * copy; its generated serverless.yml is packaged by the real `osls` CLI and served by
 * serverless-offline (bundled per function by serverless-esbuild); the same requests go to the
 * original app, to serverless-offline and to `lambdashift serve`, and must get the same answers.
 *
 * Requests come from the example's requests.json. Those that change the store are left out:
 * on Lambda (and under serverless-offline) every function has its own memory, so the in-memory
 * store of the sample cannot be shared between them the way it is in the single original
 * process. Everything else, including failed writes, logins that only set cookies, binary
 * images and query strings with `+` and `%20`, is compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { migrate } from '../../src/migrate/migrate';
import { startServer, type RunningServer } from '../../src/serve/server';
import { compareResponses, differingHeaders, type CapturedResponse, type Difference } from '../../src/verify/compare';
import { startOriginalApp, type RunningApp } from '../../src/verify/app-host';
import { loadRequests, send, type ReplayRequest } from '../examples/replay';
import { EXAMPLES, migratedExample, removeTree } from '../serve/example-copy';
import { installServiceModules, runSls, startOffline, type Offline } from './offline';

const EXAMPLE = 'express-cjs-service';
/** Routes whose successful requests only set or clear cookies: they change no stored data. */
const STATELESS_WRITES = new Set(['POST /login', 'POST /logout']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const requests = loadRequests(EXAMPLE).filter(
  (r) => r.route !== null && (SAFE.has(r.method) || r.expect.status >= 400 || STATELESS_WRITES.has(r.route)),
);

/**
 * What serverless-offline's HTTP server (hapi) changes on every response, and API Gateway does
 * not: it adds `accept-ranges: bytes`, `cache-control: no-cache` and `vary: accept-encoding`,
 * labels empty bodies `application/json; charset=utf-8`, and re-serialises Set-Cookie (other
 * attribute order, a Max-Age added to expired cookies). Only the offline comparison forgives
 * these; `lambdashift serve` must match the original exactly.
 */
const HAPI_ADDED: Record<string, string> = { 'accept-ranges': 'bytes', 'cache-control': 'no-cache', vary: 'accept-encoding' };

const cookieSet = (value: string): string =>
  JSON.stringify(
    (JSON.parse(value) as string[]).map((c) => {
      const [pair, ...attrs] = c.split('; ');
      return [pair, ...attrs.map((a) => a.toLowerCase()).filter((a) => !a.startsWith('max-age=')).sort()].join('; ');
    }),
  );

function offlineOnly(d: Difference, response: CapturedResponse): boolean {
  if (d.what !== 'header') return false;
  if (d.original === '(absent)' && HAPI_ADDED[d.name!] === d.migrated) return true;
  if (d.original === '(absent)' && d.name === 'content-type' && d.migrated === 'application/json; charset=utf-8' && response.body.length === 0) return true;
  return d.name === 'set-cookie' && d.original.startsWith('[') && d.migrated.startsWith('[') && cookieSet(d.original) === cookieSet(d.migrated);
}

const capture = async (url: string, r: ReplayRequest): Promise<CapturedResponse> => {
  const res = await send(url, r);
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(res.headers)) for (const v of ([] as string[]).concat(value)) headers.push([name, v]);
  return { status: res.status, headers, body: res.body };
};

describe(`${EXAMPLE} under osls + serverless-offline and lambdashift serve`, () => {
  let root: string;
  let original: RunningApp;
  let offline: Offline | undefined;
  let server: RunningServer | undefined;
  const volatile = new Set<string>();

  beforeAll(async () => {
    // The deployer's value of the variable serverless.yml declares (`\${env:SESSION_SECRET, null}`);
    // requests.json carries cookies signed with the sample's development secret.
    process.env.SESSION_SECRET = 'bookshelf-dev-secret';
    root = await migratedExample(EXAMPLE);
    installServiceModules(root, [path.join(EXAMPLES, EXAMPLE, 'node_modules')]);
    // What a team does to run it locally: add serverless-offline to the generated file.
    const yml = path.join(root, 'serverless.yml');
    fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace('  - serverless-esbuild\n', '  - serverless-esbuild\n  - serverless-offline\n'));
    original = await startOriginalApp(path.join(root, 'app.js'));
  }, 120000);

  afterAll(async () => {
    await offline?.stop();
    await server?.close();
    await original?.close();
    if (root) removeTree(root);
    delete process.env.SESSION_SECRET;
  }, 60000);

  it('keeps the hand-added plugin on a second migrate run', async () => {
    const again = await migrate({ root });
    expect(again.changes.get('serverless.yml')?.status).toBe('unchanged');
  });

  it('packages with osls: one Lambda function per generated module and one HTTP API route per event', async () => {
    const result = await runSls(root, ['package'], 180000);
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    const template = JSON.parse(fs.readFileSync(path.join(root, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    const functions = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')).functions as Record<string, { events: unknown[] }>;
    expect(resources.filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(Object.keys(functions).length);
    const routeKeys = resources.filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey).sort();
    const expected = Object.values(functions).flatMap((f) => f.events.map((e) => { const h = (e as { httpApi: '*' | { method: string; path: string } }).httpApi; return h === '*' ? '$default' : `${h.method} ${h.path}`; })).sort();
    expect(routeKeys).toEqual(expected);
    expect(routeKeys).toContain('HEAD /books/{id}');
  }, 200000);

  it('starts serverless-offline and lambdashift serve', async () => {
    offline = await startOffline(root, 300000);
    server = await startServer({ root, port: 0, api: 'http', watch: false, handlerOutput: 'capture' });
    expect(offline.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    // Headers the original changes between two identical requests are not comparable.
    for (const r of requests.filter((q) => SAFE.has(q.method))) for (const h of differingHeaders(await capture(original.url, r), await capture(original.url, r))) volatile.add(h);
  }, 360000);

  it.each(requests.map((r) => [r.name, r] as const))('%s: serverless-offline and serve answer like the original', async (_name, r) => {
    expect(offline && server).toBeTruthy();
    const want = await capture(original.url, r);
    const viaOffline = await capture(offline!.url, r);
    const viaServe = await capture(server!.url, r);
    expect({ request: r.name, offline: compareResponses(want, viaOffline, r.method, volatile).filter((d) => !offlineOnly(d, viaOffline)) }).toEqual({ request: r.name, offline: [] });
    expect({ request: r.name, serve: compareResponses(want, viaServe, r.method, volatile) }).toEqual({ request: r.name, serve: [] });
  }, 60000);
});
