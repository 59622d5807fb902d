import { isUtf8 } from 'node:buffer';
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

/** Text of a source file and, when its bytes are not all UTF-8, where the first bad byte is. */
export interface DecodedSource {
  text: string;
  /** The file is not valid UTF-8: scanning uses a lossy decoding, rewriting must refuse it. */
  invalidUtf8?: { line: number; column: number; byte: number };
  /** The file holds NUL bytes: it is binary, not source text. */
  binary?: { line: number; column: number };
}

/** Decodes a file's bytes, noting (not hiding) binary content and invalid UTF-8. */
export function decodeSource(bytes: Buffer): DecodedSource {
  const text = bytes.toString('utf8');
  const nul = bytes.indexOf(0);
  const out: DecodedSource = { text };
  if (nul !== -1) out.binary = byteLocation(bytes, nul);
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    out.invalidUtf8 = { ...byteLocation(bytes, at), byte: bytes[at] ?? 0 };
  }
  return out;
}

/** A one-line reason a non-UTF-8 file is not rewritten. */
export function invalidUtf8Message(found: NonNullable<DecodedSource['invalidUtf8']>): string {
  const hex = found.byte.toString(16).toUpperCase().padStart(2, '0');
  return `is not valid UTF-8 (byte 0x${hex} at ${found.line}:${found.column}; Latin-1 or another legacy encoding?): lambdashift rewrites UTF-8 files only, so it is left unchanged; convert it to UTF-8 and run again`;
}

/** 1-based line and column (in characters of the UTF-8 decoding) of byte offset `at`. */
function byteLocation(bytes: Buffer, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < at; i = bytes.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: bytes.subarray(lineStart, at).toString('utf8').length + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  // Binary search on prefixes would be wrong (a cut sequence is invalid too); walk instead.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length || !isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return bytes.length;
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
