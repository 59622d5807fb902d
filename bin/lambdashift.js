#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `prepare` on npm ci).
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
  // Answered without loading the CLI (yargs and every command's toolchain).
  process.stdout.write(`${require('../package.json').version}\n`);
  return;
}
require('../dist/src/cli/main.js').main(args).then(
  (code) => { process.exitCode = code; },
  (err) => {
    const debug = process.argv.includes('--debug');
    process.stderr.write(`lambdashift: ${debug && err && err.stack ? err.stack : String(err && err.message ? err.message : err).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
