/**
 * A sample service as the behaviour tests see it: where `npm start` starts it, which module is
 * its `main`, its language and module system, and the replays against it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { HttpFunctionEntry } from '../../../src/model/function-entry';
import type { ReplayRequest } from '../../examples/replay';
import { compareResponses, resultToResponse } from './compare';
import { albMultiValue, buildEvent, type EventSource } from './events';
import { sendHttp, type Recorded } from './http';
import type { ChildOptions, HostedModule, LambdaHost, RunningServer } from './processes';
import { matchRoute, type RouteMatch } from './routing';
import { REPO_ROOT } from './workspace';

export interface ServiceInfo {
  dir: string;
  language: 'ts' | 'js';
  esm: boolean;
  /** Absolute path of the file `npm start` runs (for TypeScript built to dist/, its source in src/). */
  entry: string;
  /** Absolute path of the package's main module, same mapping. */
  main: string;
  /** Options for child processes running this service's code. */
  child: ChildOptions;
}

interface PackageJson {
  type?: string;
  main?: string;
  exports?: unknown;
  scripts?: Record<string, string>;
}

/**
 * The source file behind `rel`: `dist/server.js` → `src/server.ts` when the service is
 * TypeScript compiled to dist/ (preferred even when a dist/ exists, which may be stale), else
 * the file itself, with Node's extension and index lookup.
 */
function sourceOf(dir: string, rel: string): string {
  const fromSrc = rel.replace(/^\.?\/?(dist|build|lib)\//, 'src/').replace(/\.(c|m)?js$/, (m) => m.replace('js', 'ts'));
  if (fromSrc !== rel && fs.existsSync(path.join(dir, fromSrc))) return path.join(dir, fromSrc);
  const direct = path.join(dir, rel);
  if (fs.existsSync(direct) && fs.statSync(direct).isFile()) return direct;
  for (const ext of ['.js', '.ts', '.mjs', '.cjs', '/index.js', '/index.ts']) {
    if (fs.existsSync(direct + ext)) return direct + ext;
  }
  throw new Error(`${dir}: cannot find the source of ${rel}`);
}

/** Raw compilerOptions of `dir/tsconfig.json` (and of the config it extends), for esbuild. */
function tsconfigRaw(dir: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  const visit = (file: string): void => {
    const read = ts.readConfigFile(file, ts.sys.readFile);
    if (read.error || !read.config) return;
    const config = read.config as { extends?: string; compilerOptions?: Record<string, unknown> };
    if (typeof config.extends === 'string' && config.extends.startsWith('.')) visit(path.resolve(path.dirname(file), config.extends));
    Object.assign(merged, config.compilerOptions ?? {});
  };
  const file = path.join(dir, 'tsconfig.json');
  if (fs.existsSync(file)) visit(file);
  return merged;
}

export function serviceInfo(dir: string): ServiceInfo {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  const start = pkg.scripts?.start ?? '';
  const m = /(?:^|\s)(?:node|ts-node|tsx)(?:\s+-\S+)*\s+([^\s&|;]+)/.exec(start);
  if (!m) throw new Error(`${dir}: start script ${JSON.stringify(start)} does not run a file with node`);
  const exportsMain = typeof pkg.exports === 'string' ? pkg.exports : (pkg.exports as Record<string, unknown> | undefined)?.['.'];
  const main = pkg.main ?? (typeof exportsMain === 'string' ? exportsMain : 'index.js');
  const language = fs.existsSync(path.join(dir, 'tsconfig.json')) ? 'ts' : 'js';
  return {
    dir,
    language,
    esm: pkg.type === 'module',
    entry: sourceOf(dir, m[1]!),
    main: sourceOf(dir, main),
    child: { cwd: dir, tsconfigRaw: language === 'ts' ? tsconfigRaw(dir) : {} },
  };
}

/** Replays the table in order over real HTTP. */
export async function replayHttp(server: RunningServer, requests: ReplayRequest[]): Promise<Recorded[]> {
  const out: Recorded[] = [];
  for (const r of requests) out.push(await sendHttp(server.url, r));
  return out;
}

/** One request as the Lambda side handled it. */
export interface LambdaExchange {
  /** The function the gateway picks; null when the gateway answers by itself (no route). */
  match: RouteMatch | null;
  event?: Record<string, unknown>;
  /** What the client gets; null when there was no usable result. */
  response: Recorded | null;
  /** Result shape problems, invocation errors. */
  problems: string[];
}

/** The generated modules as Lambda would load them: one per distinct module, keyed by path. */
export function hostedModules(root: string, functions: HttpFunctionEntry[], esm: boolean): HostedModule[] {
  const seen = new Map<string, HostedModule>();
  for (const fn of functions) {
    const key = `${fn.module}#${fn.export}`;
    if (!seen.has(key)) seen.set(key, { key, file: path.join(root, fn.module), exportName: fn.export, esm });
  }
  return [...seen.values()];
}

/**
 * Replays the table in order against the hosted handlers with events of `source`: each routed
 * request goes to the function the gateway picks; unrouted ones are not sent (the gateway
 * answers them itself) and get `match: null`.
 */
export async function replayLambda(host: Pick<LambdaHost, 'invoke'>, functions: HttpFunctionEntry[], requests: ReplayRequest[], source: EventSource): Promise<LambdaExchange[]> {
  const out: LambdaExchange[] = [];
  for (const r of requests) {
    // v2 events come from an HTTP API, which routes as HTTP APIs do; v1 and ALB by resource.
    const match = matchRoute(functions, r.method, r.path.split('?')[0]!, { api: source === 'v2' ? 'http' : 'rest' });
    if (match === null) {
      out.push({ match, response: null, problems: [] });
      continue;
    }
    const event = buildEvent(source, r, match);
    const outcome = await host.invoke(`${match.fn.module}#${match.fn.export}`, match.fn.name, event);
    if (outcome.error !== undefined) {
      out.push({ match, event, response: null, problems: [`invocation failed: ${outcome.error}`] });
      continue;
    }
    const { response, problems } = resultToResponse(source, source === 'alb' && albMultiValue(event), outcome.result);
    out.push({ match, event, response, problems });
  }
  return out;
}

/** Differences of one Lambda exchange from the original response (shape problems included). */
export function lambdaDifferences(expected: Recorded, exchange: LambdaExchange, source: EventSource): string[] {
  if (exchange.response === null) return exchange.problems.length ? exchange.problems : ['no response'];
  return [...exchange.problems, ...compareResponses(expected, exchange.response, { compareStatusText: source === 'alb' })];
}

/**
 * Type-checks the service's sources and its generated modules with `tsc --noEmit --strict`,
 * using the service's own tsconfig for everything else. A sample tsconfig such as
 * `include: ["src"], rootDir: "src"` does not cover lambda/, so a check config extending it is
 * written into the root (`tsconfig.lambdashift-check.json`); call this after any idempotence
 * check, since it adds a file.
 */
export function typecheck(root: string, include: string[]): { status: number | null; output: string } {
  const config = path.join(root, 'tsconfig.lambdashift-check.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, strict: true, rootDir: '.', incremental: false }, include }, null, 2),
  );
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_ROOT] });
  const run = spawnSync(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
