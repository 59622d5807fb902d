/**
 * Load check after `migrate --write`: every generated module is bundled the way the generated
 * IaC deploys it (esbuild, platform node, dependencies bundled) and loaded in a child process
 * with `AWS_LAMBDA_FUNCTION_NAME` set, as Lambda would on a cold start. A module that fails to
 * bundle, throws while loading, exports no `handler` function, or leaves a server listening
 * is an error naming the function.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { parse } from 'yaml';
import { isGenerated } from '../emit/header';
import { bundleScriptPath } from '../emit/iac/bundle-script';
import { modulePathsPluginPath } from '../emit/iac/module-paths-plugin';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { ownRuntimeEntry } from '../serve/target-loader';

export interface LoadCheckTarget {
  name: string;
  /** Generated module, relative to `root`. */
  module: string;
}

const LOAD_TIMEOUT_MS = 15000;

/**
 * Runs in the child: loads each bundle in turn (argv: JSON list of [key, file]); per bundle,
 * the error it throws, a missing `handler` export, or the servers it starts listening.
 */
const PROBE = `
const net = require('node:net');
const files = JSON.parse(process.argv[1]);
let listening = [];
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) { listening.push(String(args[0])); const s = listen.call(this, 0); s.unref(); return s; };
(async () => {
  const out = {};
  for (const [key, file] of files) {
    listening = [];
    try {
      const mod = file.endsWith('.mjs') ? await import(file) : require(file);
      const handler = mod.handler ?? (mod.default && mod.default.handler);
      if (typeof handler !== 'function') throw new Error('it exports no handler function');
      if (listening.length) throw new Error('loading it starts a server (listen(' + listening.join(', ') + '))');
    } catch (err) {
      out[key] = err instanceof Error ? err.name + ': ' + err.message : String(err);
    }
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})();
`;

