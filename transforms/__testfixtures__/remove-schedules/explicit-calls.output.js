const cron = require('node-cron');
const { purge, digest, ping } = require('./jobs');

// lambdashift: this job now runs as the Lambda function lambda/jobs/digest.js (cron(0 * * * ? *)).
// lambdashift: this job now runs as the Lambda function lambda/jobs/cleanup.js (cron(0/15 * * * ? *)).
cron.schedule('* * * * *', ping);
// lambdashift: this job now runs on an EventBridge schedule.

function later() {
  cron.schedule('0 0 * * *', purge);
}

module.exports = { later };
