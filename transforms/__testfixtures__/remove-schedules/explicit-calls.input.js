const cron = require('node-cron');
const { CronJob } = require('cron');
const { purge, digest, ping } = require('./jobs');

cron.schedule('0 * * * *', digest);
const cleanup = new CronJob(
  '0/15 * * * *',
  purge,
  null,
  true,
);
cron.schedule('* * * * *', ping);
cron.schedule('30 2 * * *', purge);

function later() {
  cron.schedule('0 0 * * *', purge);
}

function tracked(jobs) {
  jobs.main = cron.schedule('0 1 * * *', purge);
  return jobs.main;
}

module.exports = { later, tracked };
