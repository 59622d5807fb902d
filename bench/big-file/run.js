#!/usr/bin/env node
'use strict';
// `npm run bench:big-file`: bundles main.ts with esbuild and runs it (bench/lib/launch.js).
require('../lib/launch.js').launch('big-file', ['main.ts', 'migrate-child.ts'], process.argv.slice(2));
