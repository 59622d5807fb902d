/**
 * Where the jobs record what they did. In production this is the billing database; here it is
 * an in-memory log so tests can count runs.
 */
export interface LedgerEntry {
  job: string;
  at: string;
  detail?: string;
}

const entries: LedgerEntry[] = [];

export function record(job: string, detail?: string): void {
  entries.push({ job, at: new Date().toISOString(), ...(detail ? { detail } : {}) });
}

export function runsOf(job: string): number {
  return entries.filter((e) => e.job === job).length;
}

export function resetLedger(): void {
  entries.length = 0;
}
