import * as path from 'node:path';
import type { Argv } from 'yargs';
import { detectTestTooling, displayPath, newTransform, ScaffoldFailedError, ScaffoldUsageError, type NewTransformResult } from '../scaffold/new-transform';
import { UsageError, type CliIO, type CommandFactory } from './common-options';
import { ExitCode } from './exit-codes';

/** Arguments of `lambdashift new-transform`. */
export interface NewTransformArgs {
  name: string;
  dir: string;
  force: boolean;
}

/** `lambdashift new-transform <name>`: scaffolds a migration transform with a passing fixture test. */
export const newTransformCommand: CommandFactory = (ctx) => ({
  command: 'new-transform <name>',
  describe: 'Scaffold a migration transform (TypeScript) with a fixture test that passes as generated',
  builder: (y: Argv) =>
    y
      .usage(
        [
          '$0 new-transform <name> [options]',
          '',
          'Writes <dir>/<name>.ts, a migration transform for `lambdashift migrate --transform` (it leaves /internal routes on the old service and gives HTTP functions a 10 s timeout, plus a commented-out module hook to start from); <dir>/__tests__/<name>.test.ts, its fixture test; and <dir>/__testfixtures__/<name>/basic/, a small Express service in input/ whose output/ and diagnostics.txt come from migrating it with the new transform. All files or none.',
        ].join('\n'),
      )
      .positional('name', { type: 'string', describe: 'Transform name: letters, digits, - and _ (my-rule, addLogger)' })
      .option('dir', {
        type: 'string',
        default: 'transforms',
        requiresArg: true,
        describe: 'Directory for the transform (relative to the current directory)',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Replace existing files, and the whole existing fixture case directory',
      })
      .example('$0 new-transform add-logger', 'Write transforms/add-logger.ts, its test and fixture')
      .example('$0 new-transform add-logger --dir tools/lambda', 'The same under tools/lambda/')
      .epilogue(
        [
          'The project needs lambdashift installed (the transform imports it); the test runs with jest and ts-jest.',
          '',
          'Exit codes:',
          '  0  written',
          '  1  writing or migrating the fixture failed (nothing is left behind)',
          '  2  bad usage (invalid name, a file exists without --force, lambdashift not installed)',
        ].join('\n'),
      ),
  handler: async (argv) => {
    ctx.setExitCode(await runNewTransform(argv as unknown as NewTransformArgs, ctx.io));
  },
});

/** Executes `lambdashift new-transform` with parsed arguments. */
export async function runNewTransform(argv: NewTransformArgs, io: CliIO): Promise<ExitCode> {
  let result: NewTransformResult;
  try {
    result = await newTransform({ name: String(argv.name), dir: argv.dir ?? 'transforms', cwd: io.cwd, force: argv.force === true });
  } catch (err) {
    if (err instanceof ScaffoldUsageError) throw new UsageError(err.message);
    if (!(err instanceof ScaffoldFailedError)) throw err;
    io.stderr.write(`lambdashift new-transform: ${err.message}\n`);
    return ExitCode.FileFailed;
  }
  io.stderr.write(nextSteps(result, io.cwd));
  return ExitCode.Success;
}

/** What was written and what to do next, for stderr. */
export function nextSteps(result: NewTransformResult, cwd: string): string {
  const { plan } = result;
  const show = (p: string) => displayPath(cwd, p);
  const wasReplaced = (file: string) => result.replaced.some((p) => file === p || file.startsWith(p + path.sep));
  const lines = [
    `lambdashift new-transform: ${result.replaced.length > 0 ? 'rewrote' : 'created'} ${plan.name}`,
    ...result.created.map((file) => `  ${show(file)}${wasReplaced(file) ? ' (replaced)' : ''}`),
    `  (output/${result.diagnostics.length > 0 ? ' and diagnostics.txt' : ''}: what \`lambdashift migrate\` makes of input/ with the transform)`,
    '',
    'Next steps:',
    '  1. Run its test (it passes as generated):',
    `       npx jest ${plan.display.test}`,
  ];
  const tooling = detectTestTooling(cwd);
  if (tooling.missing.length > 0) {
    const where = tooling.hasPackageJson ? 'this project lacks' : 'no package.json here, so install';
    lines.push(`     It runs with jest and ts-jest; ${where} ${tooling.missing.join(', ')}:`, `       npm i -D ${tooling.missing.join(' ')}`);
  }
  if (result.jestConfig !== undefined) lines.push(`     (${show(result.jestConfig)} was written for it: the project had no jest config)`);
  else if (!tooling.hasJestConfig) lines.push('     and jest compiles TypeScript tests once ts-jest is configured:', '       npx ts-jest config:init');
  if (!tooling.ignoresFixtures && result.jestConfig === undefined) {
    lines.push(
      "     To keep jest from warning of a haste module naming collision (input/ and output/ hold",
      "     package.json files of the same name), add to its config: modulePathIgnorePatterns: ['/__testfixtures__/']",
    );
  }
  lines.push(
    '  2. Try it on a service (a dry run that prints the diff; --write applies it):',
    `       npx lambdashift migrate <service> --transform ${plan.display.transform}`,
    '  3. Make it yours, then rewrite the expected output from a real run and review the diff:',
    `       LAMBDASHIFT_UPDATE_FIXTURES=1 npx jest ${plan.display.test}`,
    '',
  );
  return lines.join('\n');
}
