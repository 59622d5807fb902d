const express = require('express');
const app = express();

app.get('/me', function whoAmI(req, res) {
  res.json({ user: req.user });
});

app.use(function errorHandler(err, req, res, next) {
  res.status(500).json({ error: err.message });
});

module.exports = app;
