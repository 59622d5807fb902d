/**
 * Bundles a migrated service's functions the way its generated serverless.yml deploys them:
 * serverless-esbuild with `custom.esbuild`'s settings, one bundle per function, written where
 * serverless-esbuild writes it (`.esbuild/.build/<handler dir>/<name>.js|.mjs`), so `__dirname`
 * inside a bundle is what it is in the deployed artifact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import { applyChangeSet } from '../../../src/changes/writer';
import { migrate } from '../../../src/migrate/migrate';
import type { HttpFunctionEntry } from '../../../src/model/function-entry';
import type { RunResult } from '../../../src/model/run-result';
import type { ReplayRequest } from '../../examples/replay';
import type { EventSource } from './events';
import { LambdaHost, startServer } from './processes';
import { lambdaDifferences, replayHttp, replayLambda, serviceInfo } from './service';
import { ensureRuntimeBuilt } from './runtime-build';
import { linkNodeModules, makeTempDir, REPO_ROOT } from './workspace';

interface ServerlessYml {
  custom?: { esbuild?: Record<string, unknown> };
  functions?: Record<string, { handler?: string }>;
}

export interface DeployedBundle {
  /** Function name in serverless.yml. */
  name: string;
  /** Generated module it was built from, relative to the root. */
  module: string;
  /** Absolute path of the bundle. */
  file: string;
  /** Working directory of its Lambda host (each distinct one gets a host of its own, as each artifact is its own /var/task); the replay's `copy` by default. */
  cwd?: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** esbuild options from serverless-esbuild's `custom.esbuild` (the keys lambdashift writes). */
export function esbuildOptionsFrom(settings: Record<string, unknown>): BuildOptions {
  const { outputFileExtension, exclude, packager, ...rest } = settings;
  void exclude;
  void packager;
  return { ...(rest as BuildOptions), ...(outputFileExtension ? { outExtension: { '.js': String(outputFileExtension) } } : {}) };
}

/**
 * Bundles each function as serverless.yml's custom.esbuild says (its plugins file `require`d, as
 * serverless-esbuild does) at its handler's path under `into` (where serverless-esbuild writes it).
 */
export async function bundleAsServerlessYml(root: string, into = path.join(root, '.esbuild', '.build')): Promise<DeployedBundle[]> {
  const doc = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')) as ServerlessYml;
  const { plugins, ...settings } = doc.custom?.esbuild ?? {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resolved = typeof plugins === 'string' ? (require(path.join(root, plugins)) as BuildOptions['plugins']) : undefined;
  const options = { ...esbuildOptionsFrom(settings), ...(resolved ? { plugins: resolved } : {}) };
  const out: DeployedBundle[] = [];
  for (const [name, fn] of Object.entries(doc.functions ?? {})) {
    const handler = fn.handler ?? '';
    const stem = handler.slice(0, handler.lastIndexOf('.'));
    const module = SOURCE_EXTENSIONS.map((e) => stem + e).find((m) => fs.existsSync(path.join(root, m)));
    if (!module) throw new Error(`serverless.yml function ${name}: no module for handler ${handler}`);
    const ext = options.outExtension?.['.js'] ?? '.js';
    const file = path.join(into, `${stem}${ext}`);
    await build({ ...options, entryPoints: [path.join(root, module)], outfile: file, absWorkingDir: root, logLevel: 'silent' });
    out.push({ name, module, file });
  }
  return out;
}

/**
 * Replays `requests` against the original service (started as `npm start` starts it) over HTTP
 * and against the bundles in a Lambda host, once per event source, each pass with both sides
 * started afresh (each bundle keeps its own in-memory state, as each Lambda function does).
 * Returns every difference, load error and listen call, as lines; [] when all is identical.
 */
export async function bundleDifferences(
  original: string,
  copy: string,
  functions: HttpFunctionEntry[],
  bundles: DeployedBundle[],
  requests: ReplayRequest[],
  sources: readonly EventSource[] = ['v2', 'v1'],
): Promise<string[]> {
  const info = serviceInfo(original);
  const out: string[] = [];
  const byCwd = new Map<string, DeployedBundle[]>();
  for (const b of bundles) byCwd.set(b.cwd ?? copy, [...(byCwd.get(b.cwd ?? copy) ?? []), b]);
  for (const source of sources) {
    const server = await startServer(info.entry, info.child);
    const hosts: LambdaHost[] = [];
    const hostOf = new Map<string, LambdaHost>();
    try {
      const expected = await replayHttp(server, requests);
      for (const [cwd, group] of byCwd) {
        const host = await LambdaHost.start({ cwd });
        hosts.push(host);
        const modules = group.map((b) => ({ key: `${b.module}#handler`, file: b.file, exportName: 'handler', esm: b.file.endsWith('.mjs') }));
        for (const m of modules) hostOf.set(m.key, host);
        const loaded = await host.load(modules);
        out.push(...loaded.errors.map((e) => `load ${e.key}: ${e.message}`), ...loaded.listenCalls.map((l) => `listen while loading: ${JSON.stringify(l)}`));
      }
      // Each request goes to the host of the function it routes to.
      const router = { invoke: (key: string, name: string, event: unknown) => hostOf.get(key)?.invoke(key, name, event) ?? Promise.resolve({ error: `no bundle for ${key}` }) };
      const exchanges = await replayLambda(router, functions, requests, source);
      exchanges.forEach((x, i) => out.push(...lambdaDifferences(expected[i]!, x, source).map((d) => `${source} ${requests[i]!.name}: ${d}`)));
    } finally {
      await server.stop();
      for (const host of hosts) await host.stop();
    }
  }
  return out;
}

/** A fixture's requests.json, with the fields the replay needs defaulted. */
export function fixtureRequests(dir: string): ReplayRequest[] {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'requests.json'), 'utf8')) as Array<Partial<ReplayRequest>>;
  return raw.map((r) => ({ headers: {}, expect: { status: 0 }, ...r }) as ReplayRequest);
}

