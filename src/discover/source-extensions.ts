import * as path from 'node:path';

/** File extensions lambdashift picks up while walking directories. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

/** The jscodeshift parser a source file gets by default: `tsx`, `ts` or `babel` (JSX on). */
export type DefaultParser = 'babel' | 'ts' | 'tsx';

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);
const SOURCE_EXTENSION_SET = new Set(SOURCE_EXTENSIONS);

/**
 * Picks the parser from the file name: tsx for .tsx, ts for .ts/.mts/.cts, and babel for
 * everything else (JavaScript with JSX, which is also the safest guess for odd extensions).
 */
export function parserFor(file: string): DefaultParser {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return 'tsx';
  if (TS_EXTENSIONS.has(ext)) return 'ts';
  return 'babel';
}

/** True for the extensions in {@link SOURCE_EXTENSIONS}. */
export function hasSourceExtension(file: string): boolean {
  return SOURCE_EXTENSION_SET.has(path.extname(file).toLowerCase());
}

/** True for TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`), which hold no code to rewrite. */
export function isDeclarationFile(file: string): boolean {
  return /\.d\.[mc]?ts$/i.test(file);
}
