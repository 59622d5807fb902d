#!/usr/bin/env node
'use strict';
// `npm run bench:adapter`: bundles main.ts (and the per-invocation child) with esbuild and runs it.
require('../lib/launch.js').launch('adapter', ['main.ts', 'invoke-child.ts'], process.argv.slice(2));
