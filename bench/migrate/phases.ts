/** The phases bench:migrate splits a migrate run into (shared by main.ts and migrate-child.ts, which runs on import). */

/** Wall and CPU milliseconds. */
export interface Span {
  ms: number;
  cpuMs: number;
}

/** Where a run's time went; the parts add up to the run (`report`: printing the JSON report). */
export const PHASE_NAMES = ['scan', 'plan', 'emit', 'permissions', 'iac', 'readiness', 'report'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];
