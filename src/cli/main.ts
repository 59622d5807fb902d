import yargs from 'yargs';

/** Entry point used by bin/lambdashift.js; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  await yargs(argv)
    .scriptName('lambdashift')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'Name a command.')
    .help()
    .version()
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`lambdashift: ${msg}\nRun \`lambdashift --help\` for usage.\n`);
      exitCode = 2;
    })
    .parseAsync();
  return exitCode;
}
