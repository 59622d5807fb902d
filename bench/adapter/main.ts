/**
 * `npm run bench:adapter`: a generated per-route Lambda function against the popular adapters
 * wrapping the whole app, on a benchmark service of 61 routes in 10 routers (see
 * generate-service.ts), migrated with the real pipeline. In one run:
 *
 * (a) per-invocation time of the same request (HTTP API v2 and REST v1 events): the generated
 *     handler vs serverless-http and @codegenie/serverless-express wrapping the whole app, for
 *     Express and for Koa. Each (adapter, event) runs in its own fresh process (one adapter per
 *     process, as in a Lambda container): warm-up, then batches of sequential invocations;
 *     the process reports the median batch, and the run reports the median over --rounds
 *     processes, rounds rotating the order. Also the bare bridges (one Node request listener
 *     under each adapter), and the mean over the warm-up (the JIT of a young container).
 *     No forced gc() between batches (V8's testing GC discards optimised code).
 * (b) module initialisation (cold require + wrapping, fresh `node` per sample) of the generated
 *     function vs the whole app wrapped by serverless-http, --init-runs samples each, medians;
 *     as deployed from source (node_modules on disk) and bundled with esbuild per function.
 * (c) the initialisation of every generated Express function (median of 3 samples each), to
 *     show the spread over routes.
 *
 * Ratios are against serverless-http measured in the same run. Timings are never asserted.
 * Options: --rounds N (5), --warmup N (10000), --batches N (10), --batch N (500),
 * --init-runs N (15), --no-all-functions, --keep (leave .bench-tmp/adapter-<pid> for inspection).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshTempDir, goal, log, machineLine, median, ms, quantile, ratio, repoRoot, runNode, table } from '../lib/common';
import { ensureRuntimeBuilt } from '../lib/workspace';
import { eventFactory, type BenchRequest, type EventKind } from './events';
import { DOMAINS } from './dependencies';
import { bearerToken, generateExpressService, generateKoaService, packageOf } from './generate-service';
import type { Adapter, InvokeChildResult, LambdaResult } from './invoke-child';
import { functionModule, migrateService, type MigratedService } from './setup';

interface Options {
  rounds: number;
  warmup: number;
  batches: number;
  batch: number;
  initRuns: number;
  allFunctions: boolean;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  return {
    rounds: value('--rounds', 5),
    warmup: value('--warmup', 10000),
    batches: value('--batches', 10),
    batch: value('--batch', 500),
    initRuns: value('--init-runs', 15),
    allFunctions: !argv.includes('--no-all-functions'),
    keep: argv.includes('--keep'),
  };
}

type Framework = 'express' | 'koa';
type InvokeFramework = Framework | 'bare';
const BENCH_DOMAIN = 'payments';
const BENCH_ID = 'pay_00042';
const GOAL = 0.5;
const FUNCTION_SAMPLES = 3;
/** Lambda's environment for every measured process: no NODE_ENV is set there either; production is what services deploy with. */
const CHILD_ENV = { NODE_ENV: 'production' };

interface InvokeConfig {
  framework: InvokeFramework;
  adapter: Adapter;
  kind: EventKind;
  module: string;
  exportName: string;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const buildDir = __dirname;
  const invokeChild = path.join(buildDir, 'invoke-child.js');
  const probe = path.join(repoRoot(), 'bench', 'adapter', 'init-probe.cjs');

  log('bench:adapter: generated per-route Lambda functions vs whole-app adapters');
  log(`at start: ${machineLine()}`);
  log(ensureRuntimeBuilt());
  const dir = freshTempDir('adapter');
  // Removed however the run ends, unless kept for inspection.
  if (!o.keep) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const express = await migrateService(path.join(dir, 'express-service'), generateExpressService);
  const koa = await migrateService(path.join(dir, 'koa-service'), generateKoaService);
  for (const [name, s] of [['Express 5', express], ['Koa 3 + @koa/router', koa]] as const) {
    log(`${name} service: ${s.routes} routes in 10 routers (routes/<domain>.js), ${(s.bytes / 1024 / 1024).toFixed(1)} MiB of JS; migrated in ${ms(s.migrateMs, 0)} into ${s.functions.length} functions${s.problems.length ? `; ${s.problems.length} warnings:\n  ${s.problems.join('\n  ')}` : ', no warnings'}`);
  }
  if (express.functions.length < 50 || koa.functions.length < 50) throw new Error('the benchmark needs at least 50 routes migrated per service');
  const packages = DOMAINS.map((d) => ({ domain: d.name, pkg: packageOf(d) }));
  log(`each router's controller loads its domain's 3 generated modules (~320 KB: schemas, rule catalogue, API client) and one real package only it uses:`);
  log(`  ${packages.map((p) => `${p.domain}: ${p.pkg.available ? p.pkg.name : `zlib (stand-in: ${DOMAINS.find((d) => d.name === p.domain)!.pkg.name} is not installed)`}`).join(', ')}`);

