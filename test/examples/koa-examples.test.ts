/**
 * The Koa sample services in examples/:
 *
 * 1. as written: each requests.json is replayed in order over real HTTP against the original
 *    app (koa-ts-service imported and served through supertest; koa-js-service, which listens
 *    at the bottom of app.js, as a child process on a free port), and covers every route;
 * 2. migrated (`migrate`, dry run, then applied to a temp copy): one generated module per
 *    route, no warnings, generated TypeScript that compiles under `--strict`, a rewritten
 *    original that still answers the table (and still listens when run), a second run that
 *    changes nothing, and generated handlers that answer the same table like the original
 *    when invoked in-process with REST v1, HTTP API v2 and ALB events.
 *    (The shared behaviour harness compares original and generated responses field by field;
 *    this is the Koa scanner's and generator's own end-to-end check.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import type { LambdaHttpHandler } from '../../src/runtime';
import { migrate } from '../../src/migrate/migrate';
import type { RunResult } from '../../src/model/run-result';
import app from '../../examples/koa-ts-service/src/app';
import { store } from '../../examples/koa-ts-service/src/store';
import { lambdaContext, toEvent, type ClientRequest, type SourceName } from '../runtime/helpers/events';
import { resultBody, resultHeaders } from '../runtime/helpers/lambda';
import { bodyText, EXAMPLES_DIR, expectWellFormedRequests, loadRequests, send, startService, type ReplayRequest, type ReplayResponse, type RunningService } from './replay';

const REPO = path.resolve(__dirname, '../..');

/** Every route each example registers, as `METHOD /full/path` (prefixes and mounts included). */
const ROUTES: Record<string, string[]> = {
  'koa-ts-service': [
    'GET /',
    'GET /health',
    'POST /auth/token',
    'GET /api/v1/me',
    'GET /api/v1/projects',
    'POST /api/v1/projects',
    'GET /api/v1/projects/:projectId',
    'PATCH /api/v1/projects/:projectId',
    'DELETE /api/v1/projects/:projectId',
    'GET /api/v1/projects/:projectId/tasks',
    'POST /api/v1/projects/:projectId/tasks',
    'GET /api/v1/projects/:projectId/tasks/:taskId',
    'POST /api/v1/projects/:projectId/tasks/:taskId/complete',
  ],
  'koa-js-service': [
    'GET /',
    'GET /health',
    'GET /recipes',
    'POST /recipes',
    'GET /recipes/:id',
    'PUT /recipes/:id',
    'DELETE /recipes/:id',
    'GET /recipes/:id/nutrition',
    'GET /ingredients',
    'GET /ingredients/:name',
  ],
};
const EXAMPLES = Object.keys(ROUTES);

/** Version of `pkg` as the example's own code resolves it (npm workspaces nest per example). */
function installedVersion(example: string, pkg: string): string {
  // Through the entry point: not every package exports its package.json.
  let dir = path.dirname(require.resolve(pkg, { paths: [path.join(EXAMPLES_DIR, example)] }));
  for (;;) {
    const file = path.join(dir, 'package.json');
    const json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string }) : null;
    if (json?.name === pkg) return json.version;
    dir = path.dirname(dir);
  }
}

