const http = require('http');
const express = require('express');
const mongoose = require('mongoose');
const db = require('./models');
const admin2 = require('./admin');

const app = express();
app.get('/', (req, res) => res.send('ok'));
const server = http.createServer(app);
const PORT = process.env.PORT || 3000;

// Connects the database the routes need, then serves.
const start = async () => {
  await mongoose.connect(process.env.MONGO_URI);
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    server.listen(PORT, () => console.log(`listening on ${PORT}`));
  }
};

start();

db.sequelize.sync().then(() => (process.env.AWS_LAMBDA_FUNCTION_NAME ? undefined : app.listen(3001)));

async function main() {
  const admin = express();
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    const adminServer = admin.listen(3002);
    process.on('SIGTERM', () => adminServer.close());
    return adminServer;
  }
}

main().catch(console.error);

const startAdmin = () => { if (!process.env.AWS_LAMBDA_FUNCTION_NAME) { return admin2.listen(3006); } };

function startServer(port) {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    return http.createServer(app).listen(port);
  }
}

class Api {
  constructor() {
    this.server = http.createServer(app);
  }

  listen() {
    if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
      this.server.listen(3003);
    }
  }
}

if (require.main === module) {
  startServer(3004);
}

if (process.env.NODE_ENV !== 'test') {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
    app.listen(3005).on('error', console.error);
  }
}

module.exports = { app, startServer, Api };
