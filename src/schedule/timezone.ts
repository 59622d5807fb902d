/**
 * Timezone helpers: validation, UTC offsets, local wall-clock parts and DST transitions,
 * all through the platform's Intl (the same tz database node-cron and luxon read).
 */

const UTC_ALIASES = new Set(['utc', 'etc/utc', 'etc/uct', 'uct', 'gmt', 'etc/gmt', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt0', 'etc/universal', 'universal', 'etc/zulu', 'zulu', 'etc/greenwich', 'greenwich']);

/** First year scanned for DST transitions: schedules converted now run from now on. */
export const DST_SCAN_FROM_YEAR = 2020;
/** Year the DST scan stops at (exclusive). */
export const DST_SCAN_TO_YEAR = 2100;

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** True when Intl knows the timezone. */
export function isValidTimezone(timezone: string): boolean {
  try {
    formatter(timezone);
    return true;
  } catch {
    return false;
  }
}

/** `UTC` for any UTC alias, otherwise the name unchanged. */
export function canonicalTimezone(timezone: string): string {
  return UTC_ALIASES.has(timezone.toLowerCase()) ? 'UTC' : timezone;
}

/**
 * The IANA zone for a fixed offset in minutes (`cron`'s `utcOffset`), or null when there is
 * none (only whole hours between -12 and +14 have one; note the inverted Etc sign).
 */
export function zoneForUtcOffset(minutes: number): string | null {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 !== 0 || minutes < -12 * 60 || minutes > 14 * 60) return null;
  const hours = minutes / 60;
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/** Local wall-clock time of an instant, as a UTC timestamp with the same fields. */
function wallClock(epochMs: number, timezone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** UTC offset of the timezone at an instant, in minutes. */
function offsetMinutes(epochMs: number, timezone: string): number {
  return Math.round((wallClock(epochMs, timezone) - Math.floor(epochMs / 1000) * 1000) / MINUTE);
}

/** One DST (or other offset) change: local wall times in [wallStart, wallEnd) are skipped or repeated. */
export interface OffsetTransition {
  kind: 'gap' | 'overlap';
  /** First instant with the new offset. */
  at: number;
  /** Wall-clock window, as UTC timestamps with the local fields. */
  wallStart: number;
  wallEnd: number;
}

const transitionCache = new Map<string, OffsetTransition[]>();

/**
 * Offset changes of a timezone between DST_SCAN_FROM_YEAR and DST_SCAN_TO_YEAR. Offsets are
 * sampled weekly and each change is narrowed to the minute; two changes within one week
 * (which no current zone has) would be missed.
 */
export function offsetTransitions(timezone: string): OffsetTransition[] {
  const cached = transitionCache.get(timezone);
  if (cached) return cached;
  const out: OffsetTransition[] = [];
  const end = Date.UTC(DST_SCAN_TO_YEAR, 0, 1);
  const week = 7 * 24 * 60 * MINUTE;
  let t = Date.UTC(DST_SCAN_FROM_YEAR, 0, 1);
  let offset = offsetMinutes(t, timezone);
  while (t < end) {
    const next = t + week;
    const nextOffset = offsetMinutes(next, timezone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetMinutes(mid, timezone) === offset) lo = mid;
        else hi = mid;
      }
      const before = offset * MINUTE;
      const after = nextOffset * MINUTE;
      out.push({
        kind: after > before ? 'gap' : 'overlap',
        at: hi,
        wallStart: hi + Math.min(before, after),
        wallEnd: hi + Math.max(before, after),
      });
    }
    t = next;
    offset = nextOffset;
  }
  transitionCache.set(timezone, out);
  return out;
}
