import { app } from './app';
import './jobs';

if (!process.env.AWS_LAMBDA_FUNCTION_NAME) {
  app.listen(Number(process.env.PORT ?? 3000));
}
