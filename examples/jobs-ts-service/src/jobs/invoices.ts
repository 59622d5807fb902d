import cron from 'node-cron';
import { record } from '../ledger';
import { EVERY_QUARTER_HOUR } from '../schedules';

/** Retries card payments that failed in the last hour. */
export async function retryFailedPayments(): Promise<void> {
  record('retryFailedPayments');
}

/** Sends the weekly revenue digest to finance, Monday mornings Berlin time. */
async function sendRevenueDigest(): Promise<void> {
  record('sendRevenueDigest', 'weekly');
}

cron.schedule(EVERY_QUARTER_HOUR, retryFailedPayments, { name: 'retry-failed-payments', noOverlap: true });

cron.schedule('30 8 * * mon', sendRevenueDigest, { timezone: 'Europe/Berlin' });

// First Monday of the month: node-cron ANDs day-of-month and day-of-week.
cron.schedule('0 6 1-7 * 1', async () => {
  record('firstMondayReport');
}, { timezone: 'America/New_York', name: 'first-monday-report' });
