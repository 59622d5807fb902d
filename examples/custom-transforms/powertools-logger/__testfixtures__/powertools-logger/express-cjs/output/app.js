'use strict';

const express = require('express');

const app = express();
app.use(express.json());

const orders = [];

const getOrdersHandler = (req, res) => {
  res.json(orders);
};
app.get('/orders', getOrdersHandler);

const postOrdersHandler = (req, res) => {
  const order = { id: String(orders.length + 1), ...req.body };
  orders.push(order);
  res.status(201).json(order);
};
app.post('/orders', postOrdersHandler);

module.exports = app;

if (require.main === module) {
  app.listen(process.env.PORT || 3000);
}
module.exports.getOrdersHandler = getOrdersHandler;
module.exports.postOrdersHandler = postOrdersHandler;
