#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `prepare` on npm ci).
require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    const debug = process.argv.includes('--debug');
    process.stderr.write(`lambdashift: ${debug && err && err.stack ? err.stack : String(err && err.message ? err.message : err).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
