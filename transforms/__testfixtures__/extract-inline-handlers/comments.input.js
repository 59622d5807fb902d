const express = require('express');

const app = express();
app.use(express.json()); // parse JSON bodies
app.get('/', (req, res) => res.send('home'));
// Mount every route before anything else runs.
registerRoutes(app);

function registerRoutes(target) {
  app.get('/ping', (req, res) => res.send('pong'));
}

/** Registers the health check. */
function registerHealth() {
  app.get('/health', (req, res) => res.send('ok'));
}
registerHealth();

module.exports = app;
