/**
 * Running a migrated service under the real Serverless Framework v3-compatible CLI (`osls`)
 * with serverless-offline and serverless-esbuild, on loopback, as a child process group that
 * is always stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { oslsDir, packageDir } from './tools';

const REPO = path.resolve(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Gives the service a real node_modules: links to the packages it already resolves, the
 * Serverless plugins, and `lambdashift` itself as a package holding this checkout's runtime
 * (what `npm install lambdashift` provides).
 */
export function installServiceModules(root: string, linkFrom: string[]): void {
  const modules = path.join(root, 'node_modules');
  fs.rmSync(modules, { recursive: true, force: true });
  fs.mkdirSync(modules);
  for (const dir of linkFrom) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const target = path.join(modules, name);
      if (name.startsWith('.') || fs.existsSync(target)) continue;
      fs.symlinkSync(path.join(dir, name), target, 'dir');
    }
  }
  for (const plugin of ['serverless-offline', 'serverless-esbuild']) {
    fs.rmSync(path.join(modules, plugin), { recursive: true, force: true });
    fs.symlinkSync(packageDir(plugin), path.join(modules, plugin), 'dir');
  }
  const own = path.join(modules, 'lambdashift');
  fs.rmSync(own, { recursive: true, force: true });
  fs.mkdirSync(own);
  buildSync({ entryPoints: [path.join(REPO, 'src/runtime/index.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(own, 'runtime.js'), logLevel: 'silent' });
  fs.writeFileSync(path.join(own, 'package.json'), JSON.stringify({ name: 'lambdashift', version: '0.0.0-e2e', exports: { './runtime': './runtime.js' } }));
}

/** Environment for osls: no telemetry, update checks or other calls home. */
export function slsEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'offline',
    AWS_SECRET_ACCESS_KEY: 'offline',
    AWS_REGION: 'us-east-1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

export function slsBin(): string {
  return path.join(oslsDir(), 'bin', 'serverless.js');
}

/** Runs `osls <args>` to completion within `timeoutMs`. */
export function runSls(root: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [slsBin(), ...args], { cwd: root, env: slsEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => killGroup(child), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export interface Offline {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `osls offline start` on loopback ports and resolves once it serves. */
export async function startOffline(root: string, timeoutMs: number): Promise<Offline> {
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [slsBin(), 'offline', 'start', '--host', '127.0.0.1', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--noTimeout'],
    { cwd: root, env: slsEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    killGroup(child);
    const hard = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`osls offline exited with code ${child.exitCode}:\n${output}`);
    if (/Server ready/.test(output)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`osls offline did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${httpPort}`, output: () => output, stop };
}
