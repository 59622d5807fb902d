import express from 'express';

const app = express();
const getUsers = 'the name is taken';
const jsonMiddleware = null;

function setup() {
  const postUsers = 1;
  return postUsers;
}

export const jsonMiddleware2 = express.json();
app.use(jsonMiddleware2);
export const getUsers2 = (req, res) => res.send(getUsers);
app.get('/users', getUsers2);
export const getUsers3 = (req, res) => res.send('second registration of the same route');
app.get('/users', getUsers3);
export const postUsers2 = (req, res) => res.sendStatus(201);
app.post('/users', postUsers2);

export default app;
