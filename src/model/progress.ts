/**
 * How far a migration has come, for a progress line. Phases run in this order; within a phase
 * `done` only grows. `total` is null while it is not known yet (discovery walks directories).
 */
export const PHASES = ['discover', 'scan', 'plan', 'emit', 'write', 'check'] as const;

export type Phase = (typeof PHASES)[number];

export interface ProgressEvent {
  phase: Phase;
  done: number;
  total: number | null;
  /** How many files the phase works on, when `done`/`total` count steps rather than files. */
  files?: number;
}

/** Receives progress events; must be cheap (called once per file). */
export type ProgressListener = (event: ProgressEvent) => void;
