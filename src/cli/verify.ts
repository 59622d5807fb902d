/**
 * `lambdashift verify [dir]`: the original app and the generated handlers answer the same
 * requests; every difference is listed. Exit code 0 when all match, 1 on any mismatch.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import { withApiOption } from '../emit/iac/cli-options';
import type { ApiKind } from '../emit/iac/iac-options';
import { formatVerifyReport } from '../verify/report';
import { verify } from '../verify/verify';
import { UsageError, type CliIO, type CommandFactory } from './common-options';
import { ExitCode } from './exit-codes';

export interface VerifyArgs {
  dir: string;
  entry?: string;
  requests?: string;
  api: ApiKind;
  out: string;
  timeout: number;
  ignoreHeader: string[];
  proxyUrl?: string;
}

export const verifyCommand: CommandFactory = (ctx) => ({
  command: 'verify [dir]',
  describe: 'Check that the generated handlers answer like the original app (exit 1 on any mismatch)',
  builder: (y: Argv) =>
    withApiOption(
      y
        .usage(
          '$0 verify [dir] [options]\n\nStarts the original app in-process from its entry point (package.json main or start script) on loopback, sends each request to it over HTTP and to the generated handlers as API Gateway events, and prints a table of differences in status, headers (except date, etag, connection, keep-alive, x-amzn-*, and headers that change between identical requests) and body. Requests come from --requests (a HAR file, or a JSON list [{ name, method, path, headers?, body? }]) or, by default, one per route.',
        )
        .positional('dir', { type: 'string', default: '.', describe: 'Root of the migrated service' })
        .option('entry', { type: 'string', requiresArg: true, describe: "The original app's entry module, relative to <dir> (default: from package.json)" })
        .option('requests', { type: 'string', requiresArg: true, describe: 'HAR file or JSON request list to replay, in order' })
        .option('out', { type: 'string', default: 'lambda', requiresArg: true, describe: 'Directory of the generated modules (as given to migrate --out)' })
        .option('timeout', { type: 'number', default: 30, requiresArg: true, describe: 'Seconds each side may take per request' })
        .option('ignore-header', {
          type: 'string',
          requiresArg: true,
          coerce: (v: unknown) => ([] as unknown[]).concat(v ?? []).map(String),
          describe: 'A response header not to compare (repeatable)',
        })
        .option('proxy-url', { type: 'string', requiresArg: true, describe: 'The service was migrated with --fallback proxy --proxy-url <url>: compare the split functions only (default: proxyUrl from lambdashift.config)' })
        .example('$0 verify ./service', 'One request per route')
        .example('$0 verify ./service --requests session.har', 'Replay a recorded browser session'),
    ),
  handler: async (argv) => {
    ctx.setExitCode(await runVerify(argv as unknown as VerifyArgs, ctx.io));
  },
});

export async function runVerify(argv: VerifyArgs, io: CliIO): Promise<ExitCode> {
  const root = path.resolve(io.cwd, argv.dir ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${argv.dir} is not a directory`);
  if (argv.entry !== undefined && !fs.existsSync(path.resolve(root, argv.entry))) throw new UsageError(`--entry ${argv.entry} does not exist in ${root}`);
  const requestsFile = argv.requests === undefined ? undefined : path.resolve(io.cwd, argv.requests);
  if (requestsFile !== undefined && !fs.existsSync(requestsFile)) throw new UsageError(`--requests ${argv.requests} does not exist`);
  const timeout = argv.timeout ?? 30;
  if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got ${String(argv.timeout)}`);
  let report;
  try {
    report = await verify({ root, entry: argv.entry, requestsFile, api: argv.api ?? 'http', outDir: argv.out, timeoutMs: timeout * 1000, ignoreHeaders: argv.ignoreHeader ?? [], ...(argv.proxyUrl !== undefined ? { proxyUrl: argv.proxyUrl } : {}) });
  } catch (err) {
    io.stderr.write(`lambdashift verify: ${(err as Error).message}\n`);
    return ExitCode.FileFailed;
  }
  io.stdout.write(formatVerifyReport(report));
  return report.mismatches > 0 || report.loadFailures.length > 0 ? ExitCode.FileFailed : ExitCode.Success;
}
