import { isUtf8 } from 'node:buffer';

/**
 * Decoding a source file's bytes without hiding what is wrong with them (no dependencies, so
 * `run`'s worker threads can load it without the scanner).
 */

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
