import http from 'node:http';
import express from 'express';
import { WebSocketServer } from 'ws';

export const app = express();
const server = http.createServer(app);

// The ws README's heartbeat: the interval pings the server's clients, the server's close clears it.
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => {
    socket.isAlive = true;
    socket.on('pong', () => {
      socket.isAlive = true;
    });
  });
  const interval = setInterval(() => {
    for (const socket of wss.clients) {
      if (!socket.isAlive) socket.terminate();
      socket.isAlive = false;
      socket.ping();
    }
  }, 30000);
  wss.on('close', () => clearInterval(interval));
}

server.listen(3000);
