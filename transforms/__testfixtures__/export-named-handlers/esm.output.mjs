import express from 'express';

const app = express();

export const notFound = (req, res) => res.status(404).send('not found');
export function onError(err, req, res, next) {
  res.status(500).send(err.message);
}
let counter = 0;
const count = (req, res, next) => {
  counter++;
  next();
};

app.use(count);
app.get('/count', (req, res) => res.json({ counter }));
app.use(notFound);
app.use(onError);

export { count as countRequests };
export default app;
