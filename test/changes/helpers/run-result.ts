import type { ChangeSet } from '../../../src/changes/change-set';
import type { RunResult } from '../../../src/model/run-result';

/** A RunResult around `changes` with no functions or diagnostics unless given. */
export function runResult(changes: ChangeSet, extra: Partial<Omit<RunResult, 'changes'>> = {}): RunResult {
  return { command: 'run', changes, diagnostics: [], functions: [], elapsedMs: 1234, ...extra };
}
