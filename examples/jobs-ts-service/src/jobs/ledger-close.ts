import { CronJob } from 'cron';
import { record } from '../ledger';
import { MONTH_CLOSE } from '../schedules';

/** Closes the previous month's ledger at 01:00 UTC on the 1st. */
export function closeMonth(): void {
  record('closeMonth');
}

CronJob.from({
  cronTime: MONTH_CLOSE,
  onTick: closeMonth,
  start: true,
  timeZone: 'UTC',
});

// Business days at 07:00 Singapore time: the `cron` package reads six fields, seconds first.
new CronJob('0 0 7 * * 1-5', exportFxRates, null, true, 'Asia/Singapore');

/** Pulls the day's exchange rates for invoicing in foreign currencies. */
export function exportFxRates(): void {
  record('exportFxRates');
}
