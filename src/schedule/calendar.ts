/**
 * Calendar helpers for day rules. A day rule only depends on a day's "shape": its month, the
 * month's length and the weekday of the 1st. Enumerating every shape (12 months x 7 weekdays,
 * plus leap Februaries) is therefore an exhaustive check over all dates, which the day planner
 * uses to prove a conversion exact.
 */

/** One calendar day, described by what day rules can observe. */
export interface DayContext {
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  /** 28-31. */
  daysInMonth: number;
  /** 0-6, Sunday = 0. */
  weekday: number;
}

/** One month shape: the month, its length and the weekday of its first day. */
export interface MonthShape {
  month: number;
  daysInMonth: number;
  firstWeekday: number;
}

/** Days in a month of a given year (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Weekday (0-6, Sunday = 0) of a calendar date. */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The day context of a calendar date. */
export function dayContext(year: number, month: number, day: number): DayContext {
  return { month, day, daysInMonth: daysInMonth(year, month), weekday: weekdayOf(year, month, day) };
}

/** Every shape a month in `months` can take, each once. */
function monthShapes(months: readonly number[]): MonthShape[] {
  const shapes: MonthShape[] = [];
  for (const month of months) {
    const lengths = month === 2 ? [28, 29] : [daysInMonth(2001, month)];
    for (const length of lengths) {
      for (let firstWeekday = 0; firstWeekday < 7; firstWeekday++) {
        shapes.push({ month, daysInMonth: length, firstWeekday });
      }
    }
  }
  return shapes;
}

/** Every day of every shape of the given months. */
export function allDayContexts(months: readonly number[]): DayContext[] {
  const days: DayContext[] = [];
  for (const shape of monthShapes(months)) {
    for (let day = 1; day <= shape.daysInMonth; day++) {
      days.push({
        month: shape.month,
        day,
        daysInMonth: shape.daysInMonth,
        weekday: (shape.firstWeekday + day - 1) % 7,
      });
    }
  }
  return days;
}

/**
 * The weekday nearest to day `target` without leaving the month (Quartz `W`), or -1 when the
 * month has no such day. Same rule in node-cron 4 and EventBridge.
 */
export function nearestWeekday(ctx: DayContext, target: number): number {
  if (target < 1 || target > ctx.daysInMonth) return -1;
  const weekday = (ctx.weekday - (ctx.day - target) % 7 + 14) % 7;
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === ctx.daysInMonth ? target - 2 : target + 1;
  return target;
}

/** 1-based occurrence of the day's weekday within its month (days 1-7 → 1, 8-14 → 2, ...). */
export function occurrenceInMonth(day: number): number {
  return Math.floor((day - 1) / 7) + 1;
}
