/**
 * Fire times of CONVERTED schedules: the brute-force EventBridge evaluator (eventbridge-matcher.ts)
 * per schedule, guards applied, unioned; plus croner and aws-cron-parser as cross-checks of that
 * evaluator.
 */
import awsCronParser from 'aws-cron-parser';
import { Cron } from 'croner';
import { guardMatches, type EventBridgeSchedule } from '../../../src/schedule';
import { eventBridgeFires, type WallFires } from './eventbridge-matcher';
import { withHostTimezone } from './wall-time';

/** Inner text of `cron(...)`. */
export function cronBody(expression: string): string {
  const m = /^cron\((.+)\)$/.exec(expression);
  if (!m) throw new Error(`not an EventBridge cron expression: ${expression}`);
  return m[1];
}

/**
 * Union of all schedules' fires, each filtered by its guard (judged on the local date, which
 * is the wall date's UTC date). Duplicates are kept: a duplicate is a double invocation.
 */
export function unionFires(schedules: EventBridgeSchedule[], tz: string, startMs: number, count: number, untilMs: number): WallFires {
  const each = schedules.map((s) =>
    eventBridgeFires(s.expression, tz, startMs, count, untilMs, (wallDate) => !s.guard || guardMatches(s.guard, wallDate, 'UTC')),
  );
  return {
    fires: each.flatMap((e) => e.fires).sort((a, b) => a - b).slice(0, count),
    anomalies: each.flatMap((e) => e.anomalies),
  };
}

/** Fires of one expression according to croner (Quartz weekdays, seconds fixed at 0) in `tz`. */
export function cronerFires(expression: string, tz: string, startMs: number, count: number): number[] {
  const job = new Cron(`0 ${cronBody(expression)}`, { timezone: tz, alternativeWeekdays: true, sloppyRanges: true, paused: true });
  return job.nextRuns(count, new Date(startMs)).map((d) => d.getTime());
}

/** Fires of one expression according to aws-cron-parser (UTC only; it builds dates with local `new Date`). */
export function awsCronParserFires(expression: string, startMs: number, count: number): number[] {
  const parsed = awsCronParser.parse(cronBody(expression));
  return withHostTimezone('UTC', () => {
    const out: number[] = [];
    for (let from = new Date(startMs); out.length < count; ) {
      const next = awsCronParser.next(parsed, from);
      if (!next) break;
      out.push(next.getTime());
      from = next;
    }
    return out;
  });
}
