/**
 * Start-up side effects (issue 13): the entry (which also sets literal settings, carried into
 * the split functions: `json spaces`, `x-powered-by`) extracts inline handlers into itself, so every
 * generated function loads it, and with it a `setInterval` heartbeat, a websocket server, a
 * node-cron job the migration refused (every 10 seconds) and, through `./metrics`, another
 * timer. After `migrate --write` each is guarded by `AWS_LAMBDA_FUNCTION_NAME`: every function,
 * bundled as the generated serverless.yml says, loads in a Lambda-like environment and the
 * process then exits by itself (nothing started, no open handle); the rewritten server run
 * outside Lambda still starts every one of them; and the bundles answer like the original.
 * Readiness says so: `migrate` reports what it guards as running only outside Lambda (info),
 * except the refused schedule, which is then lost on Lambda (still an error); `check` on the
 * untouched service keeps the severities, and on the migrated one sees the guards.
 *
 * koa-startup-esm-ts: the same for Koa in ES-module TypeScript, served by
 * `http.createServer(app.callback()).listen(...)` beside a timer in the entry, whose inline
 * `/health` handler is extracted into it; inline `router.param` middleware (typed for
 * `tsc --strict`) and guards exported under reserved names (`export { x as protected }`).
 *
 * express-startup-esm (JavaScript, ES modules): the same start-up inside functions, as services
 * write it: an async `start()` connects the store the routes read, sets a timer and then calls
 * `server.listen`, an exported `startMetricsServer()` in another module returns
 * `http.createServer(...).listen(port)`, beside a ws server on the HTTP server with the ws
 * README's heartbeat interval and a timer. Each listen is guarded where it is (the store still
 * connects in Lambda); outside Lambda everything starts as before.
 *
 * examples/express-links-service (JavaScript, CommonJS): `http.createServer(app)` and
 * `server.listen` in the entry, guards read as `locals.protected` from a module whose exports
 * are reserved words: bundled as deployed, loaded in Lambda, replayed like the original.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, fixtureRequests, migrateAndBundle, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { probeImport, removeTempDirs, serviceInfo, typecheck } from '../behaviour/harness';
import { checkService } from '../../src/readiness/check-service';
import type { ReadinessFinding } from '../../src/model/readiness-finding';

jest.setTimeout(180000);

const FIXTURE = path.join(__dirname, 'fixtures', 'express-startup-cjs');
const PACKAGES = ['express', 'node-cron', 'ws'];
const LAMBDA_ENV = { AWS_LAMBDA_FUNCTION_NAME: 'lambdashift-startup-test' };

/**
 * Loads each bundle (CommonJS or ES module) in its own process with Lambda's environment:
 * the process must exit by itself (nothing started) with a `handler` export and no output.
 */
function bundleLoads(bundles: DeployedBundle[], cwd: string): Array<{ name: string; status: number | null; signal: string | null; stderr: string }> {
  const load = 'import(require("node:url").pathToFileURL(process.argv[1]).href).then((m) => { if (typeof m.handler !== "function") process.exit(3); });';
  return bundles.map((b) => {
    const run = spawnSync(process.execPath, ['-e', load, b.file], { cwd, env: { ...process.env, ...LAMBDA_ENV }, encoding: 'utf8', timeout: 15000 });
    return { name: b.name, status: run.status, signal: run.signal, stderr: run.stderr };
  });
}

/**
 * Loads each file (CommonJS or ES module) in turn in one child that records what each starts:
 * timers, node-cron schedules, websocket servers (ws's `upgrade` listener on an HTTP server),
 * listening sockets (not opened). `exit` (outside Lambda, where timers keep the process
 * alive): the record is printed after a moment and the child exits; otherwise it is printed
 * once the event loop is empty, so the child must also end by itself.
 */
