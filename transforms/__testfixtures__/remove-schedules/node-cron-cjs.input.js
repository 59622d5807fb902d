'use strict';
const cron = require('node-cron');
const { sendDigest, purge } = require('./jobs');

cron.schedule('0 * * * *', sendDigest); // hourly

const task = cron.createTask('0 0 * * *', purge, { name: 'nightly-purge' });
cron.schedule('*/5 * * * *', './tasks/heartbeat.js');
task.start();

module.exports = { sendDigest, purge };
