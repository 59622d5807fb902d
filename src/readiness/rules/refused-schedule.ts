/**
 * refused-schedule: schedules the migration could not turn into EventBridge schedules
 * (sub-minute, dynamic, or otherwise not expressible), which stay in-process.
 *
 * Why on Lambda: nothing runs between requests, so an in-process schedule fires only while
 * some instance happens to be busy, once per instance, or never. The plan reports the reason
 * it was refused; this finding says what it means for the service.
 *
 * Instead: make it a rate EventBridge can express (at least one minute: `rate(1 minute)`), run
 * a sub-minute loop inside a one-minute scheduled function or a Step Functions wait loop, or
 * register the job once with a literal schedule so it can be migrated.
 *
 * Before (flagged):
 *     cron.schedule('*\/10 * * * * *', pollQueue); // every 10 seconds
 */
import type { ReadinessRule, RuleHit } from '../rule';
import type { ServiceFacts } from '../service-facts';

/** Diagnostic codes of the scan and plan meaning "this job was not migrated". */
const REFUSED = new Set(['schedule/refused', 'cron/dynamic', 'cron/dynamic-schedule', 'cron/dynamic-timezone', 'plan/unsupported-job']);

export const refusedScheduleRule: ReadinessRule = {
  id: 'refused-schedule',
  title: 'Schedules that stay in-process',
  severity: 'error',
  why: 'Nothing runs between requests on Lambda: an in-process schedule fires only while an instance happens to be alive, once per instance, or never.',
  instead: 'Use a schedule EventBridge can express (one minute or longer), loop inside a one-minute scheduled function or a Step Functions wait loop for sub-minute work, or register the job once with a literal schedule so it can be migrated.',
  words: [],
  // Guarded (the migration guards schedules it leaves in a module a function loads), the job
  // runs only where the old server still runs: on Lambda it is lost, which is this rule's point.
  keepsSeverityWhenGuarded: true,
  checkService(service: ServiceFacts): RuleHit[] {
    return service.planDiagnostics
      .filter((d) => d.code !== undefined && REFUSED.has(d.code))
      .map((d) => ({ at: { file: d.file, line: d.line, column: d.column }, message: `this schedule stays in-process: ${d.message}` }));
  },
};
