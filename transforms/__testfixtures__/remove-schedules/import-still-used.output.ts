import { type ScheduledTask } from 'node-cron';
import schedule from 'node-schedule';
import { validateCronExpression } from 'cron';

export function rotateLogs(): void {
  console.log('rotating logs');
}

const EXPRESSION = '0 4 * * *';
if (!validateCronExpression(EXPRESSION).valid) throw new Error(`invalid: ${EXPRESSION}`);

const rule = new schedule.RecurrenceRule();
rule.hour = 4;
rule.minute = 0;
rule.tz = 'Etc/UTC';
// lambdashift: this job now runs on an EventBridge schedule.

// lambdashift: this job now runs on an EventBridge schedule.
// lambdashift: this job now runs on an EventBridge schedule.

export const tasks: ScheduledTask[] = [];
