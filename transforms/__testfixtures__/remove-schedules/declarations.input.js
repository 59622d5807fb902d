const { CronJob } = require('cron');
const cron = require('node-cron');
const jobs = require('./jobs');

// node-cron 3: created stopped, started right after.
const task = cron.schedule('0 3 * * *', jobs.compact, { scheduled: false });
task.start();

const digest = CronJob.from({
  cronTime: '0 8 * * 1-5',
  onTick: jobs.digest,
  timeZone: 'America/New_York',
});
digest.addCallback(jobs.audit);

// Started once the rest of the module is set up.
digest.start();

let cleanup;
cleanup = new CronJob('0 0 * * *', jobs.cleanup, null, true);

// Created but never started: not a schedule.
const idle = new CronJob('0 12 * * *', jobs.idle);

module.exports = { idle };
