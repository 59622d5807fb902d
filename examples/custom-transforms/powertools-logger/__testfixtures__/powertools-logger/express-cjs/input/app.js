'use strict';

const express = require('express');

const app = express();
app.use(express.json());

const orders = [];

app.get('/orders', (req, res) => {
  res.json(orders);
});

app.post('/orders', (req, res) => {
  const order = { id: String(orders.length + 1), ...req.body };
  orders.push(order);
  res.status(201).json(order);
});

module.exports = app;

if (require.main === module) {
  app.listen(process.env.PORT || 3000);
}
