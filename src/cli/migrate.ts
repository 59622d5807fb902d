import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import type { FallbackMode, Granularity } from '../model/migration-plan';
import { parseRoutePattern } from '../plan/route-selection';
import { migrate } from '../migrate/migrate';
import { mergeRunResults } from '../changes/rebase';
import type { RunResult } from '../model/run-result';
import { iacOptionsFrom, withIacOptions, type IacArgs } from '../emit/iac/cli-options';
import { commonOptionsFrom, finishRun, recoverBeforeRun, UsageError, withCommonOptions, withFailOnOption, type CliIO, type CommandFactory, type CommonOptions, type FailOn } from './common-options';
import { ExitCode } from './exit-codes';
import { serviceRootProblem } from '../migrate/service-root';
import { TransformHookError } from '../hooks/run-hooks';
import { resolveColor } from '../changes/output';
import { phaseProgressLine } from '../runner/progress';
import { maxFileBytesFromEnv } from '../scan/source-health';

/** Arguments of `lambdashift migrate`. */
export interface MigrateArgs extends CommonOptions, IacArgs {
  /** One or more service folders (`services/*` expands in the shell). */
  dir?: string | string[];
  gitRoot?: boolean;
  granularity: Granularity;
  out: string;
  vendorRuntime: boolean;
  keepSchedules: boolean;
  transform?: string | string[];
  entry?: string | string[];
  config?: string;
  fallback?: FallbackMode;
  proxyUrl?: string;
  routes?: string | string[];
  failOn?: FailOn;
}

