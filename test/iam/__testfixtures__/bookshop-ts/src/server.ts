import app from './app';
import './jobs';

app.listen(Number(process.env.PORT ?? 3000));
