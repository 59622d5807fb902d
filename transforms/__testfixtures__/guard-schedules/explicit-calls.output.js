const cron = require('node-cron');
const { CronJob } = require('cron');

cron.schedule('0 * * * *', () => console.log('hourly'));
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  new CronJob('0 0 * * *', () => console.log('daily'), null, true);
}
setInterval(() => console.log('not a schedule'), 1000);
