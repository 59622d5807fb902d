import yargs from 'yargs';
import { isUsageError, processIO, UsageError, type CliIO, type CommandContext, type CommandFactory } from './common-options';
import { ExitCode } from './exit-codes';
import { ownVersion } from '../version';
import { terminalText } from '../safety/escape';
import { switchValueError, withFlagSuggestions } from './habits';

/**
 * Every command, one file per command in src/cli/, keyed by its name (the first word of its
 * `command` string) and loaded on demand: each command module pulls in its whole pipeline
 * (ts-morph, yaml, jscodeshift, ...), and one command should not pay for loading the others.
 */
export const COMMANDS: Readonly<Record<string, () => CommandFactory>> = {
  migrate: () => (require('./migrate') as typeof import('./migrate')).migrateCommand,
  check: () => (require('./check') as typeof import('./check')).checkCommand,
  run: () => (require('./run') as typeof import('./run')).runCommand,
  serve: () => (require('./serve') as typeof import('./serve')).serveCommand,
  verify: () => (require('./verify') as typeof import('./verify')).verifyCommand,
  'new-transform': () => (require('./new-transform') as typeof import('./new-transform')).newTransformCommand,
};

/** Only the named command when the first argument names one; all of them for help and errors. */
function commandsFor(argv: readonly string[]): CommandFactory[] {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  return names.map((name) => COMMANDS[name]());
}

/**
 * Entry point used by bin/lambdashift.js; resolves to the process exit code. `io` defaults to
 * the real process; tests pass their own streams and working directory.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = ExitCode.Success;
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  const parser = yargs()
    .scriptName('lambdashift')
    .usage('$0 <command> [options]\n\nMigrates Express, Koa and node-cron services onto AWS Lambda by rewriting their code.')
    .strict()
    .demandCommand(1, 'Name a command.')
    .recommendCommands()
    .exitProcess(false)
    .help()
    .alias('help', 'h')
    .option('debug', { type: 'boolean', global: true, describe: 'Print the stack trace of an unexpected error' })
    .version(ownVersion())
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
    // Throwing keeps yargs from running a handler after a validation failure.
    .fail((message, err) => {
      // A handler's own error arrives without a message and keeps its type; an error thrown
      // by an option check (e.g. --runtime) is bad usage, reported in one line.
      if (err && (message === null || message === undefined || isUsageError(err))) throw err;
      throw new UsageError(withFlagSuggestions(message ?? 'invalid arguments'));
    });
  for (const command of commandsFor(argv)) parser.command(command(ctx));

  let helpOrVersion = '';
  try {
    const switchError = switchValueError(argv);
    if (switchError !== null) throw new UsageError(switchError);
    // With a callback, yargs hands over --help/--version text instead of printing it itself.
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      helpOrVersion = output;
    });
  } catch (err) {
    if (!isUsageError(err) && !isYargsError(err)) return reportFailure(err, argv.includes('--debug'), io);
    io.stderr.write(`lambdashift: ${terminalText(err.message, { multiline: true })}\nRun \`lambdashift --help\` for usage.\n`);
    return ExitCode.Usage;
  }
  if (helpOrVersion) io.stdout.write(`${helpOrVersion}\n`);
  return exitCode;
}

/** yargs' own validation errors (e.g. from coercion), which are usage errors too. */
function isYargsError(err: unknown): err is Error {
  return err instanceof Error && err.name === 'YError';
}

/**
 * A command failed with an error it did not handle itself: one line naming the problem (and
 * the file, which input errors and file-system errors carry), exit code 1. The stack trace is
 * for `--debug` only: a broken input is not a crash of the tool.
 */
function reportFailure(err: unknown, debug: boolean, io: CliIO): number {
  const error = err instanceof Error ? err : new Error(String(err));
  const known = error.name === 'InputError' || error.name === 'TreeLockedError' || typeof (error as NodeJS.ErrnoException).code === 'string';
  const message = terminalText(error.message.split('\n')[0] ?? '');
  io.stderr.write(`lambdashift: ${known ? '' : 'unexpected error: '}${message}${debug ? '' : known ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.FileFailed;
}
