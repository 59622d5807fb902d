const express = require('express');
const app = express();

const whoAmI = function whoAmI(req, res) {
  res.json({ user: req.user });
};
app.get('/me', whoAmI);

const errorHandler = function errorHandler(err, req, res, next) {
  res.status(500).json({ error: err.message });
};
app.use(errorHandler);

module.exports = app;
module.exports.whoAmI = whoAmI;
module.exports.errorHandler = errorHandler;
