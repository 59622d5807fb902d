/**
 * DST safety. On the days clocks change, local times in the gap do not exist and local times
 * in the overlap happen twice, and every library does something different there (pinned in
 * test/schedule/library-semantics.test.ts): node-cron 4 skips missing times and runs repeated
 * ones once, at the second occurrence; `cron` runs a missing time at the end of the gap and
 * interval jobs in both passes of the repeated hour; EventBridge Scheduler only documents that
 * missing times are skipped and repeated ones run once, without saying which occurrence. A
 * schedule that can fire inside such a window therefore has no provably exact conversion and
 * is refused; every other schedule fires at the same instants in all of them.
 */
import { dayContext } from './calendar';
import type { ParsedSchedule } from './model';
import { offsetTransitions } from './timezone';

const MINUTE = 60_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** True when the schedule fires at this local wall-clock minute (a UTC timestamp with local fields). */
function firesAtWallTime(schedule: ParsedSchedule, wall: number): boolean {
  const d = new Date(wall);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return (
    (schedule.years === null || schedule.years.includes(year)) &&
    schedule.months.includes(month) &&
    schedule.hours.includes(d.getUTCHours()) &&
    schedule.minutes.includes(d.getUTCMinutes()) &&
    schedule.dayRule(dayContext(year, month, d.getUTCDate()))
  );
}

/**
 * A description of the first local time at which the schedule would fire inside a DST gap or
 * overlap of `timezone`, or null when it never does.
 */
export function findDstConflict(schedule: ParsedSchedule, timezone: string): string | null {
  for (const t of offsetTransitions(timezone)) {
    for (let wall = t.wallStart; wall < t.wallEnd; wall += MINUTE) {
      if (!firesAtWallTime(schedule, wall)) continue;
      const d = new Date(wall);
      const when = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      const what = t.kind === 'gap' ? 'does not exist (clocks go forward)' : 'happens twice (clocks go back)';
      return `it fires at ${when} ${timezone} time, which ${what}`;
    }
  }
  return null;
}
