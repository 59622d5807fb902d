import app from './app';

const server = app.listen(process.env.PORT ?? 3000, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : address;
  console.log(`accounts service listening on port ${port}`);
});
