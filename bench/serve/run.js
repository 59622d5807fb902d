#!/usr/bin/env node
'use strict';
// Runs serve-overhead.ts from source: `.ts` files are compiled on require with esbuild.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
Module._extensions['.ts'] = (mod, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  mod._compile(esbuild.transformSync(source, { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcefile: filename }).code, filename);
};
require(path.join(__dirname, 'serve-overhead.ts'))
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code), (err) => { console.error(err); process.exitCode = 1; });
