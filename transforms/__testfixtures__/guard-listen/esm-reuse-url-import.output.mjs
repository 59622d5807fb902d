import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';

const app = express();
app.use(express.static(path.join(path.dirname(fileURLToPath(import.meta.url)), 'public')));
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  app.listen(3000);
}