  const routePath = `/api/${BENCH_DOMAIN}/:id`;
  const request: BenchRequest = {
    path: `/api/${BENCH_DOMAIN}/${BENCH_ID}`,
    query: [['expand', 'lines,owner']],
    resource: `/api/${BENCH_DOMAIN}/{id}`,
    pathParameters: { id: BENCH_ID },
    token: bearerToken(),
  };
  const fns = { express: functionModule(express, 'GET', routePath), koa: functionModule(koa, 'GET', routePath) };
  const apps = { express: path.join(express.root, 'app.js'), koa: path.join(koa.root, 'app.js') };
  log(`benchmarked route: GET ${routePath} (requireAuth + controller, behind the app's JSON body parser and request-id middleware),`);
  log(`  request GET ${request.path}?expand=lines,owner with a bearer token, 3 cookies and 13 other headers (what API Gateway passes on); functions ${path.relative(dir, fns.express.file)}, ${path.relative(dir, fns.koa.file)}`);

  // (a) per-invocation
  log('');
  log(`(a) per-invocation, ${o.rounds} processes per row, each: ${o.warmup} warm-up invocations, ${o.batches} × ${o.batch} measured; per row the median over processes of each process's median batch`);
  const listenerFile = writeBareListener(dir);
  const configs: InvokeConfig[] = [];
  for (const framework of ['express', 'koa', 'bare'] as const) {
    for (const kind of ['v2', 'v1'] as const) {
      for (const adapter of ['lambdashift', 'serverless-http', 'serverless-express'] as const) {
        if (framework === 'bare') {
          // serverless-express only takes frameworks (a bare function is taken for Hapi).
          if (adapter !== 'serverless-express') configs.push({ framework, kind, adapter, module: listenerFile, exportName: 'handler' });
          continue;
        }
        const own = adapter === 'lambdashift';
        configs.push({ framework, kind, adapter, module: own ? fns[framework].file : apps[framework], exportName: own ? fns[framework].exportName : 'handler' });
      }
    }
  }
  const samples = new Map<InvokeConfig, { wall: number[]; cpu: number[]; warmup: number[] }>(configs.map((c) => [c, { wall: [], cpu: [], warmup: [] }]));
  const firsts = new Map<InvokeConfig, LambdaResult>();
  for (let round = 0; round < o.rounds; round++) {
    const shift = (round * 5) % configs.length;
    for (const c of [...configs.slice(shift), ...configs.slice(0, shift)]) {
      const args = ['--adapter', c.adapter, '--module', c.module, '--export', c.exportName, '--event-kind', c.kind, '--request', JSON.stringify(request)];
      args.push('--warmup', String(o.warmup), '--batches', String(o.batches), '--batch', String(o.batch));
      if (c.framework === 'bare') args.push('--listener');
      const run = await runNode<InvokeChildResult>(invokeChild, args, { env: CHILD_ENV });
      samples.get(c)!.wall.push(median(run.result.nsPerOp));
      samples.get(c)!.cpu.push(median(run.result.cpuNsPerOp));
      samples.get(c)!.warmup.push(run.result.warmupNsPerOp);
      firsts.set(c, run.result.first);
    }
    log(`  round ${round + 1}/${o.rounds} done (load ${loadNow()})`);
  }
  const invokeRows: string[][] = [['framework', 'event', 'adapter', 'wall µs/op', 'min–max', 'vs s-http', `goal ≤ ${GOAL}×`, 'CPU µs/op', 'vs s-http', 'warm-up µs/op', 'vs s-http']];
  const invokeGoals: string[] = [];
  const frameworkLabel = { express: 'express', koa: 'koa', bare: 'bare listener' };
  for (const framework of ['express', 'koa', 'bare'] as const) {
    for (const kind of ['v2', 'v1'] as const) {
      const rows = configs.filter((c) => c.framework === framework && c.kind === kind);
      const anchorRow = samples.get(rows.find((c) => c.adapter === 'serverless-http')!)!;
      const anchor = median(anchorRow.wall);
      const cpuAnchor = median(anchorRow.cpu);
      const warmupAnchor = median(anchorRow.warmup);
      for (const c of rows) {
        const { wall, cpu, warmup } = samples.get(c)!;
        const m = median(wall);
        const g = c.adapter === 'lambdashift' && framework !== 'bare' ? goal(m / anchor, GOAL) : '';
        if (g) invokeGoals.push(`${framework} ${kind}: ${(m / anchor).toFixed(2)}× wall, ${(median(cpu) / cpuAnchor).toFixed(2)}× CPU (${g})`);
        const label = c.adapter === 'lambdashift' ? (framework === 'bare' ? 'lambdashift createHttpHandler' : 'lambdashift (per-route fn)') : `${c.adapter}${framework === 'bare' ? '' : ' (whole app)'}`;
        invokeRows.push([frameworkLabel[framework], kind === 'v2' ? 'HTTP API v2' : 'REST v1', label, (m / 1000).toFixed(1), `${(Math.min(...wall) / 1000).toFixed(0)}–${(Math.max(...wall) / 1000).toFixed(0)}`, ratio(m, anchor), g, (median(cpu) / 1000).toFixed(1), ratio(median(cpu), cpuAnchor), (median(warmup) / 1000).toFixed(1), ratio(median(warmup), warmupAnchor)]);
      }
      checkSameAnswers(framework, kind, rows.map((c) => [c.adapter, firsts.get(c)!] as const));
    }
  }
  for (const line of table(invokeRows)) log(`  ${line}`);
  log('  ("bare listener": the same Node request listener, ~1 KB JSON answer, under each bridge: the adapters\' own cost, no framework;');
  log(`   wall/CPU: steady state after ${o.warmup} invocations; "warm-up": mean over those first ${o.warmup}, while the JIT settles)`);

