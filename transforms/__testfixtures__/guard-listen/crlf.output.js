const express = require('express');

const PORT = process.env.PORT || 3000;
const app = express();
app.get('/', (req, res) => {
  res.send('home');
});

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const server = app.listen(PORT, () => {
    console.log(`listening on ${PORT}`);
  });
  server.keepAliveTimeout = 65000; // ALB idle timeout is 60s
}

module.exports = app;
