const express = require('express');

const app = express();
const jsonMiddleware = express.json();
app.use(jsonMiddleware); // parse JSON bodies
const getRoot = (req, res) => res.send('home');
app.get('/', getRoot);
const getPing = (req, res) => res.send('pong');
// Mount every route before anything else runs.
registerRoutes(app);

function registerRoutes(target) {
  app.get('/ping', getPing);
}

const getHealth = (req, res) => res.send('ok');
/** Registers the health check. */
function registerHealth() {
  app.get('/health', getHealth);
}
registerHealth();

module.exports = app;
module.exports.jsonMiddleware = jsonMiddleware;
module.exports.getRoot = getRoot;
module.exports.getPing = getPing;
module.exports.getHealth = getHealth;
