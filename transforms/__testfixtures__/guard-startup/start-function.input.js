const express = require('express');
const { WebSocketServer } = require('ws');
const db = require('./db');

const app = express();
app.get('/', (req, res) => res.send('ok'));

async function start() {
  await db.connect();
  // Refreshes the cache the routes read.
  setInterval(() => db.refresh(), 60000);
  const wss = new WebSocketServer({ port: 8081 });
  wss.on('connection', (socket) => socket.send('hello'));
  app.listen(3000);
}

start().catch(console.error);

module.exports = app;
