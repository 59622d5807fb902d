import type { ChangeSet } from '../changes/change-set';
import type { Diagnostic } from './diagnostic';
import type { FunctionEntry } from './function-entry';

/** Everything one command run produced; the input of every printer. */
export interface RunResult {
  command: 'run' | 'migrate';
  changes: ChangeSet;
  diagnostics: Diagnostic[];
  functions: FunctionEntry[];
  elapsedMs: number;
}
