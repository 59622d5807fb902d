#!/usr/bin/env node
'use strict';
// Launcher for the TypeScript benchmark: borrows lambdashift's own TypeScript require hook from
// the compiled build (`npm run build` runs first, see the bench:runner script).
require('../../dist/src/runner/compile-module.js').registerTsHook();
require('./bench-runner.ts');
