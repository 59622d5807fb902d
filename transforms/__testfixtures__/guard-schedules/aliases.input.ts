import { schedule as every, createTask as task } from 'node-cron';
import { CronJob as Job } from 'cron';
import { scheduleJob as at } from 'node-schedule';
import jobs = require('node-schedule');

export function tick(): void {
  console.log('tick');
}

every('* * * * *', tick);
const nightly = task('0 0 * * *', tick);
nightly.start();
Job.from({ cronTime: '0 6 * * *', onTick: tick, start: true });
new Job('0 12 * * *', tick, null, true);
at('0 18 * * *', tick);
jobs.scheduleJob('0 19 * * *', tick);
