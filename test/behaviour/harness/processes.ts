/**
 * Child processes of the behaviour harness: a service started the way `npm start` starts it,
 * a module imported on its own (does importing it start a server?), and a Lambda host that
 * loads generated handlers and invokes them. Every child gets `child/preload.cjs`, which runs
 * TypeScript sources and reports `listen` calls over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const CHILD_DIR = path.join(__dirname, 'child');
export const PRELOAD = path.join(CHILD_DIR, 'preload.cjs');

/** What Lambda sets in every function's environment (the part the rewrite's guards read). */
export const LAMBDA_ENV = { AWS_LAMBDA_FUNCTION_NAME: 'lambdashift-behaviour-test' };

export interface ChildOptions {
  cwd: string;
  /** Raw `compilerOptions` of the service's tsconfig, for transpiling its TypeScript. */
  tsconfigRaw?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnChild(script: string, args: string[], options: ChildOptions): Spawned {
  const child = fork(script, args, {
    cwd: options.cwd,
    execArgv: ['--require', PRELOAD],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      NODE_OPTIONS: '',
      LAMBDASHIFT_TSCONFIG_RAW: JSON.stringify(options.tsconfigRaw ?? {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stopChild(s: Spawned): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await s.exited;
}

/** Waits for the first IPC message of `type`; rejects when the child exits first or on timeout. */
function nextMessage<T extends { type: string }>(s: Spawned, type: string, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${what}: no ${type} message within ${timeoutMs} ms\n${s.output()}`)), timeoutMs);
    const onMessage = (msg: T): void => {
      if (msg && msg.type === type) finish(null, msg);
    };
    const onExit = (code: number | null): void => finish(new Error(`${what}: exited with code ${code} before ${type}\n${s.output()}`));
    function finish(error: Error | null, msg?: T): void {
      clearTimeout(timer);
      s.child.off('message', onMessage);
      s.child.off('exit', onExit);
      if (error) reject(error);
      else resolve(msg!);
    }
    s.child.on('message', onMessage);
    s.child.once('exit', onExit);
  });
}

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

export interface RunningServer {
  url: string;
  output: () => string;
  isRunning: () => boolean;
  stop: () => Promise<void>;
}

/** Starts `entry` (the file `npm start` runs) with PORT set, resolving once it listens. */
export async function startServer(entry: string, options: ChildOptions, timeoutMs = 20000): Promise<RunningServer> {
  const port = await freePort();
  const s = spawnChild(entry, [], { ...options, env: { PORT: String(port), ...options.env } });
  try {
    const msg = await nextMessage<{ type: string; port: number }>(s, 'listening', timeoutMs, `starting ${entry}`);
    return {
      url: `http://127.0.0.1:${msg.port}`,
      output: s.output,
      isRunning: () => s.child.exitCode === null && s.child.signalCode === null,
      stop: () => stopChild(s),
    };
  } catch (error) {
    await stopChild(s);
    throw error;
  }
}

export interface ListenCall {
  args: string[];
  stack: string;
  port?: number;
}

export interface ProbeResult {
  listenCalls: ListenCall[];
  error: string | null;
  output: string;
}

/** Imports `file` in a fresh process (PORT set to a free port) and reports the servers it started. */
export async function probeImport(file: string, esm: boolean, options: ChildOptions, timeoutMs = 20000): Promise<ProbeResult> {
  const port = await freePort();
  const s = spawnChild(path.join(CHILD_DIR, 'probe-import.cjs'), esm ? [file, '--esm'] : [file], { ...options, env: { PORT: String(port), ...options.env } });
  try {
    const msg = await nextMessage<{ type: string; listenCalls: ListenCall[]; error: string | null }>(s, 'probe', timeoutMs, `importing ${file}`);
    await s.exited;
    return { listenCalls: msg.listenCalls, error: msg.error, output: s.output() };
  } finally {
    await stopChild(s);
  }
}

export interface HostedModule {
  /** Key used to invoke it. */
  key: string;
  /** Absolute path of the module. */
  file: string;
  exportName: string;
  esm: boolean;
}

export interface InvokeOutcome {
  result?: unknown;
  error?: string;
}

/** One process holding every generated handler of a service (see child/lambda-host.cjs). */
export class LambdaHost {
  private nextId = 1;
  private readonly pending = new Map<number, (outcome: InvokeOutcome) => void>();

  private constructor(private readonly s: Spawned) {
    s.child.on('message', (msg: { type: string; id: number } & InvokeOutcome) => {
      if (msg.type !== 'result') return;
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.({ result: msg.result, error: msg.error });
    });
    s.child.once('exit', (code) => {
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({ error: `the Lambda host process exited (code ${code}) during the invocation:\n${s.output()}` });
      }
    });
  }

  static async start(options: ChildOptions): Promise<LambdaHost> {
    // Set in every Lambda function's environment; the rewrite's listen guards test it.
    const s = spawnChild(path.join(CHILD_DIR, 'lambda-host.cjs'), [], { ...options, env: { ...LAMBDA_ENV, ...options.env } });
    await nextMessage(s, 'ready', 20000, 'starting the Lambda host');
    return new LambdaHost(s);
  }

  /** Loads the modules; returns load errors and every `listen` call made while loading. */
  async load(modules: HostedModule[], timeoutMs = 30000): Promise<{ errors: Array<{ key: string; message: string }>; listenCalls: ListenCall[] }> {
    const reply = nextMessage<{ type: string; errors: Array<{ key: string; message: string }>; listenCalls: ListenCall[] }>(this.s, 'loaded', timeoutMs, 'loading handlers');
    this.s.child.send({ type: 'load', modules });
    const msg = await reply;
    return { errors: msg.errors, listenCalls: msg.listenCalls };
  }

  invoke(key: string, functionName: string, event: unknown, timeoutMs = 10000): Promise<InvokeOutcome> {
    if (!this.isRunning()) return Promise.resolve({ error: `the Lambda host process is not running:\n${this.s.output()}` });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ error: `no result within ${timeoutMs} ms` });
      }, timeoutMs);
      this.pending.set(id, (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      this.s.child.send({ type: 'invoke', id, key, functionName, event });
    });
  }

  isRunning(): boolean {
    return this.s.child.exitCode === null && this.s.child.signalCode === null;
  }

  output(): string {
    return this.s.output();
  }

  stop(): Promise<void> {
    return stopChild(this.s);
  }
}