/** Checks one response against the table's expectation. */
function checkResponse(r: ReplayRequest, res: ReplayResponse, via: string): void {
  const context = `${via}: ${r.method} ${r.path} (${r.name})`;
  expect({ request: context, status: res.status }).toEqual({ request: context, status: r.expect.status });
  for (const [name, expected] of Object.entries(r.expect.headers ?? {})) {
    expect({ request: context, header: name, value: res.headers[name] }).toEqual({ request: context, header: name, value: expected });
  }
  if (r.method === 'HEAD') {
    expect({ request: context, bodyLength: res.body.length }).toEqual({ request: context, bodyLength: 0 });
    return;
  }
  const text = res.body.toString('utf8');
  // Errors never leak stack traces or file paths.
  expect(text).not.toMatch(/\n\s+at |node_modules|\/examples\//);
  if (r.expect.json !== undefined) {
    expect({ request: context, type: res.headers['content-type'] }).toEqual({ request: context, type: 'application/json; charset=utf-8' });
    expect({ request: context, json: JSON.parse(text) as unknown }).toMatchObject({ request: context, json: r.expect.json as object });
  }
  if (r.expect.text !== undefined) expect({ request: context, text }).toEqual({ request: context, text: r.expect.text });
}

describe.each(EXAMPLES)('%s requests.json', (example) => {
  const requests = loadRequests(example);
  const routes = ROUTES[example]!;

  it('is well formed', () => {
    expectWellFormedRequests(requests, routes);
  });

  it('exercises every route successfully, with error cases and unmatched paths', () => {
    const succeeded = new Set(requests.filter((r) => r.expect.status < 400).map((r) => r.route));
    expect(routes.filter((route) => !succeeded.has(route))).toEqual([]);
    expect(requests.some((r) => r.route === null && r.expect.status === 404)).toBe(true);
    expect(requests.some((r) => r.expect.status === 401)).toBe(true);
    expect(requests.some((r) => r.expect.status === 405)).toBe(true);
    expect(requests.some((r) => r.expect.status >= 500)).toBe(example === 'koa-js-service');
    expect(requests.some((r) => r.method === 'HEAD')).toBe(true);
  });
});

describe('koa-ts-service as written (imported app, supertest)', () => {
  const requests = loadRequests('koa-ts-service');
  beforeAll(() => store.reset());

  it('uses Koa 3 and @koa/router from its workspace', () => {
    expect(installedVersion('koa-ts-service', 'koa')).toMatch(/^3\./);
    expect(installedVersion('koa-ts-service', '@koa/router')).toMatch(/^1[45]\./);
    expect(app.proxy).toBe(true);
  });

  it.each(requests.map((r, i) => [`${String(i + 1).padStart(2, '0')} ${r.method} ${r.path}: ${r.name}`, r] as const))('%s', async (_title, r) => {
    checkResponse(r, await send(app.callback(), r), 'original');
  });

  it('compiles under its strict tsconfig', () => {
    const configPath = path.join(EXAMPLES_DIR, 'koa-ts-service', 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
    expect(parsed.options.strict).toBe(true);
    const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});

describe('koa-js-service as written (child process, real HTTP)', () => {
  const requests = loadRequests('koa-js-service');
  let service: RunningService;
  beforeAll(async () => {
    service = await startService('koa-js-service');
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('uses Koa 2, koa-router and koa-bodyparser from its workspace', () => {
    expect(installedVersion('koa-js-service', 'koa')).toMatch(/^2\./);
    expect(installedVersion('koa-js-service', 'koa-router')).toMatch(/^14\./);
  });

  it.each(requests.map((r, i) => [`${String(i + 1).padStart(2, '0')} ${r.method} ${r.path}: ${r.name}`, r] as const))('%s', async (_title, r) => {
    checkResponse(r, await send(service.url, r), 'original');
  });

  it('is still running after the whole table', () => {
    expect(service.child.exitCode).toBeNull();
  });
});

/**
 * A copy of the example with the ChangeSet applied, in a temp directory whose node_modules
 * links to the example's own packages first (Koa 2 for koa-js-service), then the repo's, and
 * maps `lambdashift/runtime` to src/runtime so generated modules run on this checkout.
 */
function materialise(example: string, result: RunResult): string {
  const src = path.join(EXAMPLES_DIR, example);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lambdashift-${example}-`));
  fs.cpSync(src, dir, { recursive: true, filter: (s) => !s.split(path.sep).includes('node_modules') });
  for (const change of result.changes.entries()) {
    const abs = path.join(dir, change.path);
    if (change.after === null) fs.rmSync(abs, { force: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, change.after);
    }
  }
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, 'lambdashift'), { recursive: true });
  fs.writeFileSync(path.join(modules, 'lambdashift', 'package.json'), JSON.stringify({ name: 'lambdashift', exports: { './runtime': './runtime.js' } }));
  fs.writeFileSync(path.join(modules, 'lambdashift', 'runtime.js'), `module.exports = require(${JSON.stringify(path.join(REPO, 'src/runtime/index.ts'))});\n`);
  for (const from of [path.join(src, 'node_modules'), path.join(REPO, 'node_modules')]) {
    if (!fs.existsSync(from)) continue;
    for (const name of fs.readdirSync(from)) {
      if (name.startsWith('.')) continue;
      const scoped = name.startsWith('@');
      const entries = scoped ? fs.readdirSync(path.join(from, name)).map((n) => `${name}/${n}`) : [name];
      if (scoped) fs.mkdirSync(path.join(modules, name), { recursive: true });
      for (const entry of entries) {
        const link = path.join(modules, entry);
        if (!fs.existsSync(link)) fs.symlinkSync(path.join(from, entry), link, 'dir');
      }
    }
  }
  return dir;
}

interface KoaLike {
  callback(): Parameters<typeof request>[0];
}

/** Back to the seed: the store module of the migrated copy, shared by everything loaded from it. */
function resetStore(dir: string, isTs: boolean): void {
  const mod = require(path.join(dir, isTs ? 'src/store' : 'lib/store')) as { store?: { reset(): void }; reset?: () => void };
  (mod.store ?? (mod as { reset(): void })).reset();
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

/** A table request as the client sent it, for building Lambda events. */
function clientRequest(r: ReplayRequest): ClientRequest {
  const body = bodyText(r);
  const rawHeaders = ['host', 'api.example.com'];
  for (const [name, value] of Object.entries(r.headers)) rawHeaders.push(name, value);
  if (body !== undefined) rawHeaders.push('content-length', String(Buffer.byteLength(body)));
  return { method: r.method, target: r.path, rawHeaders, ...(body !== undefined ? { body: Buffer.from(body) } : {}) };
}

describe.each(EXAMPLES)('%s migrated', (example) => {
  const requests = loadRequests(example);
  const isTs = example === 'koa-ts-service';
  let result: RunResult;
  let dir: string;

  beforeAll(async () => {
    result = await migrate({ root: path.join(EXAMPLES_DIR, example) });
    dir = materialise(example, result);
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans one function per route plus the whole-app fallback, with no warnings or errors', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const served = result.functions.flatMap((f) => (f.kind === 'http' && !f.fallback ? [`${f.method} ${f.path}`] : []));
    expect([...served].sort()).toEqual([...ROUTES[example]!].sort());
    expect(result.functions.filter((f) => f.kind === 'http' && f.fallback).map((f) => f.name)).toEqual(['appFallback']);
    const modules = new Set(result.functions.map((f) => f.module));
    expect(modules.size).toBe(ROUTES[example]!.length + 1);
    for (const m of modules) {
      expect(result.changes.get(m)).toMatchObject({ status: 'created' });
      expect(result.changes.get(m)!.after).toMatch(isTs ? /export const handler = createKoaHandler\(app\);/ : /exports\.handler = createKoaHandler\(app\);/);
    }
    expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
  });

  if (isTs) {
    it('generates TypeScript that compiles with the rewritten sources under --strict', () => {
      const { config } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
      const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
      const lambdaDir = path.join(dir, 'lambda', 'http');
      const generated = fs.readdirSync(lambdaDir).map((f) => path.join(lambdaDir, f));
      const options: ts.CompilerOptions = {
        ...parsed.options,
        strict: true,
        noEmit: true,
        rootDir: undefined,
        baseUrl: dir,
        paths: { 'lambdashift/runtime': [path.join(REPO, 'src/runtime/index.ts')] },
        types: ['node'],
        typeRoots: [path.join(REPO, 'node_modules/@types')],
      };
      const program = ts.createProgram([...parsed.fileNames, ...generated], options);
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(dir, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(diagnostics).toEqual([]);
      expect(generated).toHaveLength(ROUTES[example]!.length + 1);
    });
  } else {
    it('guards app.listen so importing app.js in Lambda starts no server', () => {
      const rewritten = result.changes.get('app.js')!.after!;
      expect(rewritten).toMatch(/if \(!process\.env\.AWS_LAMBDA_FUNCTION_NAME\) \{\n\s+app\.listen\(/);
    });
  }

  it('leaves the rewritten original answering the table as before', async () => {
    resetStore(dir, isTs);
    // Imported as the whole-app fallback imports it in Lambda: the listen guard holds it back.
    const before = process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'rewritten-original';
    let mod: { default?: KoaLike } & KoaLike;
    try {
      mod = require(path.join(dir, isTs ? 'src/app' : 'app.js')) as { default?: KoaLike } & KoaLike;
    } finally {
      if (before === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = before;
    }
    const original = mod.default ?? mod;
    for (const r of requests) checkResponse(r, await send(original.callback(), r), 'rewritten original');
  });

  if (!isTs) {
    it('still listens when the rewritten app.js is run as the entry point', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ['app.js'], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('app.js did not listen')), 15_000);
          child.stdout!.on('data', (d: Buffer) => {
            if (d.toString().includes(`listening on port ${port}`)) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.once('exit', (code) => reject(new Error(`app.js exited with ${code}`)));
        });
        const res = await request(`http://127.0.0.1:${port}`).get('/health');
        expect(res.status).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
    });
  }

  it('changes nothing when run again over the migrated copy', async () => {
    const again = await migrate({ root: dir });
    expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(again.changes.entries().filter((c) => c.status !== 'unchanged').map((c) => `${c.status} ${c.path}`)).toEqual([]);
    // `source` names the registration in the files as they are when each run reads them: the
    // first run read the original, this one the migrated copy (same files, moved lines).
    const withoutSource = (list: typeof result.functions) => list.map(({ source, ...rest }) => ({ ...rest, file: source.split(':')[0] }));
    expect(withoutSource(again.functions)).toEqual(withoutSource(result.functions));
  });

  it.each<SourceName>(['v1', 'v2', 'alb'])('generated handlers answer the table like the original (%s events)', async (source) => {
    // Every module shares the copy's store module: replay the table from the seed, in order.
    resetStore(dir, isTs);
    const byRoute = new Map<string, string>();
    for (const f of result.functions) if (f.kind === 'http') byRoute.set(`${f.method} ${f.path}`, f.module);
    let invoked = 0;
    for (const r of requests) {
      // API Gateway answers unmatched paths itself; only routed requests reach a function.
      if (r.route === null) continue;
      const mod = require(path.join(dir, byRoute.get(r.route)!)) as { handler: LambdaHttpHandler };
      const out = await mod.handler(toEvent(source, clientRequest(r)) as never, lambdaContext());
      const headers: Record<string, string | string[]> = {};
      for (const [name, values] of Object.entries(resultHeaders(out))) headers[name] = name === 'set-cookie' ? values : values.join(', ');
      checkResponse(r, { status: (out as { statusCode: number }).statusCode, headers, body: resultBody(out) }, `${byRoute.get(r.route)} (${source})`);
      invoked++;
    }
    expect(invoked).toBe(requests.filter((r) => r.route !== null).length);
  });
});
