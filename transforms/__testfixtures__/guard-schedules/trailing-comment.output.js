const cron = require('node-cron');
const { CronJob } = require('cron');
const { sendDigest, purge } = require('./jobs');

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  cron.schedule('0 * * * *', sendDigest); // hourly
}
// Exported for the generated Lambda module.
module.exports = { sendDigest, purge };

const cleanup = new CronJob('0 0 * * *', purge);
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  cleanup.start(); /* nightly, UTC */
}