export interface MigratedFixture {
  /** Untouched copy: the original service. */
  original: string;
  /** Migrated copy (written with --write). */
  copy: string;
  result: RunResult;
  /** Its functions bundled as the generated serverless.yml says. */
  bundles: DeployedBundle[];
}

/**
 * Copies the fixture `dir` twice into a temp folder (its `packages` and lambdashift linked from
 * the repository), migrates one copy with --write and bundles its functions as deployed.
 */
export async function migrateAndBundle(dir: string, packages: string[]): Promise<MigratedFixture> {
  ensureRuntimeBuilt();
  const parent = makeTempDir(`lambdashift-${path.basename(dir)}-`);
  const copyTo = (into: string): string => {
    const target = path.join(into, path.basename(dir));
    fs.cpSync(dir, target, { recursive: true });
    linkNodeModules(target, [], { ...Object.fromEntries(packages.map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)])), lambdashift: REPO_ROOT });
    return target;
  };
  const original = copyTo(parent);
  const copy = copyTo(path.join(parent, 'migrated'));
  const result = await migrate({ root: copy });
  const failed = result.changes.entries().filter((c) => c.status === 'failed');
  if (failed.length) throw new Error(`migration failed for ${failed.map((f) => f.path).join(', ')}`);
  await applyChangeSet(result.changes, { force: true });
  return { original, copy, result, bundles: await bundleAsServerlessYml(copy) };
}

/**
 * Builds what `serverless package` would zip, into `task` (standing for Lambda's /var/task):
 * each function bundled as custom.esbuild says, and the files `package.patterns` names copied
 * at their paths. Nothing else is there: a file the IaC does not package is not found.
 */
export async function packageAsServerlessYml(root: string, task: string): Promise<DeployedBundle[]> {
  const doc = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')) as { package?: { patterns?: string[] } };
  const out = await bundleAsServerlessYml(root, task);
  // serverless semantics: what the patterns match, less what a later `!pattern` excludes.
  const patterns = doc.package?.patterns ?? [];
  const included = picomatch(patterns.filter((p) => !p.startsWith('!')), { dot: true });
  const excluded = picomatch(patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)), { dot: true });
  const copy = (rel: string): void => {
    const stat = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    // From the root: the service's own files (node_modules and dot folders only when a pattern names them).
    if (stat?.isDirectory()) {
      for (const name of fs.readdirSync(path.join(root, rel))) if (rel !== '.' || (name !== 'node_modules' && !name.startsWith('.'))) copy(rel === '.' ? name : `${rel}/${name}`);
    } else if (stat?.isFile() && included(rel) && !excluded(rel)) fs.cpSync(path.join(root, rel), path.join(task, rel), { dereference: true });
  };
  // Each pattern's literal base (`views` of `views/**`), walked through symlinked packages too.
  for (const base of new Set(patterns.filter((p) => !p.startsWith('!')).map((p) => picomatch.scan(p).base || '.'))) copy(base);
  return out;
}
