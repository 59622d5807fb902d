const express = require('express');

const PORT = process.env.PORT || 3000;
const app = express();
app.get('/', (req, res) => {
  res.send('home');
});

const server = app.listen(PORT, () => {
  console.log(`listening on ${PORT}`);
});
server.keepAliveTimeout = 65000; // ALB idle timeout is 60s

module.exports = app;