/** Diagnostics for the generated modules that would fail at cold start; [] when all load. */
export async function loadCheck(root: string, targets: LoadCheckTarget[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  if (!targets.length) return out;
  if (!fs.existsSync(path.join(root, 'node_modules'))) {
    out.push(diagnostic('info', { file: 'package.json', line: 1, column: 1 }, 'generated modules were not load-checked: the service has no node_modules (run npm install, then `lambdashift verify`)', 'load/skipped'));
    return out;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-load-'));
  const runtimeInstalled = fs.existsSync(path.join(root, 'node_modules', 'lambdashift'));
  try {
    const unique = [...new Map(targets.map((t) => [t.module, t])).values()];
    const bundles: Array<[string, string]> = [];
    const byKey = new Map<string, LoadCheckTarget>();
    const packaging = iacPackaging(root, unique);
    linkPackagedFiles(root, dir, packaging.patterns);
    for (const [i, t] of unique.entries()) {
      const moduleSystem = moduleSystemOf(root, t.module);
      // Where serverless-esbuild (or the build script SAM runs) puts it in the package, beside the files packaged.
      const outfile = path.join(dir, `${t.module.replace(/\.[^./]+$/, '')}${moduleSystem === 'esm' ? '.mjs' : '.cjs'}`);
      try {
        // One bundle per function, as serverless-esbuild / SAM's esbuild build method make them.
        await build({
          entryPoints: [path.join(root, t.module)],
          absWorkingDir: root,
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: moduleSystem,
          outfile,
          logLevel: 'silent',
          // Not installed yet right after --write (package.json only names it): use ours.
          ...(runtimeInstalled ? {} : { alias: { 'lambdashift/runtime': ownRuntimeEntry() } }),
          ...(moduleSystem === 'esm' ? { banner: { js: "import { createRequire as __lsRequire } from 'node:module'; const require = __lsRequire(import.meta.url);" } } : {}),
          ...(packaging.plugins ? { plugins: packaging.plugins } : {}),
        });
      } catch (err) {
        const first = (err as { errors?: Array<{ text: string }> }).errors?.[0]?.text ?? (err as Error).message;
        out.push(diagnostic('error', { file: t.module, line: 1, column: 1 }, `${t.name} does not bundle as the IaC deploys it: ${first}`, 'load/bundle-failed'));
        continue;
      }
      bundles.push([String(i), outfile]);
      byKey.set(String(i), t);
    }
    if (!bundles.length) return out;
    // One process loads every bundle (each has its own copy of the app's modules, as in Lambda).
    const run = spawnSync(process.execPath, ['-e', PROBE, JSON.stringify(bundles)], {
      cwd: root,
      env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'lambdashift-load-check' },
      encoding: 'utf8',
      timeout: LOAD_TIMEOUT_MS + 2000 * bundles.length,
      maxBuffer: 16 * 1024 * 1024,
    });
    let failures: Record<string, string>;
    try {
      failures = JSON.parse(run.stdout) as Record<string, string>;
    } catch {
      // The process died or hung while loading: check one module per process to name it.
      failures = {};
      for (const [key, file] of bundles) {
        const one = spawnSync(process.execPath, ['-e', PROBE, JSON.stringify([[key, file]])], { cwd: root, env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: byKey.get(key)!.name }, encoding: 'utf8', timeout: LOAD_TIMEOUT_MS });
        try {
          Object.assign(failures, JSON.parse(one.stdout) as Record<string, string>);
        } catch {
          failures[key] = one.error ? `it did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s` : one.stderr.trim().split('\n').slice(-1)[0] || `exit code ${one.status}`;
        }
      }
    }
    for (const [key, why] of Object.entries(failures).sort(([a], [b]) => Number(a) - Number(b))) {
      const t = byKey.get(key)!;
      out.push(diagnostic('error', { file: t.module, line: 1, column: 1 }, `${t.name} fails at load (cold start): ${why}`, 'load/failed'));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
/** `require`s a file lambdashift generated, afresh; undefined for any other file (a user's own plugins run at deploy, not here). */
function requireGenerated<T>(abs: string): T | undefined {
  const text = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '';
  if (!isGenerated(text)) return undefined;
  delete require.cache[require.resolve(abs)];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(abs) as T;
}

/**
 * What the IaC adds to each function's package: the esbuild plugins lambdashift generated
 * (giving bundled modules their original `__dirname`) and the files the code reads. From
 * serverless.yml (`custom.esbuild.plugins`, `package.patterns`), else from the generated build
 * script SAM's Makefile runs (`<outDir>/bundle-function.cjs`, beside the plugin file).
 */
function iacPackaging(root: string, targets: LoadCheckTarget[]): { plugins?: Plugin[]; patterns: string[] } {
  type Yml = { custom?: { esbuild?: { plugins?: unknown } }; package?: { patterns?: unknown } } | null;
  let doc: Yml;
  try {
    doc = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')) as Yml;
  } catch {
    const outDir = targets.map((t) => /^(.*)\/(?:http|jobs)\//.exec(t.module)?.[1]).find((d) => d !== undefined);
    const script = outDir === undefined ? undefined : requireGenerated<{ patterns?: unknown }>(path.join(root, bundleScriptPath(outDir)));
    if (!script || outDir === undefined) return { patterns: [] };
    const patterns = Array.isArray(script.patterns) ? script.patterns.filter((p): p is string => typeof p === 'string') : [];
    const plugins = requireGenerated<Plugin[]>(path.join(root, modulePathsPluginPath(outDir)));
    return { patterns, ...(plugins ? { plugins } : {}) };
  }
  const listed = doc?.package?.patterns;
  const patterns = Array.isArray(listed) ? listed.filter((p): p is string => typeof p === 'string') : [];
  const file = doc?.custom?.esbuild?.plugins;
  if (typeof file !== 'string') return { patterns };
  const plugins = requireGenerated<Plugin[]>(path.join(root, file));
  return plugins ? { plugins, patterns } : { patterns };
}

/** Links what `patterns` names (a folder `dir/**`, or a file) into `into` at the same paths, as the package holds them. */
function linkPackagedFiles(root: string, into: string, patterns: string[]): void {
  for (const pattern of patterns) {
    const rel = pattern.replace(/\/\*\*$/, '');
    if (/[*?[\]{}!]/.test(rel) || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const source = path.join(root, rel);
    const target = path.join(into, rel);
    if (!fs.existsSync(source) || fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(source, target);
  }
}

/** How Node runs the module: its extension, else the service's package.json `type`. */
function moduleSystemOf(root: string, module: string): 'esm' | 'cjs' {
  if (/\.(mjs|mts)$/.test(module)) return 'esm';
  if (/\.(cjs|cts)$/.test(module)) return 'cjs';
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string }).type === 'module' ? 'esm' : 'cjs';
  } catch {
    return 'cjs';
  }
}
