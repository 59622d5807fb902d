/** Process exit codes, documented in the README. */
export const ExitCode = {
  /** Everything ran; with --check, nothing is pending. */
  Success: 0,
  /** At least one file failed (parse error, transform threw, write refused or failed). */
  FileFailed: 1,
  /** Bad usage: unknown option, missing argument, transform not found or not a function. */
  Usage: 2,
  /** With --check: changes are pending. */
  ChangesPending: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
