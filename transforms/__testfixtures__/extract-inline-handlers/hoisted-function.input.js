const express = require('express');

const app = express();
registerRoutes(app);

function registerRoutes(target) {
  target.use(express.json());
  app.get('/ping', (req, res) => res.send('pong'));
}

module.exports = app;
