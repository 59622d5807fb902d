/**
 * Worker thread that starts a service's original app from its entry point, as `node <entry>`
 * would (it is loaded as the main module, so `listen` guards pass), but with every
 * `server.listen(...)` redirected to a free loopback port. An entry that never listens but
 * exports an app (Express, or Koa's `callback()`) is served from the export instead.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { installTargetLoaders, loadTargetModule } from '../serve/target-loader';

export type AppHostMessage = { type: 'ready'; port: number; via: 'listen' | 'export' } | { type: 'error'; message: string };

const { entry, waitMs } = workerData as { entry: string; waitMs: number };
const servers: http.Server[] = [];
const originalListen = http.Server.prototype.listen as (this: http.Server, ...args: unknown[]) => http.Server;

http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]): http.Server {
  servers.push(this);
  const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
  return originalListen.call(this, 0, '127.0.0.1', callback);
} as typeof http.Server.prototype.listen;

function listening(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (): void => resolve((server.address() as AddressInfo).port);
    if (server.listening) done();
    else {
      server.once('listening', done);
      server.once('error', reject);
    }
  });
}

/** An app the module exports: an Express-style request listener or a Koa app. */
function exportedListener(ns: Record<string, unknown>): http.RequestListener | null {
  const candidates = [ns.default, (ns.default as Record<string, unknown> | undefined)?.default, ns.app, ns];
  for (const c of candidates) {
    if (!c) continue;
    const callback = (c as { callback?: unknown }).callback;
    if (typeof callback === 'function' && typeof (c as { use?: unknown }).use === 'function') return (callback as () => http.RequestListener).call(c);
    if (typeof c === 'function' && typeof (c as { handle?: unknown }).handle === 'function') return c as http.RequestListener;
  }
  return null;
}

/** How long an app may take to call `listen` before an exported app is served instead. */
const GRACE_MS = 300;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<AppHostMessage> {
  installTargetLoaders();
  const started = Date.now();
  const ns = await loadTargetModule(entry, true);
  while (!servers.length && Date.now() - started < GRACE_MS) await sleep(10);
  if (!servers.length) {
    const listener = exportedListener(ns);
    if (listener) {
      const server = http.createServer(listener);
      originalListen.call(server, 0, '127.0.0.1');
      return { type: 'ready', port: await listening(server), via: 'export' };
    }
  }
  // Apps may listen only after some start-up work (a database connection, ...).
  while (!servers.length && Date.now() - started < waitMs) await sleep(25);
  if (!servers.length) return { type: 'error', message: `${entry} neither started a server within ${waitMs} ms nor exports an app` };
  return { type: 'ready', port: await listening(servers[0]!), via: 'listen' };
}

start().then(
  (message) => parentPort!.postMessage(message),
  (err: unknown) => parentPort!.postMessage({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies AppHostMessage),
);
