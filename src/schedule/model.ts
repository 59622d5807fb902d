/**
 * The dialect-neutral form every source expression or rule is parsed into before conversion.
 */
import type { DayContext } from './calendar';
import type { DayOfMonthSpec, DayOfWeekSpec } from './types';

/** The source library's own decision whether a job runs on a given day. */
export type DayRule = (ctx: DayContext) => boolean;

/**
 * A parsed schedule: value sets per field (as the source library computes them) plus the
 * library's exact day rule. `dayOfMonth` / `dayOfWeek` are the raw day fields, from which the
 * planner builds EventBridge candidates; `dayRule` is the truth the candidates are checked against.
 */
export interface ParsedSchedule {
  /** Library and version for messages, e.g. `node-cron 3`. */
  library: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** 1-12. */
  months: number[];
  /** Null = every year. */
  years: number[] | null;
  dayOfMonth: DayOfMonthSpec;
  dayOfWeek: DayOfWeekSpec;
  dayRule: DayRule;
  /** How the library combines the two day fields when both are restricted. */
  dayLogic: 'and' | 'or';
  /** A timezone carried by the spec itself (node-schedule `tz`). */
  timezone?: string | null;
  notes: string[];
}

/** Result of parsing one source expression or rule. */
export type ParseResult = { ok: true; schedule: ParsedSchedule } | { ok: false; reason: string };

/** Shorthand for a refusal. */
export function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Integers `from..to`. */
export function rangeOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/**
 * Upper bound on values a single range may expand to. No field has more than 60 legal values,
 * so such a range is a typo like `0-9999999`; refusing it (always safe) keeps it from hanging
 * the converter.
 */
export const MAX_RANGE_EXPANSION = 1000;