const RECORD = `
const Module = require('node:module');
const http = require('node:http');
const net = require('node:net');
const { pathToFileURL } = require('node:url');
const [mode, ...files] = process.argv.slice(1);
const started = {};
let current = null;
const note = (what) => (started[current] ??= []).push(what);
const setInterval0 = global.setInterval;
global.setInterval = function (...a) { note('setInterval'); return setInterval0.apply(this, a); };
net.Server.prototype.listen = function () { note('listen'); return this; };
const on = http.Server.prototype.on;
http.Server.prototype.on = function (event, ...rest) { if (event === 'upgrade') note('WebSocketServer'); return on.call(this, event, ...rest); };
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = load.call(this, request, ...rest);
  if (request === 'node-cron' && !m.__wrapped) {
    m.schedule = () => { note('cron.schedule'); return { stop() {} }; };
    m.__wrapped = true;
  }
  return m;
};
let printed = false;
const print = () => { if (printed) return; printed = true; for (const f of files) started[f] = (started[f] ?? []).sort(); process.stdout.write(JSON.stringify(started)); };
(async () => {
  for (const f of files) {
    current = f;
    started[f] = [];
    await import(pathToFileURL(f).href);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (mode === 'exit') setTimeout(() => { print(); process.exit(0); }, 300);
})();
process.on('beforeExit', print);
`;

/** What loading each file starts (see RECORD); with `exit: false` the child must end by itself. */
function startedByEach(files: string[], env: Record<string, string>, exit = true): { status: number | null; signal: string | null; started: Record<string, string[]>; stderr: string } {
  const run = spawnSync(process.execPath, ['-e', RECORD, exit ? 'exit' : 'self', ...files], { cwd: path.dirname(files[0]!), env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30000 });
  return { status: run.status, signal: run.signal, started: run.stdout ? (JSON.parse(run.stdout) as Record<string, string[]>) : {}, stderr: run.stderr };
}

function startedBy(file: string, env: Record<string, string>): string[] {
  const run = startedByEach([file], env);
  if (run.status !== 0) throw new Error(`loading ${file} failed: ${run.stderr}`);
  return run.started[file] ?? [];
}

afterAll(removeTempDirs);

