/**
 * Proves the sample services in examples/ work as written, before any migration: each
 * example's requests.json is replayed in order over real HTTP against the original app,
 * and every route of every example is exercised.
 *
 * - express-ts-service exports its app without listening: imported here (ts-jest) and
 *   served through supertest.
 * - express-cjs-service listens at the bottom of app.js, and express5-esm-service is ESM
 *   (which this CommonJS jest cannot import): both run as child processes via their
 *   `start` scripts, on a free port.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ts from 'typescript';
import app from '../../examples/express-ts-service/src/app';
import { store } from '../../examples/express-ts-service/src/store';
import {
  EXAMPLES_DIR,
  expectWellFormedRequests,
  loadRequests,
  send,
  startService,
  type ReplayRequest,
  type ReplayResponse,
  type RunningService,
} from './replay';

/** Every route each example registers, as `METHOD /full/path` (mount prefixes included). */
const ROUTES: Record<string, string[]> = {
  'express-ts-service': [
    'GET /',
    'GET /health',
    'GET /health/ready',
    'GET /api/me',
    'GET /api/v1/users',
    'POST /api/v1/users',
    'GET /api/v1/users/:id',
    'PATCH /api/v1/users/:id',
    'DELETE /api/v1/users/:id',
    'GET /api/users',
    'POST /api/users',
    'GET /api/users/:id',
    'PATCH /api/users/:id',
    'DELETE /api/users/:id',
    'GET /api/users/:userId/orders',
    'POST /api/users/:userId/orders',
    'GET /api/users/:userId/orders/:orderId',
    'POST /api/users/:userId/orders/:orderId/cancel',
  ],
  'express-cjs-service': [
    'GET /',
    'ALL /ping',
    'GET /books',
    'POST /books',
    'GET /books/:id',
    'PUT /books/:id',
    'DELETE /books/:id',
    'GET /books/:id/cover.png',
    'GET /books/:id/buy',
    'GET /catalog',
    'POST /login',
    'POST /logout',
    'GET /me',
    'GET /authors',
    'POST /authors',
    'GET /authors/:id',
    'GET /authors/:id/books',
  ],
  'express5-esm-service': [
    'GET /',
    'GET /health',
    'GET /files',
    'GET /files/*splat',
    'GET /items',
    'POST /items',
    'GET /items/:id',
    'GET /items/:id/stock',
    'DELETE /items/:id',
    'GET /reports{/:year}',
  ],
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The version of `express` that the example's own code resolves (npm workspaces nest per example). */
function installedExpressVersion(example: string): string {
  const main = require.resolve('express', { paths: [path.join(EXAMPLES_DIR, example)] });
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(main), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function headerValue(res: ReplayResponse, name: string): string | string[] | undefined {
  return res.headers[name];
}

/** Checks a PNG's structure: signature, chunk CRCs, and that IDAT inflates to width×height RGB rows. */
function checkPng(body: Buffer): void {
  expect(body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < body.length) {
    const length = body.readUInt32BE(offset);
    const type = body.toString('ascii', offset + 4, offset + 8);
    const data = body.subarray(offset + 8, offset + 8 + length);
    const crc = body.readUInt32BE(offset + 8 + length);
    expect(zlib.crc32(body.subarray(offset + 4, offset + 8 + length))).toBe(crc);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 2]); // 8-bit truecolour
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types[types.length - 1]).toBe('IEND');
  expect(width).toBeGreaterThan(0);
  expect(zlib.inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 3));
}

