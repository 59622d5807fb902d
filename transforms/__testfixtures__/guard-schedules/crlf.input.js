const cron = require('node-cron');
const { CronJob } = require('cron');
const { sendDigest, purge, report } = require('./jobs');

function describe() {
  return `jobs: ${[sendDigest, purge].length}`;
}

// Hourly digest.
cron.schedule('0 * * * *', sendDigest); // hourly

const cleanup = new CronJob('0 0 * * *', purge, null, true, 'UTC');
cleanup.addCallback(report); // after each run

module.exports = { describe };
