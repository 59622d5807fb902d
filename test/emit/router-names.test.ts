/**
 * Names of the routers a generated module rebuilds (`emit/router-names.ts`): from the mount
 * path, the Koa prefix, the original variable or file, numbered only on a real collision.
 */
import type { PlannedLayer, PlannedRouter } from '../../src/model/migration-plan';
import { mountVariableNames } from '../../src/emit/router-names';

type Mount = Extract<PlannedLayer, { kind: 'mount' }>;
const router = (id: string, layers: PlannedLayer[] = [], options: Record<string, unknown> = {}, subApp = false): PlannedRouter => ({
  id,
  options,
  layers,
  ...(subApp ? { subApp: { settings: {} } } : {}),
});
const mount = (path: string | null, r: PlannedRouter): Mount => ({ kind: 'mount', path, router: r });

describe('mountVariableNames', () => {
  it('names each mount from what the code says, depth first', () => {
    const users = mount('/users/:id/posts', router('src/routes/v1/user.route.js#router'));
    const docs = mount('/docs', router('src/routes/v1/docs.route.js#router'));
    const v1 = mount('/v1', router('src/routes/v1/index.js#router', [users, docs]));
    const prefixed = mount(null, router('src/api.ts#r', [], { prefix: '/api/admin' }));
    const byVariable = mount(null, router('src/routes.ts#billingRoutes'));
    const byFile = mount('/', router('src/health.route.js#router'));
    const generic = mount(null, router('src/index.js#router'));
    const admin = mount('/admin', router('src/admin.js#admin', [], {}, true));
    const root = router('src/app.js#app', [v1, prefixed, byVariable, byFile, generic, admin]);
    const names = mountVariableNames(root, ['app', 'express']);
    expect([v1, users, docs, prefixed, byVariable, byFile, generic, admin].map((m) => names.get(m))).toEqual([
      'v1Router',
      'postsRouter',
      'docsRouter',
      'adminRouter',
      'billingRouter',
      'healthRouter',
      'router',
      'adminApp',
    ]);
  });

  it('numbers only a real collision, and avoids names the module binds', () => {
    const a = mount('/items', router('a.js#router'));
    const b = mount('/v2/items', router('b.js#router'));
    const c = mount(null, router('src/index.js#app'));
    const d = mount(null, router('src/routes/index.js#router'));
    const names = mountVariableNames(router('app.js#app', [a, b, c, d]), ['router']);
    expect([a, b, c, d].map((m) => names.get(m))).toEqual(['itemsRouter', 'itemsRouter2', 'router2', 'router3']);
  });

  it('skips a path word that starts with a digit (it would lose it)', () => {
    const names = mountVariableNames(router('app.js#app', [mount('/v1/2fa', router('x.js#router'))]), []);
    expect([...names.values()]).toEqual(['v1Router']);
  });
});
