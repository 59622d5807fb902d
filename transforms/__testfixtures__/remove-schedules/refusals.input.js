const cron = require('node-cron');
const { CronJob } = require('cron');
const app = require('./app');
const { purge, report } = require('./jobs');

const task = cron.schedule('0 * * * *', purge);
process.on('SIGTERM', () => task.stop());

const nightly = new CronJob('0 0 * * *', report, null, true);

cron.schedule('*/5 * * * *', async () => {
  await purge();
});

app.locals.reporter = cron.schedule('0 12 * * *', report);

cron.schedule('0 6 * * *', purge.bind(null, { dryRun: false }));

cron.schedule('30 * * * *', report);

module.exports = { nightly };
