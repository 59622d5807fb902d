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
  code: 'scan/binary-file' | 'scan/too-deeply-nested' | 'scan/outside-root';
}

/**
 * Deepest syntax tree a file may have. Real code stays far below (a few dozen levels; long
 * `a + b + ...` chains of generated tables a few hundred); Node's default stack takes
 * somewhere between 3,000 and 10,000 levels of the walkers involved.
 */
export const MAX_SYNTAX_DEPTH = 1500;

export { decodeSource, invalidUtf8Message, type DecodedSource } from './decode-source';

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