  // (b) module initialisation
  log('');
  const eventFile = path.join(dir, 'event-v2.json');
  fs.writeFileSync(eventFile, JSON.stringify(eventFactory('v2', request)()));
  const bundles = bundleForInit(dir, express, koa, fns);
  interface InitConfig {
    label: string;
    framework: Framework;
    group: 'source' | 'bundled';
    adapter: 'module' | 'serverless-http' | 'serverless-express';
    file: string;
    exportName: string;
    anchor?: boolean;
    ours?: boolean;
  }
  const initConfigs: InitConfig[] = [
    { label: 'lambdashift per-route fn', framework: 'express', group: 'source', adapter: 'module', file: fns.express.file, exportName: fns.express.exportName, ours: true },
    { label: 'serverless-http (whole app)', framework: 'express', group: 'source', adapter: 'serverless-http', file: apps.express, exportName: 'handler', anchor: true },
    { label: 'serverless-express (whole app)', framework: 'express', group: 'source', adapter: 'serverless-express', file: apps.express, exportName: 'handler' },
    { label: 'lambdashift per-route fn', framework: 'express', group: 'bundled', adapter: 'module', file: bundles.expressFunction, exportName: fns.express.exportName, ours: true },
    { label: 'serverless-http (whole app)', framework: 'express', group: 'bundled', adapter: 'module', file: bundles.expressApp, exportName: 'handler', anchor: true },
    { label: 'lambdashift per-route fn', framework: 'koa', group: 'source', adapter: 'module', file: fns.koa.file, exportName: fns.koa.exportName, ours: true },
    { label: 'serverless-http (whole app)', framework: 'koa', group: 'source', adapter: 'serverless-http', file: apps.koa, exportName: 'handler', anchor: true },
    { label: 'lambdashift per-route fn', framework: 'koa', group: 'bundled', adapter: 'module', file: bundles.koaFunction, exportName: fns.koa.exportName, ours: true },
    { label: 'serverless-http (whole app)', framework: 'koa', group: 'bundled', adapter: 'module', file: bundles.koaApp, exportName: 'handler', anchor: true },
  ];
  log(`(b) module initialisation (cold start in a fresh node process: require + wrap), ${o.initRuns} samples per row, order rotating;`);
  log(`    "source" = deployed as files with node_modules; "bundled" = one esbuild bundle per function (${bundles.sizes})`);
  interface ProbeResult {
    initMs: number;
    initCpuMs: number;
    firstInvokeMs: number;
    statusCode: number;
    rssMiB: number;
    modules: number;
  }
  const initSamples = new Map<InitConfig, Array<ProbeResult & { wallMs: number }>>(initConfigs.map((c) => [c, []]));
  for (let run = 0; run < o.initRuns; run++) {
    const shift = (run * 4) % initConfigs.length;
    for (const c of [...initConfigs.slice(shift), ...initConfigs.slice(0, shift)]) {
      const r = await runNode<ProbeResult>(probe, [c.adapter, c.file, c.exportName, eventFile], { env: CHILD_ENV });
      if (r.result.statusCode !== 200) throw new Error(`${c.framework} ${c.label}: first invocation answered ${r.result.statusCode}`);
      initSamples.get(c)!.push({ ...r.result, wallMs: r.wallMs });
    }
  }
  const initRows: string[][] = [['framework', 'deploy', 'handler', 'init', 'vs whole app', `goal ≤ ${GOAL}×`, 'init CPU', 'vs', 'first invoke', 'init+first vs', 'process wall', 'RSS', 'modules']];
  const initGoals: string[] = [];
  const initColdGoals: string[] = [];
  let expressWholeAppInit = NaN;
  for (const framework of ['express', 'koa'] as const) {
    for (const group of ['source', 'bundled'] as const) {
      const rows = initConfigs.filter((c) => c.framework === framework && c.group === group);
      const anchorSamples = initSamples.get(rows.find((c) => c.anchor)!)!;
      const anchor = median(anchorSamples.map((s) => s.initMs));
      const anchorCold = median(anchorSamples.map((s) => s.initMs + s.firstInvokeMs));
      const anchorCpu = median(anchorSamples.map((s) => s.initCpuMs));
      if (framework === 'express' && group === 'source') expressWholeAppInit = anchor;
      for (const c of rows) {
        const s = initSamples.get(c)!;
        const init = median(s.map((x) => x.initMs));
        const cold = median(s.map((x) => x.initMs + x.firstInvokeMs));
        const g = c.ours ? goal(init / anchor, GOAL) : '';
        if (g) initGoals.push(`${framework} ${group}: ${(init / anchor).toFixed(2)}× (${g})`);
        if (c.ours) initColdGoals.push(`${framework} ${group}: ${(cold / anchorCold).toFixed(2)}×`);
        const cpu = median(s.map((x) => x.initCpuMs));
        initRows.push([framework, group, c.label, ms(init), ratio(init, anchor), g, ms(cpu), ratio(cpu, anchorCpu), ms(median(s.map((x) => x.firstInvokeMs))), ratio(cold, anchorCold), ms(median(s.map((x) => x.wallMs)), 0), `${median(s.map((x) => x.rssMiB)).toFixed(0)} MiB`, String(s[0]!.modules)]);
      }
    }
  }
  for (const line of table(initRows)) log(`  ${line}`);

