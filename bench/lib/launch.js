'use strict';
/**
 * Launcher shared by the benchmarks in bench/: bundles a benchmark's TypeScript entry points
 * (and the lambdashift sources they import) with esbuild into .bench-tmp/build/<bench>-<pid>/
 * (per process: engineers share the tree, and two runs must not delete each other's files;
 * removed on exit), then runs the main one. Packages stay external (resolved from the repo's node_modules), so the
 * bundle holds only this repo's code, compiled from the current src/ as it is on disk. No
 * ts-node, no dependence on dist/ being up to date (except the published runtime, which the
 * adapter benchmark rebuilds when stale, as the behaviour tests do).
 *
 *   node bench/lib/launch.js <bench> <entry.ts>[,<child.ts>...] [args...]
 */
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..', '..');

function launch(bench, entries, args) {
  const esbuild = require('esbuild');
  const outdir = path.join(repo, '.bench-tmp', 'build', `${bench}-${process.pid}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  process.on('exit', () => fs.rmSync(outdir, { recursive: true, force: true }));
  esbuild.buildSync({
    entryPoints: entries.map((e) => path.join(repo, 'bench', bench, e)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // Bundled code cannot locate the repo from its own __dirname; it reads it from here.
  process.env.LAMBDASHIFT_BENCH_REPO = repo;
  const main = path.join(outdir, entries[0].replace(/\.ts$/, '.js'));
  process.argv = [process.argv[0], main, ...args];
  require(main);
}

module.exports = { launch, repo };

if (require.main === module) {
  const [bench, entries, ...args] = process.argv.slice(2);
  if (!bench || !entries) {
    process.stderr.write('usage: node bench/lib/launch.js <bench> <entry.ts>[,<child.ts>...] [args...]\n');
    process.exit(2);
  }
  launch(bench, entries.split(','), args);
}
