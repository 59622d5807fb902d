const cron = require('node-cron');

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  cron.schedule('0 * * * *', () => {});
}
