import app from './app';

const server = app.listen(Number(process.env.PORT ?? 3000), () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : address;
  console.log(`tasks service listening on port ${port}`);
});
