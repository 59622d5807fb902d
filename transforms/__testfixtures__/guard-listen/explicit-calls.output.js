const express = require('express');

const app = express();
const admin = express();

app.listen(3000);
if (require.main === module) {
  admin.listen(3001);
}

function start() {
  app.listen(4000);
}

module.exports = { app, admin, start };