function checkResponse(r: ReplayRequest, res: ReplayResponse): void {
  const context = `${r.method} ${r.path} (${r.name})`;
  expect({ request: context, status: res.status }).toEqual({ request: context, status: r.expect.status });
  for (const [name, expected] of Object.entries(r.expect.headers ?? {})) {
    expect({ request: context, header: name, value: headerValue(res, name) }).toEqual({
      request: context,
      header: name,
      value: expected,
    });
  }
  if (r.method === 'HEAD') {
    expect(res.body.length).toBe(0);
    return;
  }
  const contentType = String(res.headers['content-type'] ?? '');
  if (r.expect.binary) {
    expect(contentType).toBe('image/png');
    checkPng(res.body);
    return;
  }
  const text = res.body.toString('utf8');
  // Errors never leak stack traces or file paths.
  expect(text).not.toMatch(/\n\s+at |node_modules|\/examples\//);
  if (contentType.startsWith('application/json')) {
    expect(() => JSON.parse(text)).not.toThrow();
  }
  if (r.expect.json !== undefined) {
    expect(contentType).toMatch(/^application\/json; charset=utf-8$/);
    const parsed: unknown = JSON.parse(text);
    if (typeof r.expect.json === 'object' && r.expect.json !== null) {
      expect(parsed).toMatchObject(r.expect.json as object);
    } else {
      expect(parsed).toEqual(r.expect.json);
    }
  }
  if (r.expect.text !== undefined) expect(text).toBe(r.expect.text);
}

describe.each(Object.keys(ROUTES))('%s requests.json', (example) => {
  const requests = loadRequests(example);
  const routes = ROUTES[example];

  it('is well formed', () => {
    expect(requests.length).toBeGreaterThan(routes.length);
    expectWellFormedRequests(requests, routes);
  });

  it('exercises every route, each at least once successfully', () => {
    const covered = new Set(requests.map((r) => r.route));
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
    const succeeded = new Set(requests.filter((r) => r.expect.status < 400).map((r) => r.route));
    expect(routes.filter((route) => !succeeded.has(route))).toEqual([]);
  });

  it('includes error cases and requests that match no route', () => {
    expect(requests.some((r) => r.expect.status === 404 && r.route === null)).toBe(true);
    expect(requests.some((r) => r.expect.status === 401)).toBe(true);
    expect(requests.some((r) => r.expect.status >= 400 && r.route !== null && r.expect.status !== 404)).toBe(true);
    expect(requests.some((r) => r.method === 'HEAD')).toBe(true);
  });
});

describe('express-ts-service (imported app, supertest)', () => {
  const requests = loadRequests('express-ts-service');

  beforeAll(() => store.reset());

  it('uses Express 4 from its own workspace', () => {
    expect(installedExpressVersion('express-ts-service')).toMatch(/^4\./);
    // The app jest loaded really is Express 4 (v5 has no app._router), not the root's v5.
    expect('_router' in app).toBe(true);
    expect(app.get('json spaces')).toBe(2);
    expect(app.get('trust proxy')).toBe(true);
  });

  it.each(requests.map((r, i) => [`${String(i + 1).padStart(2, '0')} ${r.method} ${r.path}: ${r.name}`, r] as const))(
    '%s',
    async (_title, r) => {
      checkResponse(r, await send(app, r));
    },
  );

  it('starts again from the seed after store.reset()', async () => {
    store.reset();
    const first = requests.find((r) => r.name === 'list users')!;
    const res = await send(app, first);
    expect(JSON.parse(res.body.toString()).total).toBe(3);
  });

  it('compiles under its strict tsconfig', () => {
    const configPath = path.join(EXAMPLES_DIR, 'express-ts-service', 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
    expect(parsed.options.strict).toBe(true);
    expect(parsed.options.module).toBe(ts.ModuleKind.CommonJS);
    const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(parsed.fileNames.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['app.ts', 'server.ts']));
  });
});

describe.each([
  ['express-cjs-service', /^4\./],
  ['express5-esm-service', /^5\./],
])('%s (child process, real HTTP)', (example, expressVersion) => {
  const requests = loadRequests(example);
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(example);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it(`resolves Express ${expressVersion.source.slice(1, 2)}.x`, () => {
    expect(installedExpressVersion(example)).toMatch(expressVersion);
  });

  it.each(requests.map((r, i) => [`${String(i + 1).padStart(2, '0')} ${r.method} ${r.path}: ${r.name}`, r] as const))(
    '%s',
    async (_title, r) => {
      checkResponse(r, await send(service.url, r));
    },
  );

  it('is still running after the whole table', () => {
    expect(service.child.exitCode).toBeNull();
  });
});
