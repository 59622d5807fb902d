const express = require('express');

const app = express();
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(3000); // serve locally
}
// Exported for the generated Lambda module.
module.exports = app;
