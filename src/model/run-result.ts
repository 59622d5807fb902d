import type { ChangeSet } from '../changes/change-set';
import type { Diagnostic } from './diagnostic';
import type { FunctionEntry } from './function-entry';
import type { ReadinessFinding } from './readiness-finding';

/** Everything one command run produced; the input of every printer. */
export interface RunResult {
  command: 'run' | 'migrate' | 'check';
  changes: ChangeSet;
  diagnostics: Diagnostic[];
  functions: FunctionEntry[];
  elapsedMs: number;
  /** Readiness findings (`migrate` and `check`); absent for `run`. */
  readiness?: ReadinessFinding[];
}
