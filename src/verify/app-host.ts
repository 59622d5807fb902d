/**
 * Runs a service's original app in a worker thread of this process (its own module registry,
 * so its in-memory state stays apart from the generated handlers'), listening on loopback.
 */
import type { Readable } from 'node:stream';
import { spawnWorker } from '../serve/worker-spawn';
import type { AppHostMessage } from './app-host-worker';

export interface RunningApp {
  url: string;
  /** Whether the app's own `listen` call was captured, or its exported app was served. */
  via: 'listen' | 'export';
  /** What the app printed. */
  output(): string;
  close(): Promise<void>;
}

export async function startOriginalApp(entry: string, options: { waitMs?: number } = {}): Promise<RunningApp> {
  const waitMs = options.waitMs ?? 10000;
  // The environment as this process sees it now (as the handler host does), not the one it started with.
  const worker = spawnWorker(__dirname, 'app-host-worker', { entry, waitMs }, { stdout: true, stderr: true, env: { ...process.env } });
  let output = '';
  for (const stream of [worker.stdout, worker.stderr] as Readable[]) stream.on('data', (d: Buffer) => (output += d.toString()));
  const message = await new Promise<AppHostMessage>((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'error', message: `the app did not start within ${waitMs + 5000} ms` }), waitMs + 5000);
    worker.once('message', (m: AppHostMessage) => {
      clearTimeout(timer);
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      resolve({ type: 'error', message: err.stack ?? err.message });
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ type: 'error', message: `the app exited with code ${code} before listening` });
    });
  });
  if (message.type === 'error') {
    await worker.terminate();
    throw new Error(`cannot start ${entry}: ${message.message}${output ? `\n${output}` : ''}`);
  }
  return {
    url: `http://127.0.0.1:${message.port}`,
    via: message.via,
    output: () => output,
    close: async () => {
      await worker.terminate();
    },
  };
}
