const http = require('http');
const app = require('./app');

const port = Number(process.env.PORT) || 3000;

// Started the way bin/www-style services start: a plain http server around the app.
const server = http.createServer(app);
server.listen(port, () => {
  console.log(`links listening on ${port}`);
});
