const { CronJob } = require('cron');
const jobs = require('./jobs');

// node-cron 3: created stopped, started right after.
// lambdashift: this job now runs on an EventBridge schedule.

// lambdashift: this job now runs on an EventBridge schedule.

let cleanup;
// lambdashift: this job now runs on an EventBridge schedule.

// Created but never started: not a schedule.
const idle = new CronJob('0 12 * * *', jobs.idle);

module.exports = { idle };
