import { ts } from 'ts-morph';
import type { SourceLocation } from '../model/diagnostic';

/**
 * Checks that keep one hostile or broken file from stopping a whole run: binary content,
 * bytes that are not UTF-8, and syntax nested so deeply that recursive parsers and tree
 * walkers (TypeScript's, ts-morph's, recast's, ours) would run out of stack.
 */

/** Why a file cannot be scanned, with where it starts being a problem. */
export interface SourceProblem {
  message: string;
  line: number;
  column: number;
  code: 'scan/binary-file' | 'scan/too-deeply-nested' | 'scan/outside-root' | 'scan/file-too-large';
}

/**
 * Deepest syntax tree a file may have. Real code stays far below (a few dozen levels; long
 * `a + b + ...` chains of generated tables a few hundred); Node's default stack takes
 * somewhere between 3,000 and 10,000 levels of the walkers involved.
 */
export const MAX_SYNTAX_DEPTH = 1500;

export { decodeSource, invalidUtf8Message, type DecodedSource } from './decode-source';

/**
 * Largest source file the scan parses, in bytes (the per-file budget). The scan is linear in a
 * file's size, but its memory is not small: a 7.9 MiB module of 100,000 exports peaks near
 * 1.4 GiB (TypeScript's tree and binder, then the transforms' parse), and Node's default heap
 * ends near 4 GiB. A larger file is reported and left out instead of taking the run down.
 * `LAMBDASHIFT_MAX_FILE_BYTES` (or the `maxFileBytes` option) moves the limit.
 */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `LAMBDASHIFT_MAX_FILE_BYTES` from an environment: undefined when unset; throws a one-line message when it is not a positive whole number. */
export function maxFileBytesFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.LAMBDASHIFT_MAX_FILE_BYTES;
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`LAMBDASHIFT_MAX_FILE_BYTES must be a positive whole number of bytes (got ${JSON.stringify(value)})`);
  return n;
}

/** The per-file budget: the option, else `LAMBDASHIFT_MAX_FILE_BYTES`, else {@link DEFAULT_MAX_FILE_BYTES}. */
export function maxFileBytes(option?: number): number {
  if (option !== undefined && (!Number.isSafeInteger(option) || option < 1)) throw new Error(`maxFileBytes must be a positive whole number of bytes (got ${option})`);
  return option ?? maxFileBytesFromEnv(process.env) ?? DEFAULT_MAX_FILE_BYTES;
}

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

/** The file-too-large problem: a file over the per-file budget is not parsed. */
export function tooLargeProblem(bytes: number, budget: number): SourceProblem {
  return {
    line: 1,
    column: 1,
    code: 'scan/file-too-large',
    message: `is ${size(bytes)} (${bytes} bytes), over the scan's per-file budget of ${size(budget)} (${budget} bytes; LAMBDASHIFT_MAX_FILE_BYTES raises it): it is not scanned, routes or jobs it registers are not migrated, and routes whose handlers it exports are served by the fallback`,
  };
}

/** The binary-file problem, for a diagnostic. */
export function binaryProblem(at: { line: number; column: number }): SourceProblem {
  return { ...at, code: 'scan/binary-file', message: 'holds binary data (a NUL byte), not source text: it is not scanned, and routes or jobs it registers are not migrated' };
}

/**
 * Where a parsed file's syntax tree first gets deeper than {@link MAX_SYNTAX_DEPTH}, or null.
 * Iterative, so it cannot overflow itself; linear in the size of the tree.
 */
export function excessiveNesting(sf: ts.SourceFile, maxDepth = MAX_SYNTAX_DEPTH): SourceProblem | null {
  const stack: Array<{ node: ts.Node; depth: number }> = [{ node: sf, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) {
      const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      return { line: line + 1, column: character + 1, code: 'scan/too-deeply-nested', message: nestingMessage(maxDepth) };
    }
    ts.forEachChild(node, (child) => {
      stack.push({ node: child, depth: depth + 1 });
    });
  }
  return null;
}

/** When the parser itself overflowed: the deepest bracket in the text is the likely culprit. */
export function parserOverflow(text: string): SourceProblem {
  let depth = 0;
  let deepest = { depth: 0, at: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > deepest.depth && depth > MAX_SYNTAX_DEPTH) {
        deepest = { depth, at: i };
        break;
      }
    } else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  const before = text.slice(0, deepest.at);
  const line = before.split('\n').length;
  return { line, column: deepest.at - before.lastIndexOf('\n'), code: 'scan/too-deeply-nested', message: nestingMessage(MAX_SYNTAX_DEPTH) };
}

function nestingMessage(maxDepth: number): string {
  return `is nested more than ${maxDepth} levels deep (parentheses, calls or operator chains): it is not scanned, and routes or jobs it registers are not migrated`;
}

/** Whether an error is a JavaScript stack overflow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** A located problem as the location part of a diagnostic. */
export function problemLocation(file: string, problem: { line: number; column: number }): SourceLocation {
  return { file, line: problem.line, column: problem.column };
}
