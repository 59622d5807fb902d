const express = require('express');

const app = express();
const server = app.listen(3000);

function shutdown() {
  server.close();
}

const other = express();
const otherServer = other.listen(3001);

module.exports = { app, shutdown, otherServer };
