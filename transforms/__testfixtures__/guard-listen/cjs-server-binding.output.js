const express = require('express');

const app = express();
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const server = app.listen(process.env.PORT || 3000);
  server.keepAliveTimeout = 65000;
  process.on('SIGTERM', () => server.close());
}

module.exports = app;
