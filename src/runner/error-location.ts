import type { FileError } from '../changes/change-set';

/** Babel appends the position to its messages: `Unexpected token (3:14)`, column 0-based. */
const BABEL_POSITION_SUFFIX = /\s*\((\d+):(\d+)\)\s*$/;

interface PositionLike {
  line?: unknown;
  column?: unknown;
}
interface ErrorWithLocation {
  message?: unknown;
  /** Babel: `{ line, column }` with a 0-based column; some parsers nest it under `start`. */
  loc?: PositionLike & { start?: PositionLike };
  /** Esprima/Acorn style. */
  lineNumber?: unknown;
}

/**
 * Turns a parse error or an error thrown by a transform into a {@link FileError} with a
 * 1-based line and column when the error carries a position (in `loc` or in its message).
 * The position is removed from the message, since printers show it as `path:line:col`.
 */
export function toFileError(err: unknown): FileError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorWithLocation;
  const raw = typeof e.message === 'string' ? e.message : String(err);
  const suffix = BABEL_POSITION_SUFFIX.exec(raw);
  const message = (suffix ? raw.slice(0, suffix.index) : raw).trim() || 'unknown error';

  const pos = e.loc?.start ?? e.loc;
  if (pos && isCount(pos.line) && isCount(pos.column)) {
    return { message, line: pos.line, column: pos.column + 1 };
  }
  if (isCount(e.lineNumber) && isCount((e as PositionLike).column)) {
    return { message, line: e.lineNumber, column: ((e as PositionLike).column as number) + 1 };
  }
  if (suffix) return { message, line: Number(suffix[1]), column: Number(suffix[2]) + 1 };
  return { message };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
