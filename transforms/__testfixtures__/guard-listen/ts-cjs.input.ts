import express from 'express';

export const app = express();
app.get('/health', (_req, res) => {
  res.send('ok');
});

const server = app.listen(3000, () => {
  console.log('listening', server.address());
});
server.on('error', (err) => console.error(err));
