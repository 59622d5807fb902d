'use strict';

const express = require('express');
const health = require('./routes/health');
const items = require('./routes/items');

const app = express();
app.use(express.json());
app.use('/health', health);
app.use('/items', items);

module.exports = app;

if (require.main === module) {
  app.listen(process.env.PORT || 3000);
}
