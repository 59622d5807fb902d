/**
 * Per-request overhead of `lambdashift serve` on top of the handler, next to serverless-offline's
 * for the same handler and request, measured in one run on loopback.
 *
 *   node bench/serve/run.js [--requests N] [--warmup N]
 *
 * One tiny handler (`{ statusCode: 200, body: 'ok' }`) is served by both; a keep-alive client
 * sends the same GET sequentially, in interleaved rounds. Overhead = request latency − mean
 * handler time (the handler called directly, in-process); the ratio is given by median and by
 * mean. Both emulators run handlers in worker threads.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startServer } from '../../src/serve/server';
import { startOffline } from '../../test/e2e/offline';
import { packageDir } from '../../test/e2e/tools';

const HANDLER = "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' });\n";

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const v = i === -1 ? fallback : Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

/** Sends `count` sequential GETs over one keep-alive connection; returns each latency in ms. */
async function measure(url: string, count: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return times;
}

function stats(times: number[]): { mean: number; p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(0.5), p95: at(0.95) };
}

async function handlerTime(file: string, count: number): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(file) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
  const event = { version: '2.0', rawPath: '/hello', rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET' } } };
  for (let i = 0; i < 1000; i++) await handler(event, {});
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await handler(event, {});
  return Number(process.hrtime.bigint() - started) / 1e6 / count;
}

export async function main(argv: string[]): Promise<number> {
  const requests = option(argv, 'requests', 2000);
  const warmup = option(argv, 'warmup', 200);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-bench-serve-'));
  fs.writeFileSync(path.join(root, 'handler.js'), HANDLER);
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "bench-serve", "version": "1.0.0" }\n');
  fs.writeFileSync(
    path.join(root, 'serverless.yml'),
    ['service: bench-serve', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'plugins:', '  - serverless-offline', 'functions:', '  hello:', '    handler: handler.handler', '    events:', '      - httpApi:', '          method: GET', '          path: /hello', ''].join('\n'),
  );
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(packageDir('serverless-offline'), path.join(root, 'node_modules', 'serverless-offline'), 'dir');

  const serve = await startServer({
    root,
    port: 0,
    api: 'http',
    watch: false,
    loadTable: async (r) => ({
      root: r,
      http: [{ name: 'hello', module: path.join(r, 'handler.js'), exportName: 'handler', method: 'GET', apiPath: '/hello', path: '/hello' }],
      schedules: [],
      missing: [],
    }),
  });
  let offline: Awaited<ReturnType<typeof startOffline>> | undefined;
  try {
    offline = await startOffline(root, 120000);
    const handlerMs = await handlerTime(path.join(root, 'handler.js'), requests);
    const results: Array<[string, ReturnType<typeof stats>]> = [];
    // Interleaved rounds, so drift in machine load hits both alike.
    const serveTimes: number[] = [];
    const offlineTimes: number[] = [];
    await measure(`${serve.url}/hello`, warmup);
    await measure(`${offline.url}/hello`, warmup);
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      serveTimes.push(...(await measure(`${serve.url}/hello`, Math.ceil(requests / rounds))));
      offlineTimes.push(...(await measure(`${offline.url}/hello`, Math.ceil(requests / rounds))));
    }
    results.push(['lambdashift serve', stats(serveTimes)], ['serverless-offline', stats(offlineTimes)]);
    const fmt = (n: number) => n.toFixed(3).padStart(8);
    console.log(`handler alone (in-process, mean of ${requests}): ${handlerMs.toFixed(4)} ms`);
    console.log(`${'emulator'.padEnd(20)} ${'mean ms'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'overhead'.padStart(8)}`);
    for (const [name, s] of results) console.log(`${name.padEnd(20)} ${fmt(s.mean)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.mean - handlerMs)}`);
    const [s, o] = [results[0]![1], results[1]![1]];
    // The median is the robust figure on a shared machine; the mean carries every GC pause and scheduler hiccup.
    console.log(`overhead ratio serverless-offline / serve: ${((o.p50 - handlerMs) / (s.p50 - handlerMs)).toFixed(1)}x by median, ${((o.mean - handlerMs) / (s.mean - handlerMs)).toFixed(1)}x by mean (${requests} sequential keep-alive GETs each, ${warmup} warm-up, Node ${process.versions.node}, ${os.cpus().length} cores)`);
    return 0;
  } finally {
    await offline?.stop();
    await serve.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
