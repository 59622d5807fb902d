import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { CronJob } from 'cron';

export async function purgeSessions(): Promise<void> {
  console.log('purging sessions');
}

export function sendDigest(): void {
  console.log('sending digest');
}

// Purge expired sessions every quarter hour.
cron.schedule('*/15 * * * *', purgeSessions, { timezone: 'Europe/Paris' });

const nightly: ScheduledTask = cron.createTask('0 0 * * *', sendDigest);
nightly.start(); // start right away

new CronJob('0 6 * * 1', sendDigest, null, true, 'UTC');

export const jobsModule = 'jobs';
