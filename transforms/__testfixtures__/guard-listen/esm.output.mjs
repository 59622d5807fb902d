import express from 'express';
import { pathToFileURL } from 'node:url';

const app = express();
app.get('/', (req, res) => res.send('home'));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await app.listen(3000);
}

export default app;
