/**
 * The type check of generated TypeScript modules. A service's tsconfig.json often includes only
 * `src` (and sets `rootDir: "src"`), so `tsc` never sees `lambda/`. Adding the folder to that
 * file could break the build (files outside `rootDir`, a changed output layout), so when the
 * service's tsconfig does not cover the output folder, a `<out>/tsconfig.json` is generated
 * beside the modules: it extends the service's, checks the modules and what they import, and
 * emits nothing. `tsc -p lambda` type-checks them.
 *
 * Before: tsconfig.json `{ "include": ["src"], "compilerOptions": { "rootDir": "src", ... } }`
 * After:  lambda/tsconfig.json `{ "extends": "../tsconfig.json", "compilerOptions": { "rootDir": "..", "noEmit": true }, "include": ["**\/*.ts"] }`
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';

/** Whether the service's tsconfig.json (extends followed) takes files under `outDir` (root-relative). */
export function tsconfigCovers(root: string, outDir: string): boolean {
  const file = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) return true; // no readable tsconfig: nothing to extend, nothing to add
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, file);
  const target = path.join(root, outDir);
  const inside = (dir: string) => {
    const rel = path.relative(path.resolve(dir), target);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  // Directories the include patterns walk, recursively or not.
  for (const [dir, flags] of Object.entries(parsed.wildcardDirectories ?? {})) {
    const recursive = (flags & ts.WatchDirectoryFlags.Recursive) !== 0;
    if (recursive ? inside(dir) : path.resolve(dir) === target) return !excluded(parsed, target);
  }
  return false;
}

function excluded(parsed: ts.ParsedCommandLine, target: string): boolean {
  const specs = (parsed.raw as { exclude?: unknown }).exclude;
  if (!Array.isArray(specs)) return false;
  const root = path.dirname(parsed.options.configFilePath as string);
  return specs.some((s) => typeof s === 'string' && path.resolve(root, s.replace(/\/\*\*(\/\*)?$/, '')) === target);
}

/** The generated `<out>/tsconfig.json`. */
export function lambdaTsconfig(outDir: string): string {
  const up = outDir.split('/').map(() => '..').join('/');
  const config = {
    extends: `${up}/tsconfig.json`,
    compilerOptions: { rootDir: up, noEmit: true },
    include: ['**/*.ts'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
