import { app } from './app';
import './jobs';

if (require.main === module) {
  app.listen(Number(process.env.PORT ?? 3000));
}
