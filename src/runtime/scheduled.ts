/**
 * Scheduled jobs: the handler behind an EventBridge schedule that replaced a cron job.
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';

/** Options of {@link createScheduledHandler}. */
export interface ScheduledJobOptions {
  /**
   * Runs the job only when it returns true for the scheduled time, for schedules EventBridge
   * cannot express exactly (node-cron ANDs day-of-month and day-of-week).
   */
  guard?: (date: Date) => boolean;
  /**
   * One guard (or null) per EventBridge schedule of a split job, picked by the `schedule` index
   * the schedule's input carries (`{ "schedule": 1, "time": "<aws.scheduler.scheduled-time>" }`).
   */
  guards?: ReadonlyArray<((date: Date) => boolean) | null>;
  /**
   * Checked on every invocation: when it returns false the job is skipped with one log line
   * (the condition the original registration was made under, such as an environment variable).
   */
  enabled?: () => boolean;
  /** Name used in log lines; defaults to the job function's name. */
  name?: string;
}

/** An EventBridge (scheduled) event, or none when invoked by hand. */
export type ScheduledJobEvent = Partial<EventBridgeEvent<string, unknown>> | null | undefined;

/**
 * The handler {@link createScheduledHandler} returns.
 *
 * @example
 * export const handler: ScheduledJobHandler = createScheduledHandler(cleanup);
 */
export type ScheduledJobHandler = (event?: ScheduledJobEvent, context?: Context) => Promise<void>;

/** Which schedule of a split job fired: the `schedule` field of its input, else the first. */
function scheduleIndex(event: ScheduledJobEvent): number {
  const raw = (event as { schedule?: unknown } | null | undefined)?.schedule;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** The time the schedule fired (`event.time`), or now when the event has none. */
function scheduledTime(event: ScheduledJobEvent): Date {
  const time = event?.time;
  const date = typeof time === 'string' ? new Date(time) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/**
 * An EventBridge handler that runs `job` once per invocation, with the scheduled time, and waits for it. Errors are
 * rethrown so the invocation fails (and EventBridge's retry policy applies); when `guard`
 * rejects the scheduled time the job is skipped with one log line.
 *
 * @example
 * // node-cron '0 9 1 * 1' fires on the 1st only when it is a Monday:
 * export const handler = createScheduledHandler(sendReport, {
 *   name: 'sendReport',
 *   guard: (date) => date.getUTCDay() === 1,
 * });
 */
export function createScheduledHandler(
  job: (scheduledTime: Date) => unknown | Promise<unknown>,
  options: ScheduledJobOptions = {},
): ScheduledJobHandler {
  if (typeof job !== 'function') throw new TypeError('createScheduledHandler expects a job function');
  const { guards } = options;
  const name = options.name ?? (job.name || 'scheduled job');
  return async function scheduledJobHandler(event?: ScheduledJobEvent): Promise<void> {
    if (options.enabled && !options.enabled()) {
      console.log(`lambdashift: ${name} skipped: the condition its schedule was registered under is false`);
      return;
    }
    const date = scheduledTime(event);
    const guard = guards ? guards[scheduleIndex(event)] : options.guard;
    if (guard && !guard(date)) {
      console.log(`lambdashift: ${name} skipped: its schedule does not include ${date.toISOString()}`);
      return;
    }
    // node-schedule and node-cron 3 hand the fire date to the job; zero-argument jobs ignore it.
    await job(date);
  };
}
