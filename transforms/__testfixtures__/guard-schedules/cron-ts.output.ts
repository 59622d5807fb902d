import { CronJob } from 'cron';
import schedule from 'node-schedule';

export function report(): void {
  console.log('report');
}

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const nightly = new CronJob('0 0 * * *', report, null, true, 'UTC');
  nightly.addCallback(() => console.log('done'));
}

const idle = new CronJob('0 12 * * *', report);

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  CronJob.from({ cronTime: '0 6 * * *', onTick: report, start: true });

  schedule.scheduleJob('0 18 * * *', report);
}

export { idle };
