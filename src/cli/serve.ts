/**
 * `lambdashift serve [dir]`: the generated handlers behind a local API Gateway stand-in on
 * loopback. Runs until interrupted (Ctrl-C); nothing talks to AWS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import { withApiOption } from '../emit/iac/cli-options';
import type { ApiKind } from '../emit/iac/iac-options';
import { describeTable, startServer } from '../serve/server';
import { UsageError, type CliIO, type CommandFactory } from './common-options';
import { ExitCode } from './exit-codes';

export interface ServeArgs {
  dir: string;
  port: number;
  api: ApiKind;
  out: string;
  timeout: number;
  watch: boolean;
  proxyUrl?: string;
}

export const serveCommand: CommandFactory = (ctx) => ({
  command: 'serve [dir]',
  describe: 'Serve the generated handlers locally as API Gateway would (loopback only)',
  builder: (y: Argv) =>
    withApiOption(
      y
        .usage(
          '$0 serve [dir] [options]\n\nStarts an HTTP server on 127.0.0.1 that routes requests to the generated handlers the way API Gateway does and builds the same events (HTTP API payload 2.0, or REST 1.0 with --api rest). Scheduled functions run on demand with POST /__schedule/<name>. Handlers reload when files change. Everything is emulated locally; nothing reaches AWS.',
        )
        .positional('dir', { type: 'string', default: '.', describe: 'Root of the migrated service' })
        .option('port', { type: 'number', default: 3000, requiresArg: true, describe: 'Port on 127.0.0.1 (0 picks a free one)' })
        .option('out', { type: 'string', default: 'lambda', requiresArg: true, describe: 'Directory of the generated modules (as given to migrate --out)' })
        .option('timeout', { type: 'number', default: 30, requiresArg: true, describe: 'Seconds a handler may run before the request gets a 503' })
        .option('watch', { type: 'boolean', default: true, describe: 'Reload the handlers when files change (--no-watch to disable)' })
        .option('proxy-url', { type: 'string', requiresArg: true, describe: 'The service was migrated with --fallback proxy: forward requests no function serves to this URL (default: proxyUrl from lambdashift.config)' })
        .example('$0 serve ./service', 'Serve on http://127.0.0.1:3000')
        .example('$0 serve ./service --proxy-url http://127.0.0.1:8080', 'Strangler mode: what no function serves goes to the old service')
        .example('curl -X POST http://127.0.0.1:3000/__schedule/nightlyReport', 'Run a scheduled function once'),
    ),
  handler: async (argv) => {
    ctx.setExitCode(await runServe(argv as unknown as ServeArgs, ctx.io));
  },
});

/** Runs the server until `until` resolves (default: SIGINT or SIGTERM). */
export async function runServe(argv: ServeArgs, io: CliIO, until?: Promise<void>): Promise<ExitCode> {
  const root = path.resolve(io.cwd, argv.dir ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${argv.dir} is not a directory`);
  const port = argv.port ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${String(argv.port)}`);
  const timeout = argv.timeout ?? 30;
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got ${String(argv.timeout)}`);
  // Loading every handler (and the toolchain that builds them) takes seconds on a large service.
  io.stderr.write(`lambdashift serve: starting (loading the handlers of ${path.relative(io.cwd, root) || '.'})…\n`);
  const server = await startServer({
    root,
    port,
    api: argv.api ?? 'http',
    outDir: argv.out,
    timeoutMs: timeout * 1000,
    watch: argv.watch !== false,
    ...(argv.proxyUrl !== undefined ? { proxyUrl: argv.proxyUrl } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const table = server.gateway().table;
  io.stdout.write(`lambdashift serve: ${table.http.length} routes${table.proxyUrl !== undefined ? ` (the rest forwarded to ${table.proxyUrl})` : ''}, ${table.schedules.length} schedules on ${server.url} (API Gateway ${argv.api === 'rest' ? 'REST, payload 1.0' : 'HTTP API, payload 2.0'}; local emulation only)\n`);
  io.stdout.write(`${describeTable(table, server.url).join('\n')}\n`);
  io.stderr.write('lambdashift serve: every function shares this one process (its memory, module state and globals); on Lambda each has its own.\n');
  await (until ??
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  await server.close();
  return ExitCode.Success;
}
