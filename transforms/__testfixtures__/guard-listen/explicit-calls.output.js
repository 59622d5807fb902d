const express = require('express');

const app = express();
const admin = express();

app.listen(3000);
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  admin.listen(3001);
}

function start() {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    app.listen(4000);
  }
}

module.exports = { app, admin, start };
