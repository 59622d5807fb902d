/**
 * `lambdashift serve`: a local HTTP server on loopback that answers like API Gateway in front
 * of the generated handlers, reloading them when files change. Nothing reaches AWS.
 */
import { DEFAULT_ROUTE } from './api-routes';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { ApiKind } from '../emit/iac/iac-options';
import { loadFunctionTable, type FunctionTable, type FunctionTableOptions } from './function-table';
import { Gateway } from './gateway';
import { HandlerHost } from './handler-host';
import { readRequest, writeResponse } from './http-io';

export interface ServeOptions extends FunctionTableOptions {
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** Loopback address to bind; default 127.0.0.1. */
  host?: string;
  api: ApiKind;
  timeoutMs?: number;
  /** Reload on file changes (default true). */
  watch?: boolean;
  /** One line per request and per reload. */
  log?: (line: string) => void;
  /** Where the handlers' console output goes (default: this process's). */
  handlerOutput?: 'inherit' | 'capture';
  /** Builds the function table (default: scan and plan the target); a seam for tests. */
  loadTable?: (root: string) => Promise<FunctionTable>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The current route table and handlers. */
  gateway(): Gateway;
  /** Rebuilds the function table and starts fresh handlers; resolves when they serve. */
  reload(): Promise<void>;
  /** How many reloads happened since start. */
  reloads(): number;
  close(): Promise<void>;
}

const SCHEDULE_PREFIX = '/__schedule/';

/** Directories whose changes never need a reload. */
const IGNORED = /(^|\/)(node_modules|\.git|\.serverless|\.esbuild|\.aws-sam|coverage|dist)(\/|$)/;

/** A one-line description of the function table, for the startup log. */
export function describeTable(table: FunctionTable, url: string): string[] {
  const lines = table.http.map((fn) =>
    fn.apiPath === DEFAULT_ROUTE ? `  ${fn.method.padEnd(7)} ${url}/*  → ${fn.name} (catch-all: what no other route takes)` : `  ${fn.method.padEnd(7)} ${url}${fn.apiPath}  → ${fn.name}`,
  );
  for (const s of table.schedules) lines.push(`  POST    ${url}${SCHEDULE_PREFIX}${s.name}  → ${s.name} (${s.expressions.join(', ')} ${s.timezone})`);
  if (table.proxyUrl !== undefined) lines.push(`  ANY     ${url}/*  → forwarded to ${table.proxyUrl} (catch-all: what no other route takes; --fallback proxy)`);
  if (table.missing.length) lines.push(`  (missing: ${table.missing.join(', ')}; run \`lambdashift migrate --write\`)`);
  return lines;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = path.resolve(options.root);
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const build = async (): Promise<Gateway> => {
    const table = await (options.loadTable ?? ((r: string) => loadFunctionTable(r, options)))(root);
    return new Gateway(table, new HandlerHost({ output: options.handlerOutput }), { api: options.api, timeoutMs: options.timeoutMs });
  };
  let gateway = await build();
  let reloadCount = 0;
  let reloading: Promise<void> | null = null;

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const request = await readRequest(req);
        const started = performance.now();
        if (request.method === 'POST' && request.url.startsWith(SCHEDULE_PREFIX)) {
          const name = decodeURIComponent(request.url.slice(SCHEDULE_PREFIX.length).split('?')[0]!);
          const outcome = await gateway.runSchedule(name);
          const [status, body] = !outcome
            ? [404, { message: `no scheduled function named ${name}`, functions: gateway.scheduleNames() }]
            : outcome.ok
              ? [200, { name, result: outcome.result ?? null }]
              : [500, { name, errorType: outcome.error.name, errorMessage: outcome.error.message }];
          writeResponse(res, request.method, { status, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(body)) });
          log(`${request.method} ${request.url} ${status} (${(performance.now() - started).toFixed(1)} ms)`);
          return;
        }
        const response = await gateway.handle(request);
        writeResponse(res, request.method, response);
        log(`${request.method} ${request.url} ${response.status} ${response.functionName ?? (response.forwardedTo !== undefined ? `→ ${response.forwardedTo}` : '-')} (${(performance.now() - started).toFixed(1)} ms)${response.error ? `: ${response.error}` : ''}`);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Internal Server Error' }));
        log(`error: ${(err as Error).message}`);
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const reload = (): Promise<void> => {
    reloading ??= (async () => {
      try {
        const next = await build();
        const previous = gateway;
        gateway = next;
        reloadCount++;
        log(`reloaded: ${next.table.http.length} routes, ${next.table.schedules.length} schedules`);
        await previous.host.close();
      } catch (err) {
        log(`reload failed, still serving the previous handlers: ${(err as Error).message}`);
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  };

  let watcher: fs.FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (options.watch !== false) {
    watcher = fs.watch(root, { recursive: true }, (_event, file) => {
      const rel = String(file ?? '').split(path.sep).join('/');
      if (!rel || IGNORED.test(rel)) return;
      if (timer) clearTimeout(timer);
      // Editors and `migrate --write` touch several files at once: reload once they are done.
      timer = setTimeout(() => void reload(), 150);
    });
  }

  return {
    url,
    port,
    gateway: () => gateway,
    reload,
    reloads: () => reloadCount,
    close: async () => {
      watcher?.close();
      if (timer) clearTimeout(timer);
      await reloading;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gateway.host.close();
    },
  };
}
