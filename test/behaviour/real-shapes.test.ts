/**
 * Behaviour tests of small services written in the shapes real open-source starters have
 * (issue 12), one fixture per service under fixtures/, several shapes per fixture so the suite
 * starts few servers. Each is migrated in a temp copy and its requests.json replayed against the
 * original over HTTP, the rewritten service and the generated handlers (v1, v2, ALB); see
 * harness/README.md.
 *
 * - express-js-class: JavaScript (CommonJS) class-based app, route classes with template paths,
 *   controllers with arrow-function fields exported as `module.exports = Class`, package.json
 *   `#imports` (`#routes/*`).
 * - koa-class-ts: TypeScript class-based Koa app, route classes iterated with `forEach` and
 *   `for...of`, router prefixes from class fields, controllers with arrow-function fields, `@/`
 *   path aliases.
 * - express-esm-node16: ESM TypeScript under node16 resolution (`.js` specifiers for `.ts`
 *   sources), `Router().use(tags)` and `export default Router().use('/api', routes)` (the chain
 *   is the default export, re-exported by name), `express().disable(...).use(...)`, a router factory (`export default () => { …;
 *   return router }`), barrels (`export * from`, `export { default as x } from`,
 *   `export { list as listTags } from`).
 * - koa-esm-chains: ESM JavaScript, `new Koa().use(logger()).use(api.routes())
 *   .use(api.allowedMethods())`, `new Router({ prefix: config.apiPrefix })` with the config a
 *   default-exported object imported through `#config`, a router factory imported through
 *   `#routes/*`, a barrel imported through `#controllers`, chained `router.get(...).post(...)`.
 * - express-route-table-cjs: node-express-boilerplate's shape (CommonJS): route tables
 *   (`[{ path, route }]`) mounted with `forEach`, dev-only routes under `config.env`, catchAsync
 *   controllers behind a barrel, ApiError 404 + error converter, `listen` once the database
 *   connects (inside a `.then`).
 */
import path from 'node:path';
import { defineServiceBehaviourTests } from './harness';

jest.setTimeout(120000);

const baseDir = path.join(__dirname, 'fixtures');

// The app lives on a class field: the whole-app fallback imports the instance server.js/ts
// creates (exported by the rewrite, its `app.listen()` under the Lambda guard) and serves its
// app; unknown paths and unrouted methods get the original's 404/405.
defineServiceBehaviourTests({ example: 'express-js-class', baseDir, listensOnImport: false });
defineServiceBehaviourTests({ example: 'koa-class-ts', baseDir, listensOnImport: false });
defineServiceBehaviourTests({ example: 'express-esm-node16', baseDir, listensOnImport: false });
defineServiceBehaviourTests({ example: 'koa-esm-chains', baseDir, listensOnImport: false });
defineServiceBehaviourTests({ example: 'express-route-table-cjs', baseDir, listensOnImport: true });
