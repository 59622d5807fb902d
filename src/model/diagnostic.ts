/** A message about the user's code, always tied to a location. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Path relative to the target root, POSIX separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Stable machine-readable code, e.g. `express/computed-path`. */
  code?: string;
}

/** `file:line:col` with a 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

export function diagnostic(
  severity: Severity,
  loc: SourceLocation,
  message: string,
  code?: string,
): Diagnostic {
  return { severity, message, file: loc.file, line: loc.line, column: loc.column, ...(code ? { code } : {}) };
}
