/**
 * tsconfig `paths`/`baseUrl` aliases (`@/app` → src/app.ts), resolved with TypeScript's own
 * resolver as `tsconfig-paths`, `tsx` or tsc-alias do. Used by both module systems of the
 * target loader: the CommonJS `require` hook calls it directly, the ESM resolve hook evaluates
 * this module's compiled code on Node's loader thread. So it depends on Node built-ins and
 * ts-morph only, loaded on first use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Ts = typeof import('typescript');

/** Compiler options of the tsconfig.json nearest to each directory (null: none), cached. */
const tsconfigByDir = new Map<string, import('typescript').CompilerOptions | null>();

function compilerOptionsFor(dir: string, ts: Ts): import('typescript').CompilerOptions | null {
  const cached = tsconfigByDir.get(dir);
  if (cached !== undefined) return cached;
  const file = path.join(dir, 'tsconfig.json');
  let options: import('typescript').CompilerOptions | null;
  if (fs.existsSync(file)) {
    const read = ts.readConfigFile(file, ts.sys.readFile);
    options = read.error ? null : ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, file).options;
  } else {
    const up = path.dirname(dir);
    options = up === dir || path.basename(dir) === 'node_modules' ? null : compilerOptionsFor(up, ts);
  }
  tsconfigByDir.set(dir, options);
  return options;
}

/**
 * The project file a bare specifier names through the importing file's tsconfig `paths` or
 * `baseUrl` (`.js` specifiers naming `.ts` files included); null when it is not such an alias.
 */
export function resolveTsPathAlias(request: string, parentFile: string): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ts } = require('ts-morph') as { ts: Ts };
  const options = compilerOptionsFor(path.dirname(parentFile), ts);
  if (!options || (!options.paths && !options.baseUrl)) return null;
  const resolved = ts.resolveModuleName(request, parentFile, options, ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) return null;
  return path.resolve(resolved.resolvedFileName);
}
