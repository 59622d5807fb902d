'use strict';
const express = require('express');

const app = express();
const PORT = Number(process.env.PORT) || 3000;

app.get('/', (req, res) => res.send('home'));

// Start the server.
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(PORT, () => {
    console.log(`listening on
port ${PORT}`);
  });
}

module.exports = app;
