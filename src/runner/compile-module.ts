import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Turns the source of a TypeScript or ES module into CommonJS code Node can evaluate. */
export type ModuleCompiler = (file: string, source: string) => string;

/** Extensions the require hook compiles. */
export const TS_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts'];

type LoaderFn = (module: CompilableModule, filename: string) => void;
interface CompilableModule {
  exports: unknown;
  filename: string;
  paths: string[];
  _compile(code: string, filename: string): void;
}
/** Node internals every require hook (ts-node, esbuild-register, pirates) relies on. */
interface ModuleInternals {
  new (id: string, parent?: unknown): CompilableModule;
  _extensions: Record<string, LoaderFn>;
  _nodeModulePaths(dir: string): string[];
}
const NodeModule = Module as unknown as ModuleInternals;

/** Compiles with esbuild's transform API (fast); null when esbuild is not installed. */
export function esbuildCompiler(): ModuleCompiler | null {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch {
    return null;
  }
  const target = `node${process.versions.node.split('.')[0]}`;
  return (file, source) => {
    const url = pathToFileURL(file).href;
    return esbuild.transformSync(source, {
      loader: loaderFor(file),
      format: 'cjs',
      platform: 'node',
      target,
      sourcefile: file,
      sourcemap: 'inline',
      // ES modules converted to CommonJS would otherwise see an empty `import.meta`.
      define: {
        'import.meta.url': JSON.stringify(url),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(path.dirname(file)),
      },
    }).code;
  };
}

/** Compiles with the TypeScript compiler that ts-morph (a runtime dependency) ships; slower to load. */
export function typescriptCompiler(): ModuleCompiler {
  const { ts } = require('ts-morph') as typeof import('ts-morph');
  return (file, source) =>
    ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        allowJs: true,
        jsx: ts.JsxEmit.React,
        inlineSourceMap: true,
      },
    }).outputText;
}

let defaultCompilerInstance: ModuleCompiler | undefined;

/** esbuild when available, else the TypeScript compiler; created once per thread. */
export function defaultCompiler(): ModuleCompiler {
  defaultCompilerInstance ??= esbuildCompiler() ?? typescriptCompiler();
  return defaultCompilerInstance;
}

/**
 * Evaluates CommonJS `code` as the module `file` and returns its `module.exports`. Its own
 * `require` calls go through Node's loader, resolved from the module's directory.
 */
export function evaluateCommonJs(file: string, code: string): unknown {
  const mod = new NodeModule(file);
  mod.filename = file;
  mod.paths = NodeModule._nodeModulePaths(path.dirname(file));
  mod._compile(code, file);
  return mod.exports;
}

/** Reads, compiles and evaluates `file`. */
export function compileAndEvaluate(file: string, compiler: ModuleCompiler = defaultCompiler()): unknown {
  return evaluateCommonJs(file, compiler(file, fs.readFileSync(file, 'utf8')));
}

/**
 * Lets `require` load TypeScript files, so a transform written in TypeScript can import its
 * TypeScript helpers. Extensions that already have a loader (ts-node, tsx, ...) are left alone.
 */
export function registerTsHook(getCompiler: () => ModuleCompiler = defaultCompiler): void {
  for (const ext of TS_EXTENSIONS) {
    if (NodeModule._extensions[ext]) continue;
    // The compiler is only created (esbuild started) once a TypeScript file is actually required.
    NodeModule._extensions[ext] = (mod, filename) => {
      mod._compile(getCompiler()(filename, fs.readFileSync(filename, 'utf8')), filename);
    };
  }
}

function loaderFor(file: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (TS_EXTENSIONS.includes(ext)) return 'ts';
  return ext === '.jsx' ? 'jsx' : 'js';
}
