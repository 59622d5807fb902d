import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BatchFile, BatchResult } from './batch';
import type { BatchRequest, WorkerReply, WorkerSetup } from './worker-protocol';

/** Options of {@link runBatchesInWorkers}. */
export interface WorkerPoolOptions {
  workers: number;
  setup: WorkerSetup;
  /** Receives what the transform's code prints (console.log etc.), which must not reach stdout. */
  output?: NodeJS.WritableStream;
}

/**
 * Batches queued ahead in each worker, so it never sits idle waiting for the main thread to
 * answer (which, on a busy machine, may wait for a time slice).
 */
const BATCHES_IN_FLIGHT = 2;

/**
 * Hands `batches` to up to `options.workers` worker threads (a free worker takes the next
 * batch, so uneven files balance out) and calls `onResult` for each finished batch. A worker
 * that dies takes only the batch it was working on down: those files are reported as failed,
 * its queued batches go back to the pool and a fresh worker carries on.
 */
export function runBatchesInWorkers(
  batches: readonly BatchFile[][],
  options: WorkerPoolOptions,
  onResult: (batch: readonly BatchFile[], result: BatchResult) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...batches];
    let running = 0;
    let settled = false;
    const workers = new Set<Worker>();

    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const deliver = (batch: readonly BatchFile[], result: BatchResult): boolean => {
      try {
        onResult(batch, result);
        return true;
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
        return false;
      }
    };

    const start = () => {
      const worker = spawnWorker(options.setup, options.output !== undefined);
      workers.add(worker);
      running++;
      // Sent and not yet answered, oldest (the one being worked on) first.
      const inFlight: BatchFile[][] = [];
      let crash: Error | null = null;
      if (options.output) {
        worker.stdout?.pipe(options.output, { end: false });
        worker.stderr?.pipe(options.output, { end: false });
      }

      const topUp = () => {
        while (inFlight.length < BATCHES_IN_FLIGHT && queue.length > 0) {
          const batch = queue.shift() as BatchFile[];
          inFlight.push(batch);
          worker.postMessage({ type: 'batch', files: batch } satisfies BatchRequest);
        }
        if (inFlight.length === 0) void worker.terminate();
      };

      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'fatal') {
          finish(new Error(`a worker could not load the transform: ${reply.message}`));
          return;
        }
        const batch = inFlight.shift();
        if (batch && !deliver(batch, reply.result)) return;
        topUp();
      });
      worker.on('error', (err) => {
        crash = err;
      });
      worker.on('exit', (code) => {
        workers.delete(worker);
        running--;
        const crashed = inFlight.shift();
        if (crashed && !settled) {
          const reason = crash ? crash.message : `exit code ${code}`;
          const error = { message: `the worker transforming this file crashed: ${reason}` };
          if (!deliver(crashed, { modified: [], failed: crashed.map((f) => ({ index: f.index, error })), reports: [], stats: {} })) return;
          queue.unshift(...inFlight.splice(0));
          if (queue.length > 0) start();
        }
        if (running === 0) finish();
      });

      topUp();
    };

    if (batches.length === 0) {
      resolve();
      return;
    }
    const count = Math.max(1, Math.min(options.workers, batches.length));
    for (let i = 0; i < count; i++) start();
  });
}

/**
 * Source of a tiny bootstrap used only when this module runs as TypeScript (under jest or a
 * TS loader): a worker thread starts without any TypeScript support, so it registers an
 * esbuild-based `.ts` loader before requiring the TypeScript worker entry. Compiled builds start
 * `worker-entry.js` directly.
 */
const TS_BOOTSTRAP = `
'use strict';
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const esbuild = require(workerData.bootstrap.esbuildPath);
Module._extensions['.ts'] = (mod, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const options = { loader: 'ts', format: 'cjs', platform: 'node', sourcefile: filename, sourcemap: 'inline' };
  mod._compile(esbuild.transformSync(source, options).code, filename);
};
require(workerData.bootstrap.entry);
`;

function spawnWorker(setup: WorkerSetup, captureOutput: boolean): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker-entry${ext}`);
  // Captured streams are piped by the caller; otherwise they go to the process's own, as usual.
  const streams = { stdout: captureOutput, stderr: captureOutput };
  if (ext === '.ts') {
    const bootstrap = { entry, esbuildPath: require.resolve('esbuild') };
    return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { ...setup, bootstrap }, ...streams });
  }
  return new Worker(entry, { workerData: setup, ...streams });
}
