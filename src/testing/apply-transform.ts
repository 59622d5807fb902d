import type { Transform } from 'jscodeshift';
import { parserFor } from '../discover/source-extensions';
import { loadTransform, transformFromExports, type LoadedTransform } from '../runner/load-transform';
import type { ParserName } from '../runner/parsers';
import { FileTransformer } from '../runner/transform-file';

/**
 * A transform as a test names it: the module object (`import * as t from './t'` or
 * `require('./t')`), the function itself, or a path to the module, loaded with the same loader
 * as `lambdashift run` (TypeScript compiled on the fly).
 */
export type TransformModule = string | Transform | { default?: unknown; parser?: unknown };

/** The file handed to the transform. `path` also picks the parser when none is set. */
export interface TransformTestInput {
  path?: string;
  source: string;
}

export interface TransformTestOptions {
  /** Parser for the input, over the module's `parser` export and the one `input.path` implies. */
  parser?: ParserName;
}

/**
 * Runs a transform on one source text the way `lambdashift run` does and resolves to the
 * resulting text: the input unchanged when the transform returns nothing or the same source.
 * Unlike jscodeshift's `applyTransform`, nothing is trimmed, and the result is always a promise
 * (sync and async transforms alike). Parser errors and exceptions from the transform reject.
 *
 * @example
 * import { applyTransform } from 'lambdashift';
 * import varToLet from '../var-to-let';
 * await applyTransform(varToLet, {}, { path: 'app.js', source: 'var a = 1;\n' }); // → 'let a = 1;\n'
 * await applyTransform('./transforms/var-to-let.ts', null, { source: 'const b = 2;\n' }); // → 'const b = 2;\n' (unchanged)
 */
export async function applyTransform(
  module: TransformModule,
  options: Record<string, unknown> | null | undefined,
  input: TransformTestInput,
  testOptions: TransformTestOptions = {},
): Promise<string> {
  const transformer = new FileTransformer(toLoadedTransform(module), {
    parserOverride: testOptions.parser,
    transformOptions: options ?? {},
  });
  const output = await transformer.apply(
    { path: input.path ?? '', source: input.source, parser: input.path ? parserFor(input.path) : 'babel' },
    { stats: () => undefined, report: () => undefined },
  );
  return output ?? input.source;
}

/**
 * Loads a module named by path (relative to `cwd`), or picks the transform out of a module object.
 *
 * @example
 * import { toLoadedTransform } from 'lambdashift';
 * const loaded = toLoadedTransform('./transforms/var-to-let.ts');
 * loaded.path;             // → '/abs/path/transforms/var-to-let.ts'
 * typeof loaded.transform; // → 'function'
 */
export function toLoadedTransform(module: TransformModule, cwd: string = process.cwd()): LoadedTransform {
  if (typeof module === 'string') return loadTransform(module, cwd);
  return { path: '<in-memory transform>', ...transformFromExports(module, 'the transform module') };
}
