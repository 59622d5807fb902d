import express from 'express';

export const app = express();
app.get('/health', (_req, res) => {
  res.send('ok');
});

if (require.main === module) {
  const server = app.listen(3000, () => {
    console.log('listening', server.address());
  });
  server.on('error', (err) => console.error(err));
}
