import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

const app = express();
app.use(express.static(path.join(path.dirname(fileURLToPath(import.meta.url)), 'public')));
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(3000);
}
