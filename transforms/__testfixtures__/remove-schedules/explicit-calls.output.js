const cron = require('node-cron');
const { purge, digest, ping } = require('./jobs');

// lambdashift: this job now runs as the Lambda function lambda/jobs/digest.js (cron(0 * * * ? *)).
// lambdashift: this job now runs as the Lambda function lambda/jobs/cleanup.js (cron(0/15 * * * ? *)).
cron.schedule('* * * * *', ping);
// lambdashift: this job now runs on an EventBridge schedule.

function later() {
  // lambdashift: this job now runs on an EventBridge schedule.
}

function tracked(jobs) {
  jobs.main = cron.schedule('0 1 * * *', purge);
  return jobs.main;
}

module.exports = { later, tracked };
