import * as path from 'node:path';
import { ProxyUrlError } from '../plan/proxy-url';
import type { Argv, CommandModule } from 'yargs';
import { resolveColor, writeOutput, type ColorMode, type OutputFormat, type OutputStream } from '../changes/output';
import { GITHUB_COMMENT_LIMIT } from '../changes/printers/markdown-sections';
import { applyChangeSet } from '../changes/writer';
import { describeRecovery, recoverInterruptedWrite, TreeLockedError } from '../changes/write-lock';
import { loadCheck } from '../migrate/load-check';
import { DiscoveryError } from '../discover/discover-files';
import type { RunResult } from '../model/run-result';
import { defaultWorkerCount } from '../runner/run-transform';
import { TransformLoadError } from '../runner/load-transform';
import { phaseProgressLine } from '../runner/progress';
import { ExitCode } from './exit-codes';
import { terminalText } from '../safety/escape';

/** Where a command reads and writes; injectable so tests run the CLI in-process. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Directory relative paths on the command line are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The real process streams, directory and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** What a command needs from `main`: the IO and a way to report its exit code. */
export interface CommandContext {
  io: CliIO;
  setExitCode(code: ExitCode): void;
}

/** Builds a yargs command for `main` to register (`any` as in yargs' own CommandModule default). */
export type CommandFactory = (ctx: CommandContext) => CommandModule<any, any>;

/** Bad usage detected by a command itself (beyond what yargs validates): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Errors that mean "the command line was wrong" rather than "a file failed". */
export function isUsageError(err: unknown): err is Error {
  return err instanceof UsageError || err instanceof TransformLoadError || err instanceof DiscoveryError || err instanceof ProxyUrlError;
}

/** The options shared by every command that produces a ChangeSet (`run`, `migrate`). */
export interface CommonOptions {
  write: boolean;
  force: boolean;
  check: boolean;
  format: OutputFormat;
  color: ColorMode;
  patch?: string;
  /** Markdown on stdout: at most this many characters; 0 for no limit. */
  maxSize: number;
  fullReport?: string;
  timing: boolean;
  workers: number;
  inBand: boolean;
  include: string[];
  exclude: string[];
}

const OUTPUT_GROUP = 'Output:';
const WRITE_GROUP = 'Writing:';
const SELECTION_GROUP = 'File selection:';
const EXECUTION_GROUP = 'Execution:';

/** Every occurrence of a repeatable string option, as an array. */
const toList = (value: unknown): string[] => (value === undefined ? [] : ([] as unknown[]).concat(value).map(String));

