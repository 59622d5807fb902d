/**
 * Starts one of lambdashift's worker entries. Compiled builds start the `.js` entry directly;
 * when lambdashift itself runs as TypeScript (under jest or a TS loader), a tiny bootstrap
 * first teaches the worker to require `.ts` files.
 */
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const TS_BOOTSTRAP = `
'use strict';
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const compile = (() => {
  try {
    const esbuild = require(require.resolve('esbuild', { paths: [workerData.__bootstrap.from] }));
    return (source, filename) => esbuild.transformSync(source, { loader: filename.endsWith('x') ? 'tsx' : 'ts', format: 'cjs', platform: 'node', sourcefile: filename, sourcemap: 'inline' }).code;
  } catch {
    const { ts } = require(require.resolve('ts-morph', { paths: [workerData.__bootstrap.from] }));
    return (source, filename) => ts.transpileModule(source, { fileName: filename, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true } }).outputText;
  }
})();
Module._extensions['.ts'] = (mod, filename) => mod._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
require(workerData.__bootstrap.entry);
`;

/** Starts `<dir>/<name>.js` (or `.ts` when running from source) with `workerData`. */
export function spawnWorker(dir: string, name: string, workerData: unknown, options: Omit<WorkerOptions, 'workerData' | 'eval'> = {}): Worker {
  const ext = path.extname(__filename);
  const entry = path.join(dir, `${name}${ext}`);
  if (ext === '.ts') {
    return new Worker(TS_BOOTSTRAP, { ...options, eval: true, workerData: { ...(workerData as object), __bootstrap: { entry, from: __dirname } } });
  }
  return new Worker(entry, { ...options, workerData });
}
