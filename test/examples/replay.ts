/**
 * Shared helpers for replaying an example's requests.json against a running service.
 * The behaviour tests for generated Lambda handlers replay the same tables.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');

export interface ReplayExpectation {
  status: number;
  /** Lower-case header names; a string must equal the header, an array the repeated header (set-cookie). */
  headers?: Record<string, string | string[]>;
  /** The body parsed as JSON must match this (partial object match, arrays element by element). */
  json?: unknown;
  /** The body decoded as UTF-8 must equal this. */
  text?: string;
  /** The body is binary (an image): compared as bytes, never decoded. */
  binary?: boolean;
}

export interface ReplayRequest {
  name: string;
  /** `METHOD /full/path` of the route this request exercises, or null when no route matches. */
  route: string | null;
  method: string;
  /** Path plus query string, exactly as sent. */
  path: string;
  headers: Record<string, string>;
  /** JSON value (sent as JSON text) or a raw string (sent as is). */
  body?: unknown;
  expect: ReplayExpectation;
}

export interface ReplayResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export function loadRequests(example: string, baseDir = EXAMPLES_DIR): ReplayRequest[] {
  const file = path.join(baseDir, example, 'requests.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ReplayRequest[];
}

/** The request body as the bytes that go on the wire. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The shape every example's requests.json must have: unique names, known methods, absolute
 * paths, an expected status, lower-case header names, a content-type with each body, and each
 * `route` one of the example's routes (null only for unmatched 404s).
 */
export function expectWellFormedRequests(requests: ReplayRequest[], routes: readonly string[]): void {
  const names = new Set<string>();
  for (const r of requests) {
    expect(names.has(r.name)).toBe(false);
    names.add(r.name);
    expect(METHODS.has(r.method)).toBe(true);
    expect(r.path.startsWith('/')).toBe(true);
    expect(Number.isInteger(r.expect.status)).toBe(true);
    for (const name of Object.keys(r.headers)) expect(name).toBe(name.toLowerCase());
    if (r.body !== undefined) expect(Object.keys(r.headers)).toContain('content-type');
    if (r.route === null) expect(r.expect.status).toBe(404);
    else expect(routes).toContain(r.route);
  }
}

export function bodyText(r: ReplayRequest): string | undefined {
  if (r.body === undefined) return undefined;
  return typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
}

type Target = Parameters<typeof request>[0];

/** Sends one request over real HTTP (supertest) and returns the raw response. */
export async function send(target: Target, r: ReplayRequest): Promise<ReplayResponse> {
  const agent = request(target) as unknown as Record<string, (url: string) => request.Test>;
  const method = r.method.toLowerCase();
  if (typeof agent[method] !== 'function') throw new Error(`unsupported method ${r.method}`);
  let test = agent[method](r.path);
  for (const [name, value] of Object.entries(r.headers)) test = test.set(name, value);
  const body = bodyText(r);
  if (body !== undefined) test = test.send(body);
  test = test.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
    res.on('error', (err: Error) => done(err, null));
  });
  const res = await test;
  return {
    status: res.status,
    headers: res.headers as Record<string, string | string[]>,
    body: Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts an example the way its package.json `start` script does (`node <file>`), on a free
 * port, and resolves once it prints that it is listening.
 */
export async function startService(example: string, timeoutMs = 15000): Promise<RunningService> {
  const dir = path.join(EXAMPLES_DIR, example);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const match = /^node\s+(\S+)$/.exec(pkg.scripts?.start ?? '');
  if (!match) throw new Error(`${example}: start script is not "node <file>": ${pkg.scripts?.start}`);
  const port = await freePort();
  const child = spawn(process.execPath, [match[1]], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${example} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (): void => {
      if (new RegExp(`listening on port ${port}\\b`).test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${example} exited with code ${code} before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
