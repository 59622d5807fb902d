import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Transform } from 'jscodeshift';
import { compileAndEvaluate, registerTsHook, type ModuleCompiler, defaultCompiler } from './compile-module';
import { isParserSpec, type ParserSpec } from './parsers';

/** A transform module, ready to call. */
export interface LoadedTransform {
  /** Absolute path of the module file. */
  path: string;
  transform: Transform;
  /** The module's `parser` export, when it has one. */
  parser?: ParserSpec;
}

/** The transform cannot be found, does not load, or exports no function: a usage error. */
export class TransformLoadError extends Error {
  override readonly name = 'TransformLoadError';
}

/** Extensions tried, in order, when a transform is named without one. */
export const TRANSFORM_EXTENSIONS: readonly string[] = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];

/** Extensions Node's own `require` may load; anything else is compiled first. */
const NATIVE_EXTENSIONS = new Set(['.js', '.cjs']);

/**
 * Finds the transform module `spec` names: a file path (relative to `cwd`, extension
 * optional), a directory with an `index` file, or a package specifier resolvable from `cwd`.
 */
export function resolveTransformPath(spec: string, cwd: string): string {
  const abs = path.resolve(cwd, spec);
  const candidates = [
    abs,
    ...TRANSFORM_EXTENSIONS.map((ext) => abs + ext),
    ...TRANSFORM_EXTENSIONS.map((ext) => path.join(abs, `index${ext}`)),
  ];
  const found = candidates.find(isFile);
  if (found) return found;
  if (!isPathLike(spec)) {
    try {
      return require.resolve(spec, { paths: [cwd] });
    } catch {
      // Reported below together with the path attempt.
    }
  }
  throw new TransformLoadError(`transform not found: ${spec} (looked for ${abs} and as a package from ${cwd})`);
}

/**
 * Loads a jscodeshift transform: `.js`/`.cjs` through Node's `require` (falling back to
 * compilation for ES module syntax), `.ts`/`.tsx`/`.mts`/`.cts`/`.mjs` compiled on the fly to
 * CommonJS. The TypeScript require hook is registered first so the transform can import
 * TypeScript helpers.
 */
export function loadTransform(spec: string, cwd: string, compiler: () => ModuleCompiler = defaultCompiler): LoadedTransform {
  const file = resolveTransformPath(spec, cwd);
  return { path: file, ...transformFromExports(loadModuleExports(file, compiler), file) };
}

/**
 * Evaluates a transform module and returns its exports: `.js`/`.cjs` through Node's `require`
 * (compiled when they hold ES module syntax), anything else compiled to CommonJS first. The
 * TypeScript require hook is registered so the module can import TypeScript helpers.
 */
export function loadModuleExports(file: string, compiler: () => ModuleCompiler = defaultCompiler): unknown {
  registerTsHook(compiler);
  try {
    return NATIVE_EXTENSIONS.has(path.extname(file)) ? requireOrCompile(file, compiler) : compileAndEvaluate(file, compiler());
  } catch (err) {
    throw new TransformLoadError(`failed to load transform ${file}: ${messageOf(err)}`);
  }
}

/**
 * Picks the transform function out of a module's exports the way jscodeshift does
 * (`default` first, then `module.exports` itself), also unwrapping a doubly wrapped
 * `default.default` that TypeScript-compiled ES modules sometimes produce.
 */
export function transformFromExports(exports: unknown, origin: string): { transform: Transform; parser?: ParserSpec } {
  const mod = exports as { default?: { default?: unknown; parser?: unknown }; parser?: unknown } | undefined;
  const candidates: unknown[] = [mod?.default, mod?.default?.default, mod];
  const transform = candidates.find((c): c is Transform => typeof c === 'function');
  if (!transform) {
    throw new TransformLoadError(
      `${origin} does not export a transform function (as module.exports or a default export); it exports ${describe(exports)}`,
    );
  }
  const parser = [mod?.parser, mod?.default?.parser].find((p) => p !== undefined);
  if (parser === undefined) return { transform };
  if (!isParserSpec(parser)) {
    throw new TransformLoadError(
      `${origin} exports an unknown parser ${JSON.stringify(parser)}; expected babel, babylon, flow, ts, tsx or an object with parse()`,
    );
  }
  return { transform, parser };
}

function requireOrCompile(file: string, compiler: () => ModuleCompiler): unknown {
  try {
    return require(file);
  } catch (err) {
    // A .js file holding ES module syntax (e.g. in a "type": "module" package): compile it.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_REQUIRE_ESM' || err instanceof SyntaxError || (err as Error)?.name === 'SyntaxError') {
      return compileAndEvaluate(file, compiler());
    }
    throw err;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isPathLike(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value);
  return keys.length > 0 ? `an object with keys ${keys.join(', ')}` : 'an empty object';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
