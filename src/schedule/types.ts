/**
 * Public data types of the schedule converter. Everything here is plain, serialisable data so
 * that conversions can be stored in the MigrationPlan and the JSON report.
 */

/** Scheduling library whose semantics an expression or rule follows. */
export type Dialect = 'node-cron' | 'cron' | 'node-schedule';

/**
 * Arguments of a node-schedule `new Range(start, end, step)`. The library applies
 * `start || 0`, `end || 60`, `step || 1` and, for a step other than 1, treats `end` as exclusive;
 * the converter reproduces that. A plain object literal with these keys is *not* a Range for
 * node-schedule (it makes the rule invalid), so a scanner must only produce this shape for
 * real `Range` constructions.
 */
export interface RuleRange {
  start?: number;
  end?: number;
  step?: number;
}

/** One node-schedule RecurrenceRule field: a number, a Range, or a list of those. */
export type RuleValue = number | RuleRange | Array<number | RuleRange>;

/**
 * A node-schedule `RecurrenceRule` or object spec, field by field, as node-schedule reads it:
 * `month` is 0-11, `dayOfWeek` 0-6 with Sunday = 0, all fields are ANDed.
 * A missing field or `null` means "any", except `second`: missing means 0, `null` means every
 * second (the library's constructor default versus an explicit assignment).
 */
export interface RecurrenceRuleSpec {
  second?: RuleValue | null;
  minute?: RuleValue | null;
  hour?: RuleValue | null;
  date?: RuleValue | null;
  month?: RuleValue | null;
  year?: RuleValue | null;
  dayOfWeek?: RuleValue | null;
  tz?: string | null;
}

/** What the converter needs to know about one scheduled job. */
export interface ScheduleInput {
  dialect: Dialect;
  /** Major version of the library in the target; node-cron 3 and 4 parse differently. */
  major?: number | null;
  /** Cron text (all dialects). */
  expression?: string;
  /** node-schedule RecurrenceRule / object spec (instead of `expression`). */
  rule?: RecurrenceRuleSpec;
  /** IANA timezone from the job's options, or null when none was given. */
  timezone?: string | null;
  /** `cron` package `utcOffset` option, in minutes. */
  utcOffset?: number | null;
  /**
   * Timezone of the host the service runs on, used when the job has no timezone of its own
   * (every dialect then follows the host's local time). Defaults to `UTC`.
   */
  assumeTimezone?: string;
}

/**
 * A day-of-month condition. `days` are plain days 1-31; the other members are the special
 * forms: `last` = last day of the month (`L`), `lastOffsets` = `L-n`, `nearestWeekday` = `nW`
 * (the weekday nearest to day n, never crossing the month), `lastWeekday` = `LW`.
 */
export interface DayOfMonthSpec {
  days: number[];
  last?: boolean;
  lastOffsets?: number[];
  nearestWeekday?: number[];
  lastWeekday?: boolean;
}

/** The n-th occurrence (1-5) of a weekday (0-6, Sunday = 0) within its month. */
export interface NthWeekday {
  weekday: number;
  n: number;
}

/**
 * A day-of-week condition with weekdays 0-6 (Sunday = 0): plain `days`, `nth` occurrences
 * (`#`), and `last` = the last occurrence of that weekday in the month (`5L`).
 */
export interface DayOfWeekSpec {
  days: number[];
  nth?: NthWeekday[];
  last?: number[];
}

/**
 * A runtime check that a generated handler performs before running the job, for day rules
 * EventBridge cannot express. The date is taken in the schedule's timezone. Exactly one of
 * `dayOfMonth` / `dayOfWeek` is set.
 */
export interface DayGuard {
  /** `require`: run only when the field matches; `exclude`: run only when it does not. */
  mode: 'require' | 'exclude';
  dayOfMonth?: DayOfMonthSpec;
  dayOfWeek?: DayOfWeekSpec;
  /** One or two sentences for the generated comment: why the check exists. */
  why: string;
}

/** One EventBridge schedule of a converted job, with the guard its invocations must pass. */
export interface EventBridgeSchedule {
  /** e.g. `cron(0/15 * * * ? *)`. */
  expression: string;
  guard?: DayGuard;
}

/** A successful conversion. */
export interface ConvertedSchedule {
  ok: true;
  /** The EventBridge expressions, same order as `schedules`; more than one when split. */
  expressions: string[];
  /** Each expression with its guard; a job fires once per minute in which any schedule fires. */
  schedules: EventBridgeSchedule[];
  /** IANA timezone for `ScheduleExpressionTimezone`, or `UTC`. */
  timezone: string;
  /** True when the source had no timezone and `timezone` is the assumed host timezone. */
  timezoneAssumed: boolean;
  /** Reviewer-facing remarks (dropped seconds, version quirks, splits, guards). */
  notes: string[];
}

/** A refused conversion: the job stays as it was and `reason` goes into a diagnostic. */
export interface RefusedSchedule {
  ok: false;
  reason: string;
}

/** Result of {@link toEventBridgeSchedule}: exact, or refused with a reason. */
export type ScheduleConversion = ConvertedSchedule | RefusedSchedule;
