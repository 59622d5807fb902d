import cron from 'node-cron';
import { reportsController } from './controllers/reports.controller';

/** Nightly: copy the day's orders to the archive bucket. */
export async function nightlyArchive(): Promise<void> {
  await reportsController.archive();
}

cron.schedule('0 3 * * *', nightlyArchive, { timezone: 'Europe/Berlin' });
