import * as fs from 'node:fs';
import * as path from 'node:path';
import { ownPackageRoot } from '../version';
import type { ModuleStyle } from './module-style';

/** A file of the vendored runtime: path relative to the target root, and content. */
export interface VendoredFile {
  path: string;
  content: string;
}

const HEADER = '// Vendored by lambdashift (`migrate --vendor-runtime`): the lambdashift runtime, copied so the\n// service needs no lambdashift dependency. Re-run the migration to update it; do not edit.\n';

/** Name of the vendored entry file the generated modules import, per module style. */
export function vendoredIndex(dir: string, style: ModuleStyle): string {
  if (style.language === 'ts') return `${dir}/index.ts`;
  return `${dir}/index.${style.moduleSystem === 'esm' ? 'cjs' : 'js'}`;
}

/**
 * The runtime's files as they go into `<dir>` of the target: TypeScript sources for
 * TypeScript services (compiled with the service), the compiled CommonJS build otherwise
 * (`.cjs` in ESM packages, where `.js` would be read as ESM). Throws when the files are
 * missing, e.g. a source checkout that was never built.
 */
export function vendoredRuntimeFiles(dir: string, style: ModuleStyle): VendoredFile[] {
  const root = ownPackageRoot();
  if (style.language === 'ts') {
    if (style.tsImportExtensions) {
      throw new Error('--vendor-runtime is not supported for TypeScript projects with node16/nodenext module resolution yet (the runtime sources use extension-less imports); depend on the lambdashift package instead');
    }
    const src = path.join(root, 'src', 'runtime');
    return readDir(src, '.ts').map((f) => ({ path: `${dir}/${f}`, content: HEADER + fs.readFileSync(path.join(src, f), 'utf8') }));
  }
  const built = path.join(root, 'dist', 'src', 'runtime');
  const files = readDir(built, '.js');
  const ext = style.moduleSystem === 'esm' ? '.cjs' : '.js';
  return files.map((f) => {
    let content = fs.readFileSync(path.join(built, f), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
    // Internal requires follow the renamed files.
    if (ext === '.cjs') content = content.replace(/require\("\.\/([\w-]+)"\)/g, 'require("./$1.cjs")');
    return { path: `${dir}/${f.replace(/\.js$/, ext)}`, content: HEADER + content };
  });
}

function readDir(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`the lambdashift runtime is missing at ${dir}; build lambdashift (npm run build) first`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .sort();
}
