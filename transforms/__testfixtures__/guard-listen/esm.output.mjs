import express from 'express';

const app = express();
app.get('/', (req, res) => res.send('home'));

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  await app.listen(3000);
}

export default app;
