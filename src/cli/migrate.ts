import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import type { Granularity } from '../model/migration-plan';
import { migrate } from '../migrate/migrate';
import { iacOptionsFrom, withIacOptions, type IacArgs } from '../emit/iac/cli-options';
import { commonOptionsFrom, finishRun, recoverBeforeRun, UsageError, withCommonOptions, withFailOnOption, type CliIO, type CommandFactory, type CommonOptions, type FailOn } from './common-options';
import { ExitCode } from './exit-codes';
import { TransformHookError } from '../hooks/run-hooks';

/** Arguments of `lambdashift migrate`. */
export interface MigrateArgs extends CommonOptions, IacArgs {
  dir: string;
  granularity: Granularity;
  out: string;
  vendorRuntime: boolean;
  keepSchedules: boolean;
  transform?: string | string[];
  config?: string;
  failOn?: FailOn;
}

/** `lambdashift migrate [dir]`: shows (or with --write applies) the migration of a service. */
export const migrateCommand: CommandFactory = (ctx) => ({
  command: 'migrate [dir]',
  describe: 'Migrate an Express/Koa/node-cron service to Lambda functions (dry run: prints the diff)',
  builder: (y: Argv) =>
    withCommonOptions(
      withFailOnOption(withIacOptions(y))
        .usage('$0 migrate [dir] [options]\n\nReads the service in <dir> and shows, as a diff, the Lambda handler modules, source rewrites and package.json edits that migrate it. Nothing is written without --write.')
        .positional('dir', { type: 'string', default: '.', describe: 'Root of the service (where its package.json is)' })
        .option('granularity', {
          choices: ['route', 'router', 'app'] as const,
          default: 'route' as Granularity,
          requiresArg: true,
          describe: 'One Lambda function per route, per mounted router, or per app',
        })
        .option('out', {
          type: 'string',
          default: 'lambda',
          requiresArg: true,
          describe: 'Directory (relative to <dir>) for generated modules: <out>/http/<name>, <out>/jobs/<name>',
        })
        .option('vendor-runtime', {
          type: 'boolean',
          default: false,
          describe: 'Copy the lambdashift runtime into <out>/runtime instead of depending on the lambdashift package',
        })
        .option('keep-schedules', {
          type: 'boolean',
          default: false,
          describe: 'Guard in-process schedules (they keep running outside Lambda) instead of removing them',
        })
        .option('transform', {
          alias: 't',
          type: 'string',
          requiresArg: true,
          describe: 'A migration transform module to run after the built-in steps (repeatable; after those in lambdashift.config)',
        })
        .option('config', {
          type: 'string',
          requiresArg: true,
          describe: 'lambdashift.config file to use instead of <dir>/lambdashift.config.{json,ts}',
        })
        .example('$0 migrate ./service', 'Show the migration as a diff')
        .example('$0 migrate ./service --transform ./transforms/add-logger.ts', 'With a team transform (see docs/custom-transforms.md)')
        .example('$0 migrate ./service --format json > report.json', 'Machine-readable report of functions, files, diagnostics and readiness findings')
        .example('$0 migrate ./service --format sarif > readiness.sarif', 'Readiness findings for code scanning (see docs/readiness.md)')
        .example('$0 migrate ./service --write', 'Apply it (refuses over uncommitted changes unless --force)'),
      { execution: false },
    ),
  handler: async (argv) => {
    ctx.setExitCode(await runMigrate(argv as unknown as MigrateArgs, ctx.io));
  },
});

/** Executes `lambdashift migrate` with parsed arguments. */
export async function runMigrate(argv: MigrateArgs, io: CliIO): Promise<ExitCode> {
  const options = commonOptionsFrom(argv);
  const root = path.resolve(io.cwd, argv.dir ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${argv.dir} is not a directory`);
  const out = argv.out ?? 'lambda';
  if (path.isAbsolute(out) || out.split(/[\\/]/).includes('..')) throw new UsageError(`--out must be a directory inside the service, got ${out}`);
  const transforms = argv.transform === undefined ? [] : ([] as string[]).concat(argv.transform);
  // Undo a write a killed run left half-done before reading: the plan must start from a whole tree.
  const stop = await recoverBeforeRun(root, options.write, io);
  if (stop !== null) return stop;
  let result;
  try {
    result = await migrate({
      root,
      transforms,
      cwd: io.cwd,
      ...(argv.config !== undefined ? { config: argv.config } : {}),
      include: options.include,
      exclude: options.exclude,
      granularity: argv.granularity ?? 'route',
      outDir: out,
      vendorRuntime: argv.vendorRuntime === true,
      keepSchedules: argv.keepSchedules === true,
      ...iacOptionsFrom(argv),
    });
  } catch (err) {
    // A transform's hook threw: its message names the transform, hook and function. Nothing is printed or written.
    if (!(err instanceof TransformHookError)) throw err;
    io.stderr.write(`lambdashift: ${err.message}\n`);
    return ExitCode.FileFailed;
  }
  return finishRun(result, options, io, { failOn: argv.failOn });
}
