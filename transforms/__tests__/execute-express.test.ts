/**
 * Runs a CommonJS Express app before and after the rewrite (extract-inline-handlers, then
 * export-named-handlers, then guard-listen) as real processes: started with `node file` both
 * serve the same responses; required as a module, the rewritten one starts no server (the
 * original does), and its extracted handlers work when mounted on a fresh app the way a
 * generated Lambda module mounts them.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import extractInlineHandlers from '../extract-inline-handlers';
import exportNamedHandlers from '../export-named-handlers';
import guardListen from '../guard-listen';
import { runTransform } from './fixture-harness';

const REPO = path.resolve(__dirname, '..', '..');
const APP = path.join(__dirname, 'apps', 'express-cjs-app.js');

let dir: string;
let original: string;
let rewritten: string;
let rewrittenSource: string;
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `node file` with PORT set and resolves once it prints that it listens. */
async function start(file: string): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not start: ${out}`)), 15000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}: ${out}`));
    });
  });
  return port;
}

interface Reply {
  status: number;
  contentType: string | null;
  xApp: string | null;
  body: string;
}

async function request(port: number, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), xApp: res.headers.get('x-app'), body: await res.text() };
}

/** Number of `server.listen` calls made while requiring `file` in a fresh Node process. */
function listensWhenRequired(file: string, env: Record<string, string> = {}): number {
  const script = `
    const http = require('node:http');
    let listens = 0;
    const listen = http.Server.prototype.listen;
    http.Server.prototype.listen = function (...args) { listens++; const s = listen.call(this, 0); s.unref(); return s; };
    require(process.argv[1]);
    process.stdout.write(String(listens));
  `;
  return Number(execFileSync(process.execPath, ['-e', script, file], { env: { ...process.env, PORT: '0', ...env }, encoding: 'utf8' }));
}

beforeAll(() => {
  const source = fs.readFileSync(APP, 'utf8');
  let text = source;
  const reports: string[] = [];
  for (const [transform, options] of [
    [extractInlineHandlers, {}],
    [exportNamedHandlers, {}],
    [guardListen, { moduleSystem: 'cjs', entry: true }],
  ] as Array<[Transform, Record<string, unknown>]>) {
    const result = runTransform(transform, APP, text, options);
    text = result.output;
    reports.push(...result.reports);
  }
  expect(reports).toEqual([]);
  rewrittenSource = text;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-exec-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  original = path.join(dir, 'original.js');
  rewritten = path.join(dir, 'rewritten.js');
  fs.writeFileSync(original, source);
  fs.writeFileSync(rewritten, text);
});

afterAll(() => {
  for (const c of children) c.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('rewrites the app: handlers extracted and exported, listen guarded', () => {
  expect(rewrittenSource).toContain('if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {');
  expect(rewrittenSource).toContain('module.exports.getUsersById = getUsersById;');
  expect(rewrittenSource).toContain('module.exports.listUsers = listUsers;');
  expect(rewrittenSource).not.toMatch(/router\.get\('\/users\/:id', \(req/);
});

it('serves the same responses as the original when started directly', async () => {
  const [before, after] = await Promise.all([start(original), start(rewritten)]);
  const table: Array<[string, string, unknown?, Record<string, string>?]> = [
    ['GET', '/api/users'],
    ['GET', '/api/users/42'],
    ['GET', '/api/users/7'],
    ['GET', '/api/items'],
    ['POST', '/api/items', { name: 'pen' }],
    ['POST', '/api/items', { name: 'pen' }, { 'x-key': 'secret' }],
    ['GET', '/api/items'],
    ['GET', '/api/boom'],
    ['GET', '/nowhere'],
  ];
  for (const [method, url, body, headers] of table) {
    const a = await request(before, method, url, body, headers);
    const b = await request(after, method, url, body, headers);
    expect({ method, url, ...b }).toEqual({ method, url, ...a });
  }
  const created = await request(after, 'POST', '/api/items', { name: 'cup' }, { 'x-key': 'secret' });
  expect(created).toMatchObject({ status: 201, xApp: 'demo', body: '{"count":2}' });
});

it('starts no server when the rewritten module is required in Lambda (the original does)', () => {
  const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'getUsersById' };
  expect(listensWhenRequired(original, lambda)).toBe(1);
  expect(listensWhenRequired(rewritten, lambda)).toBe(0);
});

it('still starts the server when required outside Lambda (pm2 cluster mode, node -r wrappers)', () => {
  expect(listensWhenRequired(rewritten)).toBe(1);
});

it('exports the extracted handlers so another module can mount them', () => {
  const script = `
    const express = require('express');
    const mod = require(process.argv[1]);
    const names = ['useMiddleware1', 'jsonMiddleware', 'getUsersById', 'getItems', 'postItems', 'requireKey', 'getBoom', 'errorHandler', 'listUsers'];
    const missing = names.filter((n) => typeof mod[n] !== 'function');
    if (missing.length) { console.log(JSON.stringify({ missing })); process.exit(0); }
    const app = express();
    app.use(mod.jsonMiddleware, mod.useMiddleware1);
    app.get('/users/:id', mod.getUsersById);
    app.use(mod.errorHandler);
    const server = app.listen(0, async () => {
      const res = await fetch('http://127.0.0.1:' + server.address().port + '/users/42');
      console.log(JSON.stringify({ status: res.status, xApp: res.headers.get('x-app'), body: await res.text() }));
      server.close();
    });
  `;
  // As a generated Lambda module imports it: the module's own listen is skipped there.
  const out = execFileSync(process.execPath, ['-e', script, rewritten], { encoding: 'utf8', env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'getUsersById' } });
  expect(JSON.parse(out)).toEqual({ status: 200, xApp: 'demo', body: '{"id":42,"name":"Ada"}' });
});
