import * as url from 'url';
import express from 'express';

const app = express();
export const here = url.fileURLToPath(import.meta.url);
if (import.meta.url === url.pathToFileURL(process.argv[1] ?? '').href) {
  app.listen(3000, () => console.log('up'));
}
