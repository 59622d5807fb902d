const express = require('express');
const cron = require('node-cron');
const { WebSocketServer } = require('ws');
const { refreshStats, stats, onConnection, pollQueue } = require('./stats');

const app = express();
app.get('/stats', stats);
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  setInterval(refreshStats, 60000);
  const wss = new WebSocketServer({ port: 8081 });
  wss.on('connection', onConnection);
  cron.schedule('*/10 * * * * *', pollQueue); // seconds: not migrated
}

module.exports = app;
