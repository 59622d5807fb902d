import express from 'express';

export const app = express();
export const ticker = setInterval(() => app.emit('tick'), 1000);
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const heartbeat = setInterval(() => app.emit('beat'), 5000);
  app.locals.heartbeat = heartbeat;
}
