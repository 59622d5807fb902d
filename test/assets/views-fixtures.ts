/**
 * The views fixtures of test/assets (express-generator's shape: views and public folders, a
 * data file read at load, ejs pages with a partial, 404 and error pages) and what the packaging
 * tests share: the copies they migrate, the files a deployed package must hold, and the check
 * that the original renders every page (so that equal answers mean rendered pages).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtureRequests } from '../behaviour/harness/deployed-bundles';
import { linkNodeModules, REPO_ROOT } from '../behaviour/harness';
import { replayHttp, serviceInfo } from '../behaviour/harness/service';
import { startServer } from '../behaviour/harness/processes';

export const VIEWS_FIXTURES = path.join(__dirname, 'fixtures');

export interface ViewsShape {
  /** The functions' bundles, where the package holds them. */
  bundles: string[];
  /** The engine import each generated module adds (Express requires the engine lazily). */
  engineImport: string;
}

export const VIEWS_SHAPES: Record<string, ViewsShape> = {
  // express-generator: views and public folder next to app.js by __dirname, a data file read by a router at load;
  // split functions set `views` from their own location (join(__dirname, '../../views')).
  'express-views-cjs': {
    bundles: ['lambda/http/appFallback.js', 'lambda/http/getApiItems.js', 'lambda/http/getBroken.js', 'lambda/http/getRoot.js'],
    engineImport: "const ejs = require('ejs');",
  },
  // TypeScript compiled to dist/: path.join(__dirname, '..', 'views') holds from src/ and dist/ alike; split functions too.
  'express-views-ts': {
    bundles: ['lambda/http/appFallback.js', 'lambda/http/getApiItems.js', 'lambda/http/getBroken.js', 'lambda/http/getRoot.js'],
    engineImport: "import ejs from 'ejs';",
  },
  // ES modules: Express's default views folder (<cwd>/views), express.static('public'), new URL(..., import.meta.url); split functions.
  'express-views-esm': {
    bundles: ['lambda/http/appFallback.mjs', 'lambda/http/getApiItems.mjs', 'lambda/http/getBroken.mjs', 'lambda/http/getRoot.mjs'],
    engineImport: "import ejs from 'ejs';",
  },
};

/** What every function's package holds besides its bundle, at the original paths. */
export const PACKAGED_FILES = ['data/catalog.json', 'public/css/style.css', 'views/404.ejs', 'views/error.ejs', 'views/index.ejs', 'views/partials/head.ejs'];

/** Two copies of fixture `name` under `parent`: `original` (runnable: express and ejs linked) and `migrated`, to migrate. */
export function copyViewsFixture(name: string, parent: string): { original: string; copy: string } {
  const original = path.join(parent, 'original');
  const copy = path.join(parent, 'migrated');
  fs.cpSync(path.join(VIEWS_FIXTURES, name), original, { recursive: true });
  fs.cpSync(path.join(VIEWS_FIXTURES, name), copy, { recursive: true });
  linkNodeModules(original, [], { express: path.join(REPO_ROOT, 'node_modules/express'), ejs: path.join(REPO_ROOT, 'node_modules/ejs') });
  return { original, copy };
}

/** Checks that the original service renders the home page with its partial, the stylesheet, the 404 page and the error page. */
export async function expectOriginalRendersEveryPage(original: string): Promise<void> {
  const info = serviceInfo(original);
  const server = await startServer(info.entry, info.child);
  try {
    const answers = await replayHttp(server, fixtureRequests(original));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 404, 503]);
    const [home, , css, missing, broken] = answers.map((a) => a.body.toString('utf8'));
    expect(home).toContain('<title>Corner Shop</title>');
    expect(home).toContain('<li>Scones: 3.00</li>');
    expect(css).toContain('font-family: Georgia');
    expect(missing).toContain('Nothing lives at /no/such/page.');
    expect(broken).toContain('<h1>The till is jammed</h1>');
  } finally {
    await server.stop();
  }
}
