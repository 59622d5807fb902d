/**
 * Runs generated Lambda handlers in a worker thread of this process: each host has its own
 * module registry (separate from the caller's and from any other host), loads the target's
 * TypeScript or JavaScript in place, and can be thrown away and replaced to reload code.
 */
import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { type InvokeReply, type InvokeRequest, type SerializedError } from './host-protocol';
import { spawnWorker } from './worker-spawn';

export type InvokeOutcome =
  | { ok: true; result: unknown; durationMs: number }
  | { ok: false; error: SerializedError; timedOut: boolean; durationMs: number };

export interface HandlerHostOptions {
  /** `inherit`: the handlers' console output goes to this process's; `capture`: kept for {@link output}. */
  output?: 'inherit' | 'capture';
}

export class HandlerHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (o: InvokeOutcome) => void; timer: NodeJS.Timeout; started: number }>();
  private nextId = 1;
  private captured = '';
  private exitError: Error | null = null;

  constructor(options: HandlerHostOptions = {}) {
    const capture = options.output === 'capture';
    // Handlers load as they do in Lambda: code that checks Lambda's environment (the listen
    // guards migrate writes, `if (!process.env.AWS_LAMBDA_FUNCTION_NAME)`) must see it, or
    // loading the whole-app fallback would start the original server inside the host.
    const env = { ...process.env, AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME || 'lambdashift-local' };
    this.worker = spawnWorker(__dirname, 'handler-host-worker', {}, { stdout: capture, stderr: capture, env });
    if (capture) {
      for (const stream of [this.worker.stdout, this.worker.stderr] as Readable[]) stream.on('data', (d: Buffer) => (this.captured += d.toString()));
    }
    this.worker.on('message', (reply: InvokeReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(reply.ok ? { ok: true, result: reply.result, durationMs: reply.durationMs } : { ok: false, error: reply.error, timedOut: false, durationMs: reply.durationMs });
    });
    const fail = (err: Error): void => {
      this.exitError = err;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve({ ok: false, error: { name: err.name, message: err.message }, timedOut: false, durationMs: performance.now() - p.started });
        this.pending.delete(id);
      }
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`handler host exited with code ${code}`)));
  }

  /** What the handlers printed, with `output: 'capture'`. */
  output(): string {
    return this.captured;
  }

  /** Runs `exportName` of `module` (absolute path) with `event`; never rejects. */
  invoke(module: string, exportName: string, event: unknown, options: { functionName: string; timeoutMs?: number }): Promise<InvokeOutcome> {
    const started = performance.now();
    if (this.exitError) return Promise.resolve({ ok: false, error: { name: 'Error', message: this.exitError.message }, timedOut: false, durationMs: 0 });
    const timeoutMs = options.timeoutMs ?? 30000;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { name: 'TimeoutError', message: `${options.functionName} timed out after ${timeoutMs} ms` }, timedOut: true, durationMs: performance.now() - started });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, started });
      const message: InvokeRequest = { type: 'invoke', id, module, exportName, functionName: options.functionName, event, timeoutMs };
      this.worker.postMessage(message);
    });
  }

  /** Stops the worker; pending invocations resolve as failed. */
  async close(): Promise<void> {
    if (this.exitError) return;
    await this.worker.terminate();
  }
}
