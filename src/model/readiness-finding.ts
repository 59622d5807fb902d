/** Severity of a readiness finding: `error` blocks a function (it will not work as before). */
export type ReadinessSeverity = 'error' | 'warning' | 'info';

/**
 * Something in the service that behaves differently once it runs on Lambda, found by a
 * readiness rule (`src/readiness/rules/`), listed by `lambdashift check` and in every
 * `migrate` report (JSON `readiness[]`).
 */
export interface ReadinessFinding {
  /** Rule id, e.g. `module-state`. */
  rule: string;
  severity: ReadinessSeverity;
  /** Relative to the service root, POSIX separators; 1-based line and column. */
  file: string;
  line: number;
  column: number;
  /** What was found at this place. */
  message: string;
  /** Names of the generated functions it affects, sorted; empty when none loads the code. */
  functions: string[];
  /** Why it behaves differently on Lambda. */
  why: string;
  /** What to do instead. */
  instead: string;
}

/** Readiness of one function: `blockers` with an error finding, `warnings` with a warning, else `clean`. */
export type FunctionReadiness = 'clean' | 'warnings' | 'blockers';
