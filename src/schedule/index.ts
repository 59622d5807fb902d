/**
 * Schedule conversion (pure): node-cron / cron / node-schedule schedules to EventBridge
 * `cron(...)` expressions, exact or refused with a reason, plus the runtime day guards that
 * generated handlers use when EventBridge cannot express a day rule.
 */
export { toEventBridgeSchedule } from './convert';
export { guardMatches, renderGuard } from './guard';
export type { RenderGuardOptions } from './guard';
export type {
  ConvertedSchedule,
  DayGuard,
  DayOfMonthSpec,
  DayOfWeekSpec,
  Dialect,
  EventBridgeSchedule,
  NthWeekday,
  RecurrenceRuleSpec,
  RefusedSchedule,
  RuleRange,
  RuleValue,
  ScheduleConversion,
  ScheduleInput,
} from './types';
