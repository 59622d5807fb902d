import { CronJob } from 'cron';
import schedule from 'node-schedule';

export function report(): void {
  console.log('report');
}

const nightly = new CronJob('0 0 * * *', report, null, true, 'UTC');
nightly.addCallback(() => console.log('done'));

const idle = new CronJob('0 12 * * *', report);

CronJob.from({ cronTime: '0 6 * * *', onTick: report, start: true });

schedule.scheduleJob('0 18 * * *', report);

export { idle };
