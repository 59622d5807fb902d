/**
 * Loading a target service's own modules (TypeScript or JavaScript, CommonJS or ESM) in place,
 * so `__dirname`, `import.meta.url` and relative file reads behave as in the original. Used
 * inside the worker threads that host handlers and original apps.
 *
 * - CommonJS: a `require` hook compiles `.ts` files (the transform runner's), and `./x.js`
 *   falls back to `./x.ts` as under TypeScript's node16 resolution.
 * - ESM: module customization hooks (`module.register`) compile `.ts` and apply the same
 *   fallbacks; they run on Node's loader thread, so they are registered from a data: URL and
 *   load the compiler by absolute URL.
 * - Both resolve tsconfig `paths` aliases (`@/app.js` → src/app.ts) with TypeScript's
 *   resolver (`ts-path-alias.ts`), as the project's own `tsx`, `tsconfig-paths` or tsc-alias
 *   set-up does. The app runs in place, not bundled, so `__dirname` and file reads stay true.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultCompiler, registerTsHook } from '../runner/compile-module';
import { resolveTsPathAlias } from './ts-path-alias';

interface ResolveInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}
const NodeModule = Module as unknown as ResolveInternals & typeof Module;

/** Source of the ESM hooks; `initialize` receives the compiler's URL. */
const ESM_HOOKS = `
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
let compile;
let resolveAlias;
export async function initialize(data) {
  runtimeUrl = data.runtimeUrl;
  const aliasModule = { exports: {} };
  new Function('module', 'exports', 'require', data.aliasResolver.code)(aliasModule, aliasModule.exports, createRequire(data.aliasResolver.file));
  resolveAlias = aliasModule.exports.resolveTsPathAlias;
  if (data.esbuildUrl) {
    const esbuild = await import(data.esbuildUrl);
    const api = esbuild.transform ? esbuild : esbuild.default;
    compile = async (source, file) => (await api.transform(source, { loader: file.endsWith('x') ? 'tsx' : 'ts', format: 'esm', target: 'node' + process.versions.node.split('.')[0], sourcefile: file, sourcemap: 'inline' })).code;
  } else {
    const morph = await import(data.tsMorphUrl);
    const ts = (morph.ts ?? morph.default.ts);
    compile = async (source, file) => ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, jsx: ts.JsxEmit.React } }).outputText;
  }
}
const RELATIVE = /^(\\.{1,2}\\/|file:)/;
const ALIAS_ERRORS = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_INVALID_MODULE_SPECIFIER', 'ERR_PACKAGE_IMPORT_NOT_DEFINED']);
let runtimeUrl;
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (specifier === 'lambdashift/runtime' && runtimeUrl) return { url: runtimeUrl, shortCircuit: true };
    if (!RELATIVE.test(specifier) && !specifier.startsWith('node:') && context.parentURL && context.parentURL.startsWith('file:') && ALIAS_ERRORS.has(err && err.code)) {
      const aliased = resolveAlias(specifier, fileURLToPath(context.parentURL));
      if (aliased) return { url: pathToFileURL(aliased).href, shortCircuit: true };
    }
    if (!RELATIVE.test(specifier) || (err && err.code !== 'ERR_MODULE_NOT_FOUND' && err.code !== 'ERR_UNSUPPORTED_DIR_IMPORT')) throw err;
    const stem = specifier.replace(/\\.(m|c)?js$/, '');
    const candidates = [stem + '.ts', stem + '.tsx', stem + '.mts', specifier + '.ts', specifier + '.js', specifier + '/index.ts', specifier + '/index.js'];
    for (const candidate of candidates) {
      try {
        return await next(candidate, context);
      } catch {}
    }
    throw err;
  }
}
export async function load(url, context, next) {
  if (!/\\.(ts|tsx|mts)$/.test(url.split('?')[0])) return next(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  return { format: 'module', source: await compile(source, file), shortCircuit: true };
}
`;

/**
 * A real dynamic `import()`: with `module: commonjs`, TypeScript would compile `import()` to
 * `require()`, which cannot load ES modules.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Our own `lambdashift/runtime` entry (source or compiled), for targets that have not installed it. */
export function ownRuntimeEntry(): string {
  const base = path.resolve(__dirname, '..', 'runtime', 'index');
  return [`${base}${path.extname(__filename)}`, `${base}.js`, `${base}.ts`].find((f) => fs.existsSync(f)) ?? `${base}.js`;
}

const RUNTIME_SPECIFIER = 'lambdashift/runtime';

/** The alias resolver as CommonJS code for the ESM hooks (compiled here when lambdashift runs from source). */
function aliasResolverModule(): { file: string; code: string } {
  const file = path.join(__dirname, `ts-path-alias${path.extname(__filename)}`);
  const source = fs.readFileSync(file, 'utf8');
  return { file, code: file.endsWith('.ts') ? defaultCompiler()(file, source) : source };
}

let installed = false;

/** Installs the CommonJS and ESM hooks in this thread (once). */
export function installTargetLoaders(): void {
  if (installed) return;
  installed = true;
  registerTsHook();
  const original = NodeModule._resolveFilename;
  NodeModule._resolveFilename = function (request: string, parent: unknown, isMain: boolean, options?: unknown): string {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      // Generated modules import the runtime by package name; serve it from here when the target lacks it.
      if (request === RUNTIME_SPECIFIER) return ownRuntimeEntry();
      // tsconfig `paths` aliases (`@/app`), as `tsconfig-paths/register` or tsc-alias resolve them.
      const parentFile = (parent as { filename?: string } | null)?.filename;
      const aliased = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && parentFile && !/^[./]/.test(request) ? resolveTsPathAlias(request, parentFile) : null;
      if (aliased) return aliased;
      const m = /^(\.{1,2}\/.*)\.(m|c)?js$/.exec(request);
      if (!m || (err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
      for (const ext of ['.ts', '.tsx', `.${m[2] ?? ''}ts`]) {
        try {
          return original.call(this, m[1] + ext, parent, isMain, options);
        } catch {
          // try the next one
        }
      }
      throw err;
    }
  };
  const register = (Module as unknown as { register?: (specifier: string, options: unknown) => void }).register;
  if (typeof register === 'function') {
    const data: Record<string, unknown> = { runtimeUrl: pathToFileURL(ownRuntimeEntry()).href, aliasResolver: aliasResolverModule() };
    try {
      data.esbuildUrl = pathToFileURL(require.resolve('esbuild')).href;
    } catch {
      data.tsMorphUrl = pathToFileURL(require.resolve('ts-morph')).href;
    }
    register(`data:text/javascript,${encodeURIComponent(ESM_HOOKS)}`, { data });
  }
}

/** Whether Node loads `file` as an ES module (by extension, else the nearest package.json `type`). */
export function isEsmFile(file: string): boolean {
  if (/\.(mjs|mts)$/.test(file)) return true;
  if (/\.(cjs|cts)$/.test(file)) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Loads a module of the target and returns its namespace (ESM) or `module.exports` (CJS).
 * `asMain` loads it as the program's main module, so `require.main === module` and
 * `import.meta.url === pathToFileURL(process.argv[1]).href` guards hold, as under `node file`.
 */
export async function loadTargetModule(file: string, asMain = false): Promise<Record<string, unknown>> {
  if (asMain) process.argv[1] = file;
  if (isEsmFile(file)) return (await dynamicImport(pathToFileURL(file).href)) as Record<string, unknown>;
  return NodeModule._load(file, null, asMain) as Record<string, unknown>;
}
