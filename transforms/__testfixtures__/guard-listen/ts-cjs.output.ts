import express from 'express';

export const app = express();
app.get('/health', (_req, res) => {
  res.send('ok');
});

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  const server = app.listen(3000, () => {
    console.log('listening', server.address());
  });
  server.on('error', (err) => console.error(err));
}
