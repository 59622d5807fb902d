import * as url from 'url';
import express from 'express';

const app = express();
export const here = url.fileURLToPath(import.meta.url);
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(3000, () => console.log('up'));
}
