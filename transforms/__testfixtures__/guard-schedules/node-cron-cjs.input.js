const cron = require('node-cron');
const { sendDigest, purge } = require('./jobs');

// Hourly digest.
cron.schedule('0 * * * *', sendDigest);
cron.schedule('*/5 * * * *', async () => {
  await purge();
}, { timezone: 'Europe/Paris' });

const task = cron.createTask('0 0 * * *', purge);
task.start();

module.exports = { sendDigest };