  // (c) every function
  if (o.allFunctions) {
    log('');
    log(`(c) init of each of the ${express.functions.length} generated Express functions (source deploy, median of ${FUNCTION_SAMPLES} samples each) vs the whole app's median above (${ms(expressWholeAppInit)})`);
    const perFunction: Array<{ name: string; initMs: number }> = express.functions.map((f) => ({ name: f.name, initMs: NaN }));
    const perFunctionSamples: number[][] = express.functions.map(() => []);
    for (let run = 0; run < FUNCTION_SAMPLES; run++) {
      for (const [i, f] of express.functions.entries()) {
        const r = await runNode<ProbeResult>(probe, ['module', path.join(express.root, f.module), f.export, eventFile], { env: CHILD_ENV });
        perFunctionSamples[i]!.push(r.result.initMs);
      }
    }
    perFunction.forEach((f, i) => (f.initMs = median(perFunctionSamples[i]!)));
    const inits = perFunction.map((f) => f.initMs);
    log(`  median ${ms(median(inits))} (${ratio(median(inits), expressWholeAppInit)}), p90 ${ms(quantile(inits, 0.9))} (${ratio(quantile(inits, 0.9), expressWholeAppInit)}), max ${ms(Math.max(...inits))} (${ratio(Math.max(...inits), expressWholeAppInit)})`);
    const over = perFunction.filter((f) => f.initMs > GOAL * expressWholeAppInit);
    log(`  over ${GOAL}× the whole app: ${over.length}/${perFunction.length}${over.length ? `: ${over.map((f) => `${f.name} ${ratio(f.initMs, expressWholeAppInit)}`).join(', ')}` : ''}`);
  }

