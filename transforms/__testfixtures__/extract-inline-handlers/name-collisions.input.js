import express from 'express';

const app = express();
const getUsers = 'the name is taken';
const jsonMiddleware = null;

function setup() {
  const postUsers = 1;
  return postUsers;
}

app.use(express.json());
app.get('/users', (req, res) => res.send(getUsers));
app.get('/users', (req, res) => res.send('second registration of the same route'));
app.post('/users', (req, res) => res.sendStatus(201));

export default app;
