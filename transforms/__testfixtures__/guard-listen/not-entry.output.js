const express = require('express');

const app = express();
app.get('/', (req, res) => res.send('home'));
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(3000);
}

module.exports = app;