/** Text for `--help` epilogues: the exit codes. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  success (with --check: nothing pending)',
  '  1  a file failed (parse error, transform error, write refused or failed) or an error was reported (nothing is written then)',
  '  2  bad usage (unknown option, transform not found or not a function, missing path)',
  '  3  with --check: changes are pending',
].join('\n');

/** Adds the common options to a command's yargs builder, with their validation. */
export function withCommonOptions<T>(y: Argv<T>, options: { execution?: boolean } = {}): Argv<T & CommonOptions> {
  const withExecution = options.execution !== false ? withExecutionOptions(y) : y;
  return withExecution
    .option('write', {
      type: 'boolean',
      default: false,
      group: WRITE_GROUP,
      describe: 'Apply the changes to disk, all or nothing (default: dry run, only print them)',
    })
    .option('force', {
      type: 'boolean',
      default: false,
      group: WRITE_GROUP,
      describe: 'With --write: write even when files to change have uncommitted changes in git',
    })
    .option('check', {
      type: 'boolean',
      default: false,
      group: WRITE_GROUP,
      describe: 'Exit with code 3 when changes are pending, for CI gates (nothing is written)',
    })
    .option('format', {
      choices: ['diff', 'json', 'markdown', 'sarif'] as const,
      default: 'diff' as OutputFormat,
      requiresArg: true,
      group: OUTPUT_GROUP,
      describe: 'What to print on stdout: a unified diff, the JSON report (version 1), a Markdown report, or the readiness findings as SARIF 2.1.0',
    })
    .option('color', {
      type: 'string',
      choices: ['auto', 'always', 'never'],
      default: 'auto',
      requiresArg: true,
      group: OUTPUT_GROUP,
      // `--no-color` arrives as `false`.
      coerce: (value: unknown) => (value === false ? 'never' : value),
      describe: 'Colour the diff and summary: auto (on a terminal, unless NO_COLOR is set), always, never; --no-color = never',
    })
    .option('patch', {
      type: 'string',
      requiresArg: true,
      group: OUTPUT_GROUP,
      describe: 'Also write the changes as a patch for `git apply` to FILE',
    })
    .option('max-size', {
      type: 'number',
      default: GITHUB_COMMENT_LIMIT,
      requiresArg: true,
      group: OUTPUT_GROUP,
      describe: "With --format markdown: cut the report to N characters, with a note (default: GitHub's comment limit; 0 = no limit)",
    })
    .option('full-report', {
      type: 'string',
      requiresArg: true,
      group: OUTPUT_GROUP,
      describe: 'Also write the complete Markdown report, never cut, to FILE (to attach when the comment is cut)',
    })
    .option('timing', {
      type: 'boolean',
      default: false,
      group: OUTPUT_GROUP,
      describe: 'With --format json: add summary.elapsedMs (the report is then no longer identical between runs)',
    })
    .option('include', {
      type: 'string',
      requiresArg: true,
      group: SELECTION_GROUP,
      coerce: toList,
      describe: 'Only take files matching this glob (root-relative; repeatable)',
    })
    .option('exclude', {
      type: 'string',
      requiresArg: true,
      group: SELECTION_GROUP,
      coerce: toList,
      describe: 'Skip files and directories matching this glob (root-relative; repeatable)',
    })
    .check((argv) => {
      const workers = (argv.workers as number | undefined) ?? 1;
      if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a whole number of at least 1, got ${String(argv.workers)}`);
      if (argv.force && !argv.write) throw new UsageError('--force only applies together with --write');
      if (argv.check && argv.write) throw new UsageError('--check and --write cannot be combined: --check never writes');
      const maxSize = argv.maxSize as number | undefined;
      if (maxSize !== undefined && (!Number.isInteger(maxSize) || maxSize < 0)) throw new UsageError(`--max-size must be a whole number of characters (0 = no limit), got ${String(argv.maxSize)}`);
      return true;
    })
    .epilogue(EXIT_CODES_HELP) as unknown as Argv<T & CommonOptions>;
}

/** Normalises parsed common options (the repeatable lists may be absent). */
export function commonOptionsFrom(argv: Partial<CommonOptions>): CommonOptions {
  return {
    write: argv.write === true,
    force: argv.force === true,
    check: argv.check === true,
    format: argv.format ?? 'diff',
    color: argv.color ?? 'auto',
    patch: argv.patch,
    maxSize: argv.maxSize ?? GITHUB_COMMENT_LIMIT,
    fullReport: argv.fullReport,
    timing: argv.timing === true,
    workers: argv.workers ?? defaultWorkerCount(),
    inBand: argv.inBand === true,
    include: toList(argv.include),
    exclude: toList(argv.exclude),
  };
}

/**
 * Ends a command: prints the result (chosen format on stdout, summary on stderr, `--patch`
 * file), applies it with `--write` (unless an error was reported), and returns the exit code:
 * 1 when a file failed, an error was reported, or the write was refused or failed, else 3 with
 * `--check` and pending changes, else 0.
 */
export async function finishRun(result: RunResult, options: CommonOptions, io: CliIO, gate: { failOn?: FailOn } = {}): Promise<ExitCode> {
  await writeOutput(result, {
    sarifUriPrefix: sarifUriPrefix(io.cwd, result.changes.root),
    format: options.format,
    color: options.color,
    patchFile: options.patch === undefined ? undefined : path.resolve(io.cwd, options.patch),
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    report: {
      timing: options.timing,
      maxSize: options.maxSize === 0 ? Infinity : options.maxSize,
      ...(options.fullReport !== undefined ? { fullReportFile: path.resolve(io.cwd, options.fullReport), fullReportName: options.fullReport } : {}),
    },
  });

  const pending = result.changes.pending().length;
  // An error diagnostic means part of what was asked for was not done (a refused rename, a
  // runtime that could not be vendored): writing the rest would leave a half-done migration.
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  // Likewise a file that failed: its rewrite is missing from the set, so the rest is partial.
  const failed = result.changes.counts().failed;
  if (options.write && pending > 0 && (errors > 0 || failed > 0)) {
    const why = [failed > 0 ? `${plural(failed, 'file')} failed` : '', errors > 0 ? `${plural(errors, 'error')} reported` : ''].filter(Boolean).join(' and ');
    io.stderr.write(`lambdashift: nothing written: ${why}; fix ${failed + errors === 1 ? 'it' : 'them'} and run again\n`);
    return ExitCode.FileFailed;
  }
  if (options.write && pending > 0) {
    const progress = phaseProgressLine(io.stderr, { color: resolveColor(options.color, io.stderr, io.env) });
    try {
      const outcome = await applyChangeSet(result.changes, {
        force: options.force,
        // Staging every file, then moving each into place: one counter over both, so it never goes back.
        onProgress: ({ phase, done, total }) => progress.update({ phase: 'write', done: phase === 'stage' ? done : total + done, total: total * 2, files: total }),
        onRecovery: (recovery) => io.stderr.write(`lambdashift: ${describeRecovery(recovery)}\n`),
      });
      progress.end();
      io.stderr.write(`lambdashift: wrote ${plural(outcome.written.length, 'file')}, deleted ${outcome.deleted.length}\n`);
      if (result.command === 'migrate') {
        // Each generated module, bundled as deployed and loaded as on a cold start.
        progress.update({ phase: 'check', done: 0, total: null });
        const failures = await loadCheck(result.changes.root, result.functions.map((f) => ({ name: f.name, module: f.module })));
        progress.end();
        for (const d of failures) io.stderr.write(`${d.severity === 'error' ? 'error' : 'note'}: ${d.file}: ${d.message}\n`);
        if (failures.some((d) => d.severity === 'error')) return ExitCode.FileFailed;
      }
    } catch (err) {
      progress.end();
      // A refusal has already left every file as it was; a failed write has been rolled back.
      io.stderr.write(`lambdashift: ${terminalText(err instanceof Error ? err.message : String(err), { multiline: true })}\n`);
      return ExitCode.FileFailed;
    }
  }

  if (result.changes.counts().failed > 0 || errors > 0) return ExitCode.FileFailed;
  if (failsReadinessGate(result, gate.failOn, io)) return ExitCode.FileFailed;
  if (options.check && pending > 0) {
    io.stderr.write(`lambdashift: changes pending (${plural(pending, 'file')}); run with --write to apply them\n`);
    return ExitCode.ChangesPending;
  }
  return ExitCode.Success;
}

/**
 * Before a run reads `root`: undoes the write a killed run left half-done (see
 * `recoverInterruptedWrite`) and says so. Another run writing right now stops a `--write` run
 * (exit 1) but not a dry run. Returns the exit code to stop with, or null to go on.
 */
export async function recoverBeforeRun(root: string, write: boolean, io: CliIO): Promise<ExitCode | null> {
  try {
    const recovery = await recoverInterruptedWrite(root);
    if (recovery) io.stderr.write(`lambdashift: ${describeRecovery(recovery)}\n`);
  } catch (err) {
    if (!(err instanceof TreeLockedError)) throw err;
    if (!write) return null;
    io.stderr.write(`lambdashift: ${err.message}\n`);
    return ExitCode.FileFailed;
  }
  return null;
}

/** `--fail-on`: the lowest readiness severity that fails the run. */
export type FailOn = 'warning' | 'error';

/** `--fail-on warning|error`, for the commands that report readiness (`check`, `migrate`). */
export function withFailOnOption<T>(y: Argv<T>): Argv<T & { failOn?: FailOn }> {
  return y.option('fail-on', {
    choices: ['warning', 'error'] as const,
    requiresArg: true,
    group: OUTPUT_GROUP,
    describe: 'Exit with code 1 when a readiness finding has this severity or a higher one (for CI)',
  }) as unknown as Argv<T & { failOn?: FailOn }>;
}

/** Whether readiness findings reach `failOn`; says so on stderr when they do. */
export function failsReadinessGate(result: RunResult, failOn: FailOn | undefined, io: CliIO): boolean {
  if (failOn === undefined || result.readiness === undefined) return false;
  const failing = result.readiness.filter((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning')).length;
  if (failing === 0) return false;
  io.stderr.write(`lambdashift: ${plural(failing, 'readiness finding')} at or above ${failOn} (--fail-on ${failOn})\n`);
  return true;
}

/** The service root relative to the working directory (the repository root in CI), for SARIF paths. */
export function sarifUriPrefix(cwd: string, root: string): string {
  const rel = path.relative(cwd, root).split(path.sep).join('/');
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `--workers` and `--in-band`, for commands that fan work out over threads (`run`). */
function withExecutionOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('workers', {
      type: 'number',
      default: defaultWorkerCount(),
      defaultDescription: 'CPU cores - 1, at least 1',
      requiresArg: true,
      group: EXECUTION_GROUP,
      describe: 'Worker threads to spread files over',
    })
    .option('in-band', {
      type: 'boolean',
      default: false,
      group: EXECUTION_GROUP,
      describe: "Run in the main thread, without workers (for debugging; the transform's console output then shares stdout with the report)",
    });
}
