import express from 'express';
import { logger } from './middleware/logger';
import { getUser, listUsers } from './users';

export const app = express();
app.use(logger);
app.use(express.json());

app.get('/users', listUsers);
app.get('/users/:id', getUser);
