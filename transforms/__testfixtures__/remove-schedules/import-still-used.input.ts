import cron, { type ScheduledTask } from 'node-cron';
import schedule from 'node-schedule';
import { CronJob, validateCronExpression } from 'cron';

export function rotateLogs(): void {
  console.log('rotating logs');
}

const EXPRESSION = '0 4 * * *';
if (!validateCronExpression(EXPRESSION).valid) throw new Error(`invalid: ${EXPRESSION}`);

const rule = new schedule.RecurrenceRule();
rule.hour = 4;
rule.minute = 0;
rule.tz = 'Etc/UTC';
schedule.scheduleJob(rule, rotateLogs);

cron.schedule(EXPRESSION, rotateLogs);
new CronJob(EXPRESSION, rotateLogs, null, true);

export const tasks: ScheduledTask[] = [];
