import * as fs from 'node:fs';
import * as path from 'node:path';
import pc from 'picocolors';
import type { Argv } from 'yargs';
import { printerFor, resolveColor, writeTo, type ColorMode } from '../changes/output';
import { formatElapsed } from '../changes/printers/summary';
import { formatReadinessText, readinessCountPart } from '../readiness/report';
import { READINESS_RULES } from '../readiness/rules';
import { checkService } from '../readiness/check-service';
import { failsReadinessGate, sarifUriPrefix, UsageError, withFailOnOption, type CliIO, type CommandFactory, type FailOn } from './common-options';
import { ExitCode } from './exit-codes';

type CheckFormat = 'text' | 'json' | 'markdown' | 'sarif';

/** Arguments of `lambdashift check`. */
export interface CheckArgs {
  dir: string;
  rules: boolean;
  format: CheckFormat;
  color: ColorMode;
  failOn?: FailOn;
  config?: string;
  out: string;
  include?: string | string[];
  exclude?: string | string[];
}

/** `lambdashift check [dir]`: what will behave differently on Lambda, before migrating. */
export const checkCommand: CommandFactory = (ctx) => ({
  command: 'check [dir]',
  describe: 'Report what in a service will behave differently on Lambda (readiness), before migrating',
  builder: (y: Argv) =>
    withFailOnOption(y)
      .usage('$0 check [dir] [options]\n\nReads the service in <dir> and lists, per place in the code, what will behave differently once it runs as Lambda functions, which functions it affects, why, and what to do instead. Reads only.')
      .positional('dir', { type: 'string', default: '.', describe: 'Root of the service (where its package.json is)' })
      .option('rules', { type: 'boolean', default: false, describe: 'List the rules (id, severity, what they find) and exit' })
      .option('format', {
        choices: ['text', 'json', 'markdown', 'sarif'] as const,
        default: 'text' as CheckFormat,
        requiresArg: true,
        describe: 'What to print on stdout: text, the JSON report (readiness[]), Markdown, or SARIF 2.1.0 for code scanning',
      })
      .option('color', {
        type: 'string',
        choices: ['auto', 'always', 'never'],
        default: 'auto',
        requiresArg: true,
        coerce: (value: unknown) => (value === false ? 'never' : value),
        describe: 'Colour the text: auto (on a terminal, unless NO_COLOR is set), always, never',
      })
      .option('config', { type: 'string', requiresArg: true, describe: 'lambdashift.config file to use instead of <dir>/lambdashift.config.{json,ts}' })
      .option('out', { type: 'string', default: 'lambda', requiresArg: true, describe: 'Directory of generated modules, left out of the check' })
      .option('include', { type: 'string', requiresArg: true, describe: 'Only take files matching this glob (root-relative; repeatable)' })
      .option('exclude', { type: 'string', requiresArg: true, describe: 'Skip files and directories matching this glob (root-relative; repeatable)' })
      .example('$0 check ./service', 'List the findings with why and what to do instead')
      .example('$0 check ./service --format sarif > readiness.sarif', 'For code scanning in pull requests')
      .example('$0 check ./service --fail-on error', 'Fail CI when a function has a blocker')
      .example('$0 check --rules', 'List the rules')
      .epilogue('Rules are configured in lambdashift.config ("readiness": { "<rule>": "off" | "error" | "warning" | "info" }); `// lambdashift-ignore <rule>` on a line (or alone on the line above) suppresses that finding. See docs/readiness.md.\n\nExit codes:\n  0  done (no finding reached --fail-on)\n  1  a finding reached --fail-on\n  2  bad usage'),
  handler: async (argv) => {
    ctx.setExitCode(await runCheck(argv as unknown as CheckArgs, ctx.io));
  },
});

/** Executes `lambdashift check` with parsed arguments. */
export async function runCheck(argv: CheckArgs, io: CliIO): Promise<ExitCode> {
  const colors = pc.createColors(resolveColor(argv.color ?? 'auto', io.stdout, io.env));
  if (argv.rules) {
    await writeTo(io.stdout, formatRuleList(colors));
    return ExitCode.Success;
  }
  const root = path.resolve(io.cwd, argv.dir ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${argv.dir} is not a directory`);
  const toList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : ([] as string[]).concat(v));
  const result = await checkService({
    root,
    include: toList(argv.include),
    exclude: toList(argv.exclude),
    outDir: argv.out ?? 'lambda',
    ...(argv.config !== undefined ? { config: path.resolve(io.cwd, argv.config) } : {}),
  });
  const format = argv.format ?? 'text';
  // json, markdown and sarif are migrate's own printers, so both commands report alike.
  await writeTo(io.stdout, format === 'text' ? formatReadinessText(result, colors) : printerFor(format, false, {}, { uriPrefix: sarifUriPrefix(io.cwd, root) }).print(result));
  const errColors = pc.createColors(resolveColor(argv.color ?? 'auto', io.stderr, io.env));
  const configProblems = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  await writeTo(io.stderr, [...configProblems, `lambdashift check: ${readinessCountPart(result, errColors)}; done in ${formatElapsed(result.elapsedMs)}`, ''].join('\n'));
  return failsReadinessGate(result, argv.failOn, io) ? ExitCode.FileFailed : ExitCode.Success;
}

/** `check --rules`: id, default severity and title of each rule. */
export function formatRuleList(colors = pc.createColors(false)): string {
  const width = Math.max(...READINESS_RULES.map((r) => r.id.length));
  return READINESS_RULES.map((r) => `${colors.bold(r.id.padEnd(width))}  ${r.severity.padEnd(7)}  ${r.title}`).join('\n') + '\n';
}
