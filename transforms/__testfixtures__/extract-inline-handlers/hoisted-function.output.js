const express = require('express');

const app = express();
const getPing = (req, res) => res.send('pong');
registerRoutes(app);

function registerRoutes(target) {
  target.use(express.json());
  app.get('/ping', getPing);
}

module.exports = app;
module.exports.getPing = getPing;
