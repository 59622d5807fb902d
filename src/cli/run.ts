import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
import { discoverFiles } from '../discover/discover-files';
import { loadTransform } from '../runner/load-transform';
import { PARSER_NAMES, type ParserName } from '../runner/parsers';
import { progressLine } from '../runner/progress';
import { runTransform } from '../runner/run-transform';
import {
  commonOptionsFrom,
  finishRun,
  UsageError,
  withCommonOptions,
  type CliIO,
  type CommandFactory,
  type CommonOptions,
} from './common-options';
import type { ExitCode } from './exit-codes';

/** Arguments of `lambdashift run`. */
export interface RunArgs extends CommonOptions {
  transform: string;
  paths: string[];
  parser?: ParserName;
  transformOption: string[];
}

/** `lambdashift run -t <transform> <paths..>`: applies a jscodeshift transform and shows the diff. */
export const runCommand: CommandFactory = (ctx) => ({
  command: 'run <paths..>',
  describe: 'Apply a jscodeshift transform to files and show the changes as a diff',
  builder: (y: Argv) =>
    withCommonOptions(
      y
        .usage('$0 run -t <transform> <paths..> [options]\n\nApply a jscodeshift transform (.js/.ts, default export or module.exports, sync or async) to the files under <paths>.')
        .positional('paths', { type: 'string', array: true, describe: 'Files and directories to transform' })
        .option('transform', {
          alias: 't',
          type: 'string',
          demandOption: true,
          requiresArg: true,
          describe: 'The transform module: a path (extension optional) or a package name',
        })
        .option('parser', {
          choices: PARSER_NAMES,
          requiresArg: true,
          describe: "Parser for every file, over the transform's `parser` export and the per-extension default (tsx for .tsx, ts for .ts/.mts/.cts, babel for JS)",
        })
        .option('transform-option', {
          type: 'string',
          requiresArg: true,
          coerce: (v: unknown) => ([] as unknown[]).concat(v ?? []).map(String),
          describe: 'key=value handed to the transform in its options (repeatable); the value is parsed as JSON when it can be, a bare key is true',
        })
        .example('$0 run -t ./rename.ts src', 'Show what the transform would change, as a diff')
        .example('$0 run -t ./rename.ts src --write', 'Apply it')
        .example('$0 run -t ./t.js . --transform-option quote=single --check', 'Fail CI (exit 3) while the transform still changes something'),
    ),
  handler: async (argv) => {
    // The builder above declares exactly these options; yargs' command typing cannot carry them here.
    ctx.setExitCode(await runRun(argv as unknown as RunArgs, ctx.io));
  },
});

/** Executes `lambdashift run` with parsed arguments. */
export async function runRun(argv: RunArgs, io: CliIO): Promise<ExitCode> {
  const startedAt = performance.now();
  const options = commonOptionsFrom(argv);
  const transformOptions = parseTransformOptions(argv.transformOption ?? []);
  const transform = loadTransform(argv.transform, io.cwd);
  const targets = argv.paths.map((p) => path.resolve(io.cwd, p));
  const root = commonRoot(io.cwd, targets);
  const files = await discoverFiles(root, targets, { include: options.include, exclude: options.exclude });
  if (files.length === 0) io.stderr.write(`lambdashift: no files to transform under ${argv.paths.join(', ')}\n`);

  const progress = progressLine(io.stderr);
  const run = await runTransform({
    root,
    files,
    transform,
    cwd: io.cwd,
    parserOverride: argv.parser,
    transformOptions,
    workers: options.workers,
    inBand: options.inBand,
    onProgress: (done, total) => progress.update(done, total),
    transformOutput: io.stderr,
    startedAt,
  }).finally(() => progress.end());

  const stats = Object.entries(run.stats).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (stats.length > 0) io.stderr.write(`lambdashift: stats: ${stats.map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
  return finishRun(run.result, options, io);
}

/**
 * Parses `--transform-option key=value` pairs. jscodeshift hands unknown `--foo=bar` flags to
 * transforms; lambdashift rejects unknown flags, so options travel this way instead. Values are
 * JSON when they parse as JSON (numbers, booleans, objects), else strings; a bare key is true.
 */
export function parseTransformOptions(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    if (key === '') throw new UsageError(`--transform-option needs key=value, got "${pair}"`);
    options[key] = eq === -1 ? true : parseValue(pair.slice(eq + 1));
  }
  return options;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The ChangeSet root: the working directory when every target lies inside it (the usual
 * case, and what `git apply` expects), else the deepest directory holding all targets.
 */
export function commonRoot(cwd: string, targets: readonly string[]): string {
  if (targets.every((t) => isInside(cwd, t))) return cwd;
  const dirs = targets.map((t) => (isDirectory(t) ? t : path.dirname(t)));
  return dirs.reduce((common, dir) => {
    let c = common;
    while (!isInside(c, dir)) c = path.dirname(c);
    return c;
  });
}

/** Whether `p` is `dir` or lies below it. */
function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
