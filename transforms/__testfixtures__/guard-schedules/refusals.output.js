const cron = require('node-cron');

function startLater() {
  cron.schedule('0 * * * *', () => {});
}

const job = cron.schedule('0 0 * * *', () => {});

module.exports = { startLater, job };
