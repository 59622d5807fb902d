/**
 * ESM loader hooks (registered by preload.cjs): `.ts`/`.mts` modules of ESM packages are
 * transpiled with esbuild; a relative `./x.js` import that only exists as `./x.ts` resolves to
 * it (TypeScript's node16/bundler convention), as do extensionless relative imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
let tsconfigRaw = {};

export function initialize(data) {
  tsconfigRaw = data?.tsconfigRaw ?? {};
}

function packageType(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}

const TS = /\.(ts|mts|cts)$/;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (!relative || !context.parentURL?.startsWith('file:') || !TS.test(fileURLToPath(context.parentURL))) throw error;
    const base = path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier);
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    const candidates = [`${stem}.ts`, `${stem}.mts`, `${stem}.cts`, path.join(base, 'index.ts')];
    for (const candidate of candidates) {
      if (fs.existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
    }
    throw error;
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !TS.test(url)) return next(url, context);
  const file = fileURLToPath(url);
  const format = file.endsWith('.mts') ? 'module' : file.endsWith('.cts') ? 'commonjs' : packageType(file);
  if (format === 'commonjs') return { format: 'commonjs', shortCircuit: true };
  const source = fs.readFileSync(file, 'utf8');
  const code = esbuild.transformSync(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcefile: file,
    sourcemap: 'inline',
    tsconfigRaw,
  }).code;
  return { format: 'module', source: code, shortCircuit: true };
}
