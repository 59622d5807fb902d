/**
 * Split functions carry the app state the original builds from code (issue 13, item 3): a
 * `views` setting made of paths built with `__dirname` (an array, the theme's folder first), or
 * read from a config module; `json spaces` from the config; `app.locals` values from the config,
 * an exported constant, and helper modules merged with `Object.assign` (CommonJS `exports.x` and
 * a TypeScript namespace). Each fixture is migrated in a temp copy; the generated modules (TS:
 * compiled with `tsc --strict`) are loaded and every request replayed against them (v1, v2,
 * ALB events) and against the original over HTTP: rendered pages, JSON, the static file, the
 * 404 page and the error page are identical. See harness/README.md.
 *
 * - express-generator-views: JavaScript (CommonJS) in express-generator's shape, `bin/www.js`
 *   starting `src/app.js`; `views` is `[path.join(__dirname, '../custom/views'),
 *   path.join(__dirname, 'views')]` (the array; the theme overrides `index.ejs`, the app's
 *   partials are found in the second folder).
 * - express-config-views-ts: TypeScript (CommonJS output), `app.set('views', config.viewsDir)`.
 */
import path from 'node:path';
import { defineServiceBehaviourTests } from './harness';

jest.setTimeout(180000);

const baseDir = path.join(__dirname, 'fixtures');

defineServiceBehaviourTests({ example: 'express-generator-views', baseDir, listensOnImport: false });
defineServiceBehaviourTests({ example: 'express-config-views-ts', baseDir, listensOnImport: false });
