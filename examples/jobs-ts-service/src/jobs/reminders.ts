import schedule from 'node-schedule';
import { record } from '../ledger';

/** Reminds customers whose invoice is due, weekday evenings. */
export function sendDueReminders(): void {
  record('sendDueReminders');
}

const weekdayEvenings = new schedule.RecurrenceRule();
weekdayEvenings.dayOfWeek = [new schedule.Range(1, 5)];
weekdayEvenings.hour = 18;
weekdayEvenings.minute = 0;
weekdayEvenings.tz = 'Europe/London';

schedule.scheduleJob('due-reminders', weekdayEvenings, sendDueReminders);

schedule.scheduleJob({ hour: 2, minute: 30, dayOfWeek: 0 }, function purgeExpiredQuotes() {
  record('purgeExpiredQuotes');
});