/** `lambdashift migrate [dir]`: shows (or with --write applies) the migration of a service. */
export const migrateCommand: CommandFactory = (ctx) => ({
  command: 'migrate [dir..]',
  describe: 'Migrate an Express/Koa/node-cron service to Lambda functions (dry run: prints the diff)',
  builder: (y: Argv) =>
    withCommonOptions(
      withFailOnOption(withIacOptions(y))
        .usage('$0 migrate [dir..] [options]\n\nReads the service in <dir> and shows, as a diff, the Lambda handler modules, source rewrites and package.json edits that migrate it. Nothing is written without --write. With several folders (services/*), one diff and one report cover them all, with paths relative to the current directory.')
        .positional('dir', { type: 'string', array: true, default: ['.'], describe: 'Root of the service (where its package.json is); several for a monorepo' })
        .option('git-root', {
          type: 'boolean',
          default: false,
          describe: 'Paths in the diff, --patch and reports relative to the git repository root, so `git apply` works there',
        })
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
        .option('fallback', {
          choices: ['app', 'proxy', 'none'] as const,
          requiresArg: true,
          describe: 'What answers requests no split function serves: the whole app in one function (app, the default), the running service through an HTTP proxy (proxy, with --proxy-url: strangler-fig migration) or API Gateway 404s (none: unserved routes are errors)',
        })
        .option('proxy-url', {
          type: 'string',
          requiresArg: true,
          describe: 'With --fallback proxy: absolute http(s) URL of the service where it runs today; requests no split function serves are forwarded there',
        })
        .option('routes', {
          type: 'string',
          requiresArg: true,
          describe: "Only routes matching this pattern get functions of their own, the rest stay with the fallback (repeatable; e.g. 'GET /api/users/*', '/api/orders/**')",
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
        .option('entry', {
          type: 'string',
          requiresArg: true,
          describe: 'A file the service starts from, relative to <dir> (repeatable; default: package.json main/exports/bin and the start/dev scripts)',
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
        .example('$0 migrate services/*', 'Several services of a monorepo: one diff, one report')
        .example('$0 migrate ./service --write', 'Apply it (refuses over uncommitted changes unless --force)')
        .example("$0 migrate ./service --routes 'GET /api/users/*'", 'Split only these routes; the whole-app function serves the rest')
        .example("$0 migrate ./service --routes '/api/orders/**' --fallback proxy --proxy-url https://old.example.com", 'Strangler fig: move these routes to Lambda, forward the rest to the running service'),
      { execution: false },
    ),
  handler: async (argv) => {
    ctx.setExitCode(await runMigrate(argv as unknown as MigrateArgs, ctx.io));
  },
});

/** Executes `lambdashift migrate` with parsed arguments. */
export async function runMigrate(argv: MigrateArgs, io: CliIO): Promise<ExitCode> {
  const options = commonOptionsFrom(argv);
  const dirs = argv.dir === undefined ? ['.'] : ([] as string[]).concat(argv.dir);
  const combined = argv.gitRoot === true || dirs.length > 1;
  const roots = dirs.map((dir) => {
    const root = path.resolve(io.cwd, dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${dir} is not a directory`);
    // Combined paths are computed between real paths (git reports its top level resolved).
    return combined ? fs.realpathSync(root) : root;
  });
  const out = argv.out ?? 'lambda';
  if (path.isAbsolute(out) || out.split(/[\\/]/).includes('..')) throw new UsageError(`--out must be a directory inside the service, got ${out}`);
  const base = !combined ? null : argv.gitRoot ? gitTopLevel(roots[0]) : commonBase(fs.realpathSync(io.cwd), roots);
  if (base !== null) {
    const outside = dirs.find((_, i) => path.relative(base, roots[i]).startsWith('..'));
    if (outside !== undefined) throw new UsageError(`${outside} is outside ${argv.gitRoot ? 'the git repository' : 'the current directory'} (${base})`);
  }
  dirs.forEach((dir, i) => {
    const problem = serviceRootProblem(roots[i]!, dir);
    if (problem) throw new UsageError(problem);
  });
  const transforms = argv.transform === undefined ? [] : ([] as string[]).concat(argv.transform);
  const routes = argv.routes === undefined ? undefined : ([] as string[]).concat(argv.routes);
  for (const pattern of routes ?? []) {
    try {
      parseRoutePattern(pattern);
    } catch (err) {
      throw new UsageError(`--routes: ${(err as Error).message}`);
    }
  }
  // Each service runs somewhere of its own: one URL cannot be every service's old address.
  if (argv.proxyUrl !== undefined && roots.length > 1) throw new UsageError('--proxy-url names where one service runs; migrate the services one at a time, or set "proxyUrl" in each lambdashift.config.json');
  const entries = argv.entry === undefined ? [] : ([] as string[]).concat(argv.entry);
  if (entries.length && roots.length > 1) throw new UsageError('--entry names a file of one service; migrate the services one at a time to use it');
  for (const e of entries) {
    if (!fs.existsSync(path.resolve(roots[0]!, e))) throw new UsageError(`--entry ${e}: no such file in ${dirs[0]}`);
  }
  // The scan's per-file budget (README: large files).
  let maxFileBytes: number | undefined;
  try {
    maxFileBytes = maxFileBytesFromEnv(io.env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // Undo a write a killed run left half-done before reading: the plan must start from a whole
  // tree. The writer locks the ChangeSet's root: each service's, or their common base.
  for (const lockRoot of base === null ? roots : [base]) {
    const stop = await recoverBeforeRun(lockRoot, options.write, io);
    if (stop !== null) return stop;
  }
  const results: RunResult[] = [];
  const color = resolveColor(options.color, io.stderr, io.env);
  for (const [i, root] of roots.entries()) {
    // One line per service on a terminal (several services: named on it), cleared before printing.
    const label = roots.length > 1 ? `lambdashift: ${dirs[i]} (${i + 1}/${roots.length})` : 'lambdashift';
    const progress = phaseProgressLine(io.stderr, { label, color });
    try {
      results.push(
        await migrate({
          root,
          onProgress: progress.update,
          transforms,
          ...(entries.length ? { entries } : {}),
          cwd: io.cwd,
          ...(argv.config !== undefined ? { config: argv.config } : {}),
          include: options.include,
          exclude: options.exclude,
          granularity: argv.granularity ?? 'route',
          outDir: out,
          vendorRuntime: argv.vendorRuntime === true,
          keepSchedules: argv.keepSchedules === true,
          ...(argv.fallback !== undefined ? { fallback: argv.fallback } : {}),
          ...(argv.proxyUrl !== undefined ? { proxyUrl: argv.proxyUrl } : {}),
          ...(routes ? { routes } : {}),
          ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
          ...iacOptionsFrom(argv),
        }),
      );
    } catch (err) {
      progress.end();
      // A transform's hook threw: its message names the transform, hook and function. Nothing is printed or written.
      if (!(err instanceof TransformHookError)) throw err;
      io.stderr.write(`lambdashift: ${err.message}\n`);
      return ExitCode.FileFailed;
    }
    progress.end();
  }
  return finishRun(base === null ? results[0] : mergeRunResults(results, base), options, io, { failOn: argv.failOn });
}

/** The current directory when every service is inside it, else the services' common ancestor. */
function commonBase(cwd: string, roots: readonly string[]): string {
  if (roots.every((root) => !path.relative(cwd, root).startsWith('..'))) return cwd;
  let base = roots[0];
  while (!roots.every((root) => !path.relative(base, root).startsWith('..'))) base = path.dirname(base);
  return base;
}

/** The top level of the git work tree holding `dir`. */
function gitTopLevel(dir: string): string {
  try {
    return fs.realpathSync(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    throw new UsageError(`--git-root: ${dir} is not inside a git repository`);
  }
}