describe('express-startup-cjs', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    ({ original, copy, result, bundles } = await migrateAndBundle(FIXTURE, PACKAGES));
  });

  it('migrates the routes and reports only the refused schedule (no guard refused)', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['src/server.js:34 schedule/refused']);
    expect(result.functions.map((f) => f.name).sort()).toEqual(['appFallback', 'getHealth', 'getMetrics']);
  });

  it('readiness reports guarded start-up work as running only outside Lambda, unguarded work as before', async () => {
    const show = (findings: ReadinessFinding[] | undefined): string[] =>
      (findings ?? []).filter((f) => f.rule !== 'module-state' && f.file.startsWith('src/')).map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}${/runs only outside Lambda|skips it in every function/.test(f.message) ? ' (guarded)' : ''}`);
    const asIs = [
      'warning background-work src/metrics.js:15',
      'warning background-work src/server.js:24',
      'error websocket src/server.js:30',
      'error refused-schedule src/server.js:34',
      'error extra-server src/server.js:36',
    ];
    const migrated = [
      'info background-work src/metrics.js:15 (guarded)',
      'info background-work src/server.js:24 (guarded)',
      'info websocket src/server.js:30 (guarded)',
      'error refused-schedule src/server.js:34 (guarded)',
      'info extra-server src/server.js:36 (guarded)',
    ];
    expect(show(result.readiness)).toEqual(migrated);
    expect(show((await checkService({ root: original })).readiness)).toEqual(asIs);
    // The migrated copy carries the guards: lines moved, findings the same as migrate's (the
    // bundles this suite wrote under .esbuild/ are not the service's sources).
    const after = show((await checkService({ root: copy })).readiness).map((l) => l.replace(/:\d+/, ''));
    expect(after).toEqual(migrated.map((l) => l.replace(/:\d+/, '')));
    // The heartbeat counter is written only by the guarded timer: no module-state finding after the migration.
    expect((result.readiness ?? []).filter((f) => f.rule === 'module-state').map((f) => `${f.file}:${f.line}`)).toEqual(['src/metrics.js:3', 'src/metrics.js:4']);
  });

  it('outside Lambda the rewritten server still starts everything the original starts', () => {
    const everything = ['WebSocketServer', 'cron.schedule', 'listen', 'setInterval', 'setInterval'];
    expect(startedBy(path.join(original, 'src/server.js'), {})).toEqual(everything);
    expect(startedBy(path.join(copy, 'src/server.js'), {})).toEqual(everything);
    // The original starts it all in Lambda too; the rewritten file starts nothing there.
    expect(startedBy(path.join(original, 'src/server.js'), LAMBDA_ENV)).toEqual(everything);
    expect(startedBy(path.join(copy, 'src/server.js'), LAMBDA_ENV)).toEqual([]);
  });

  it('each function, bundled as deployed and loaded with Lambda’s environment, starts nothing: the process exits by itself', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual(['appFallback', 'getHealth', 'getMetrics']);
    expect(bundleLoads(bundles, copy)).toEqual(bundles.map((b) => ({ name: b.name, status: 0, signal: null, stderr: '' })));
  });

  it('the bundles answer like the original over HTTP', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

describe('express-startup-esm', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];
  const METRICS = { METRICS_PORT: '9464' };

  beforeAll(async () => {
    ({ original, copy, result, bundles } = await migrateAndBundle(path.join(__dirname, 'fixtures', 'express-startup-esm'), ['express', 'ws']));
  });

  it('guards each listen where it happens: inside start() after the store connects, inside the exported startMetricsServer()', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info' && !d.code?.startsWith('readiness/'))).toEqual([]);
    expect(result.functions.map((f) => f.name).sort()).toEqual(['appFallback', 'getNotes', 'getNotesById', 'postNotes']);
    const server = fsRead(copy, 'src/server.js');
    // The timer start() sets after connecting is guarded where it is too (guard-startup).
    expect(server).toContain('async function start() {\n  await connect(process.env.DATABASE_URL);\n  // Checks the store every five minutes.\n  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n    setInterval(() => notes.list(), 300000).unref();\n  }\n  if (process.env.METRICS_PORT) startMetricsServer(Number(process.env.METRICS_PORT));\n  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n    server.listen(PORT');
    // The ws README's heartbeat (the interval reads `wss`, `wss.on('close')` clears it): one block.
    expect(server).toMatch(/if \(!process\.env\.AWS_LAMBDA_FUNCTION_NAME\) \{\n  const wss = new WebSocketServer\(\{ server \}\);[\s\S]*wss\.on\('close', \(\) => clearInterval\(interval\)\);\n\n  \/\/ Logs the store/);
    expect(fsRead(copy, 'src/metrics.js')).toContain('export function startMetricsServer(port) {\n  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n    return http');
  });

  it('outside Lambda the rewritten server still starts everything the original starts; in Lambda nothing', () => {
    const everything = ['WebSocketServer', 'listen', 'listen', 'setInterval', 'setInterval', 'setInterval'];
    expect(startedBy(path.join(original, 'src/server.js'), METRICS)).toEqual(everything);
    expect(startedBy(path.join(copy, 'src/server.js'), METRICS)).toEqual(everything);
    expect(startedBy(path.join(original, 'src/server.js'), { ...METRICS, ...LAMBDA_ENV })).toEqual(everything);
    expect(startedBy(path.join(copy, 'src/server.js'), { ...METRICS, ...LAMBDA_ENV })).toEqual([]);
  });

  it('every bundle, loaded in one Lambda-like process, starts nothing and the process exits by itself', () => {
    expect(bundles.every((b) => b.file.endsWith('.mjs'))).toBe(true);
    const run = startedByEach(bundles.map((b) => b.file), { ...METRICS, ...LAMBDA_ENV }, false);
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(run.started).toEqual(Object.fromEntries(bundles.map((b) => [b.file, []])));
  });

  it('the bundles answer like the original over HTTP (the store start() connects is there), unmatched requests included', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

describe('koa-startup-esm-ts', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    ({ original, copy, result, bundles } = await migrateAndBundle(path.join(__dirname, 'fixtures', 'koa-startup-esm-ts'), ['koa', '@koa/router', '@types/koa', '@types/koa__router', '@types/node']));
  });

  it('migrates every route, names extracted handlers without positional numbers, guards the timer and the callback server', () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info' && !d.code?.startsWith('readiness/'))).toEqual([]);
    expect(result.functions.map((f) => f.name).sort()).toEqual(['appFallback', 'deleteItemsById', 'getHealth', 'getItems', 'getItemsById']);
    const items = result.changes.get('src/routes/items.ts')!.after!;
    expect(items.match(/export const \w+/g)).toEqual(['export const itemsRouter', 'export const idParam', 'export const getRootHandler', 'export const getByIdHandler', 'export const deleteByIdHandler']);
    expect((result.readiness ?? []).filter((f) => f.file === 'src/server.ts').map((f) => `${f.severity} ${f.rule} ${f.line}`)).toEqual(['info background-work 20', 'info extra-server 24']);
    // Comments stay with the code they describe: above the extracted handler, above the guard.
    expect(items).toContain('// Loads the item named in the path, or answers 404.\nexport const idParam');
    const server = result.changes.get('src/server.ts')!.after!;
    expect(server).toContain('// Liveness probe for the load balancer.\nexport const getHealthHandler');
    expect(server).toContain('// Counts the minutes the server has been up.\nif (!process.env.AWS_LAMBDA_FUNCTION_NAME) {\n  setInterval(');
  });

  it('generated modules and the rewritten sources compile under tsc --strict (param middleware typed as such)', () => {
    const generated = fsRead(copy, 'lambda/http/deleteItemsById.ts');
    // `protected` is exported under a reserved name: imported under another one.
    expect(generated).toMatch(/import \{ protected as \w+ \} from '..\/..\/src\/lib\/guards.js';/);
    const { status, output } = typecheck(copy, ['src', 'lambda']);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('the rewritten entry still starts the callback server when imported outside Lambda (pm2, wrappers), not in Lambda', async () => {
    const info = serviceInfo(copy);
    expect((await probeImport(info.main, true, info.child)).listenCalls.length).toBe(1);
    expect((await probeImport(info.main, true, { ...info.child, env: LAMBDA_ENV })).listenCalls).toEqual([]);
  });

  it('each function, bundled as deployed (ES modules) and loaded with Lambda’s environment, starts nothing', () => {
    expect(bundles.every((b) => b.file.endsWith('.mjs'))).toBe(true);
    expect(bundleLoads(bundles, copy)).toEqual(bundles.map((b) => ({ name: b.name, status: 0, signal: null, stderr: '' })));
  });

  it('the bundles answer like the original over HTTP, unmatched requests included', async () => {
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

describe('express-links-service (example)', () => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    ({ original, copy, result, bundles } = await migrateAndBundle(path.join(__dirname, '../../examples/express-links-service'), ['express']));
  });

  it('binds no reserved word, bundles load in Lambda and start nothing, and answer like the original', async () => {
    expect(result.diagnostics.filter((d) => d.severity !== 'info' && !d.code?.startsWith('readiness/'))).toEqual([]);
    const modules = result.changes.entries().filter((c) => c.path.startsWith('lambda/http/') && c.after).map((c) => c.after!);
    expect(modules.join('\n')).toMatch(/protected: \w+ \}|locals\.protected/);
    expect(modules.join('\n')).not.toMatch(/(const|let|var) \{[^}]*\bprotected\b(?!:)[^}]*\}/);
    expect(bundleLoads(bundles, copy)).toEqual(bundles.map((b) => ({ name: b.name, status: 0, signal: null, stderr: '' })));
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });
});

function fsRead(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}
