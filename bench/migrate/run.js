#!/usr/bin/env node
'use strict';
// `npm run bench:migrate`: bundles main.ts and the migrate child (with lambdashift's current
// src/) with esbuild and runs it.
require('../lib/launch.js').launch('migrate', ['main.ts', 'migrate-child.ts'], process.argv.slice(2));
