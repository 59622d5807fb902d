const { CronJob } = require('cron');
const { sendDigest } = require('./jobs');

// lambdashift: this job now runs as the Lambda function lambda/jobs/sendDigest.js (cron(0 * * * ? *)).

// Created but never started: not a schedule.
const idle = new CronJob('0 12 * * *', sendDigest);

module.exports = { sendDigest, idle };
