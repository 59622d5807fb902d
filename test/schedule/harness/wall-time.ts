/**
 * Test-side timezone helpers, written independently of src/schedule/timezone.ts so the
 * equivalence tests do not trust the code they check.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, tz: string): number[] {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const found = f.formatToParts(new Date(ms));
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(found.find((p) => p.type === type)?.value));
}

/** Local wall-clock time of an instant in `tz`, as a UTC timestamp carrying the local fields. */
export function wallOf(ms: number, tz: string): number {
  if (tz === 'UTC') return Math.floor(ms / 1000) * 1000;
  const [y, mo, d, h, mi, s] = parts(ms, tz);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Every instant whose wall-clock time in `tz` is `wall`: none in a DST gap, two in an overlap. */
export function instantsOfWall(wall: number, tz: string): number[] {
  if (tz === 'UTC') return [wall];
  const offsets = new Set([-26, 0, 26].map((h) => wallOf(wall + h * HOUR, tz) - (wall + h * HOUR)));
  const out = [...offsets].map((off) => wall - off).filter((t) => wallOf(t, tz) === wall);
  return [...new Set(out)].sort((a, b) => a - b);
}

const changeCache = new Map<string, number[]>();
const SCAN_FROM = Date.UTC(2023, 0, 1);
const SCAN_TO = Date.UTC(2037, 0, 1);

/** Instants between `from` and `to` (within 2023-2036) at which the UTC offset of `tz` changes. */
export function offsetChanges(tz: string, from: number, to: number): number[] {
  if (tz === 'UTC') return [];
  let all = changeCache.get(tz);
  if (!all) {
    all = [];
    const step = 6 * HOUR;
    let prev = wallOf(SCAN_FROM, tz) - SCAN_FROM;
    for (let t = SCAN_FROM + step; t <= SCAN_TO; t += step) {
      const off = wallOf(t, tz) - t;
      if (off !== prev) {
        let lo = t - step;
        let hi = t;
        while (hi - lo > MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
          if (wallOf(mid, tz) - mid === prev) lo = mid;
          else hi = mid;
        }
        all.push(hi);
      }
      prev = off;
    }
    changeCache.set(tz, all);
  }
  return all.filter((t) => t >= from && t <= to);
}

/**
 * The real `process`: jest hands each test file a *copy* of process.env, and Node re-reads
 * the local timezone only when the real process.env.TZ is assigned.
 */
const realProcess: NodeJS.Process = require('vm').runInThisContext('process');

/** True for names that mean plain UTC. */
const isUtc = (tz: string | undefined) => tz === undefined || tz === '' || /^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/.test(tz);

/**
 * The local timezone the libraries see. An unset TZ on a UTC machine is left unset: luxon
 * special-cases the plain "UTC" name, and an explicit TZ=UTC makes it several times slower.
 */
export function hostTimezone(): string {
  const tz = realProcess.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isUtc(tz) ? 'UTC' : tz;
}

/** Runs `fn` with the process's local timezone set to `tz`, restoring it afterwards. */
export function withHostTimezone<T>(tz: string, fn: () => T): T {
  if (hostTimezone() === (isUtc(tz) ? 'UTC' : tz)) return fn();
  const before = realProcess.env.TZ;
  realProcess.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete realProcess.env.TZ;
    else realProcess.env.TZ = before;
  }
}