  log('');
  log('goals (lambdashift per-route function vs serverless-http wrapping the whole app, same run):');
  log(`  per-invocation ≤ ${GOAL}×: ${invokeGoals.join('; ')}`);
  log(`  initialisation ≤ ${GOAL}×: ${initGoals.join('; ')}`);
  log(`  (init + first invocation, for information: ${initColdGoals.join('; ')})`);
  log(`at end: ${machineLine()} (wall times on a loaded machine are noisy; compare ratios)`);
  if (o.keep) log(`kept ${dir}`);
}

function loadNow(): string {
  return machineLine().split(' on ')[0]!.replace('load average ', '');
}

/** Every adapter must give the same answer for the same event: status, body, the app's headers. */
function checkSameAnswers(framework: string, kind: EventKind, answers: ReadonlyArray<readonly [string, LambdaResult]>): void {
  const summary = (r: LambdaResult): string => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    for (const [k, v] of Object.entries(r.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.map(String).join(', ');
    // content-length is framing: serverless-http leaves it out when the app does not set it.
    const pick = ['content-type', 'cache-control', 'x-request-id', 'etag'].map((h) => `${h}=${headers[h] ?? '-'}`);
    return `${r.statusCode} ${pick.join(' ')} ${r.isBase64Encoded ? Buffer.from(r.body ?? '', 'base64').toString() : r.body}`;
  };
  const [[refName, ref]] = answers as [readonly [string, LambdaResult]];
  for (const [name, r] of answers.slice(1)) {
    if (summary(r) !== summary(ref)) log(`  WARNING ${framework} ${kind}: ${name} answered differently from ${refName}:\n    ${summary(ref).slice(0, 300)}\n    ${summary(r).slice(0, 300)}`);
  }
}

/** A bare Node request listener answering like the benchmarked route (status, 3 headers, ~1 KB of JSON). */
function writeBareListener(dir: string): string {
  const file = path.join(dir, 'bare-listener', 'listener.js');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const item = {
    id: BENCH_ID,
    status: 'active',
    amount: 183421,
    currency: 'EUR',
    region: 'EU',
    rule: 'PAY-0294',
    revision: 7,
    createdAt: '2024-01-02T18:00:00.000Z',
    updatedAt: '2024-06-01T00:42:00.000Z',
    tags: ['priority', 'merchant'],
    owner: { id: 'usr_00043', name: 'Owner 43', email: 'owner43@example.com' },
    lines: [1, 2, 3].map((n) => ({ sku: `SKU-42-${n}`, quantity: n, unitPrice: 100 * n + 42, description: `Margin reference rule for vendor zone line ${n}` })),
    metadata: { source: 'import', batch: 'b6', checksum: 2632755066 },
    links: { self: `/api/payments/${BENCH_ID}`, owner: '/api/users/usr_00043' },
  };
  fs.writeFileSync(
    file,
    `'use strict';
const body = ${JSON.stringify(JSON.stringify(item))};
module.exports = function listener(req, res) {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'private, max-age=30');
  res.setHeader('X-Request-Id', req.headers['x-request-id'] || 'none');
  res.end(body);
};
`,
  );
  fs.symlinkSync(path.join(dir, 'express-service', 'node_modules'), path.join(dir, 'bare-listener', 'node_modules'), 'dir');
  return file;
}

/** esbuild bundles of the benchmarked functions and of the whole apps wrapped by serverless-http. */
function bundleForInit(
  dir: string,
  express: MigratedService,
  koa: MigratedService,
  fns: Record<Framework, { file: string }>,
): { expressFunction: string; expressApp: string; koaFunction: string; koaApp: string; sizes: string } {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = path.join(dir, 'bundles');
  const entries: Record<string, string> = {};
  for (const [framework, service] of [['express', express], ['koa', koa]] as const) {
    const whole = path.join(service.root, 'whole-app-lambda.js');
    fs.writeFileSync(whole, `'use strict';\nexports.handler = require('serverless-http')(require('./app.js'));\n`);
    entries[`${framework}-function`] = fns[framework].file;
    entries[`${framework}-app`] = whole;
  }
  const sizes: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const outfile = path.join(out, `${name}.js`);
    esbuild.buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: `node${process.versions.node.split('.')[0]}`, logLevel: 'error' });
    sizes.push(`${name} ${(fs.statSync(outfile).size / 1024 / 1024).toFixed(2)} MiB`);
  }
  return {
    expressFunction: path.join(out, 'express-function.js'),
    expressApp: path.join(out, 'express-app.js'),
    koaFunction: path.join(out, 'koa-function.js'),
    koaApp: path.join(out, 'koa-app.js'),
    sizes: sizes.join(', '),
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:adapter: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
