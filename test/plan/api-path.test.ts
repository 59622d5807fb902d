import { coarseApiGatewayPath, joinPaths, toApiGatewayPath, unifyPathVariables } from '../../src/plan/api-path';
import { mergeSharedKeys, widenGreedySiblings } from '../../src/plan/route-keys';
import { routeIdentifier } from '../../src/plan/naming';

describe('toApiGatewayPath', () => {
  const ok = (path: string, major: number, paths: string[]) =>
    expect(toApiGatewayPath(path, { expressMajor: major })).toEqual({ ok: true, paths });
  const refused = (path: string, major: number, reason: RegExp) => {
    const r = toApiGatewayPath(path, { expressMajor: major });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  };

  it('converts named params', () => {
    ok('/users/:id', 4, ['/users/{id}']);
    ok('/users/:userId/orders/:orderId', 5, ['/users/{userId}/orders/{orderId}']);
  });
  it('keeps literal paths and the root', () => {
    ok('/', 4, ['/']);
    ok('/health/ready', 4, ['/health/ready']);
    ok('/books/:id/cover.png', 4, ['/books/{id}/cover.png']);
  });
  it('drops a trailing slash', () => ok('/users/', 4, ['/users']));
  it('splits Express 4 optional params into two routes', () => {
    ok('/users/:id?', 4, ['/users', '/users/{id}']);
    ok('/a/:b?/:c?', 4, ['/a', '/a/{b}', '/a/{c}', '/a/{b}/{c}']);
  });
  it('splits Express 5 optional groups', () => {
    ok('/items{/:id}', 5, ['/items', '/items/{id}']);
    // An optional first segment: the path starts with its group.
    ok('{/:lang}/docs', 5, ['/docs', '/{lang}/docs']);
    ok('/reports{/:year{/:month}}', 5, ['/reports', '/reports/{year}', '/reports/{year}/{month}']);
  });
  it('turns trailing wildcards into greedy params', () => {
    ok('/files/*', 4, ['/files/{proxy+}']);
    ok('/files/*splat', 5, ['/files/{splat+}']);
  });
  it('accepts regex-constrained params (the function still checks them)', () => ok('/users/:id(\\d+)', 4, ['/users/{id}']));
  it('refuses what API Gateway cannot express', () => {
    refused('/files/*/meta', 4, /last segment/);
    refused('/flights/:from-:to', 4, /mixes parameters/);
    refused('/ab*cd', 4, /mixes/);
    refused('/ab+cd', 4, /mixes/);
    refused('/a(b)', 4, /mixes/);
    refused('/users/:id?', 5, /not valid in Express 5/);
    refused('/items{/:id', 5, /unbalanced/);
  });
});

describe('joinPaths', () => {
  it('composes mount prefixes like Express', () => {
    expect(joinPaths('/api/users', '/')).toBe('/api/users');
    expect(joinPaths('/api/', '/x')).toBe('/api/x');
    expect(joinPaths('', '/')).toBe('/');
    expect(joinPaths('/', '/a')).toBe('/a');
    expect(joinPaths('/api', '{/:lang}/docs')).toBe('/api{/:lang}/docs');
  });
});

describe('routeIdentifier', () => {
  it('names functions after method and path', () => {
    expect(routeIdentifier('get', '/users/:id')).toBe('getUsersById');
    expect(routeIdentifier('post', '/api/users/:userId/orders')).toBe('postApiUsersByUserIdOrders');
    expect(routeIdentifier('all', '/')).toBe('allRoot');
    expect(routeIdentifier('get', '/files/*splat')).toBe('getFilesBySplat');
    expect(routeIdentifier('get', '/books/:id/cover.png')).toBe('getBooksByIdCoverPng');
  });
});

describe('unifyPathVariables', () => {
  it('gives sibling variables one name so REST APIs accept the resource tree', () => {
    const m = unifyPathVariables(['/api/users/{id}', '/api/users/{userId}/orders', '/api/users/{userId}/orders/{orderId}', '/files/{proxy+}', '/a/{x}/b/{y}', '/a/{z}/c']);
    expect(Object.fromEntries(m)).toEqual({
      '/a/{x}/b/{y}': '/a/{x}/b/{y}',
      '/a/{z}/c': '/a/{x}/c',
      '/api/users/{id}': '/api/users/{id}',
      '/api/users/{userId}/orders': '/api/users/{id}/orders',
      '/api/users/{userId}/orders/{orderId}': '/api/users/{id}/orders/{orderId}',
      '/files/{proxy+}': '/files/{proxy+}',
    });
  });
});

describe('coarseApiGatewayPath', () => {
  const coarse = (path: string, major: number) => coarseApiGatewayPath(path, { expressMajor: major });

  it('gives a segment mixing params and text one variable named after its params', () => {
    expect(coarse('/users/:from-:to', 4)).toEqual(['/users/{fromTo}']);
    expect(coarse('/users/:from-:to', 5)).toEqual(['/users/{fromTo}']);
    expect(coarse('/files/:name.json', 5)).toEqual(['/files/{name}']);
    expect(coarse('/v1/report-:year/items', 5)).toEqual(['/v1/{year}/items']);
    expect(coarse('/ab?cd/x', 4)).toEqual(['/{param}/x']);
    expect(coarse('/:a-:b/:a-:b.json', 5)).toEqual(['/{aB}/{aB2}']);
  });
  it('turns a wildcard or group that may span segments into a greedy variable from there on', () => {
    expect(coarse('/files/*.json', 4)).toEqual(['/files/{proxy+}']);
    expect(coarse('/files/*/meta', 4)).toEqual(['/files/{proxy+}']);
    expect(coarse('/files/*path/meta', 5)).toEqual(['/files/{proxy+}']);
    expect(coarse('/a/:id(\\d+)x/b', 4)).toEqual(['/a/{proxy+}']);
    expect(coarse('/*.json', 4)).toEqual(['/{proxy+}']);
  });
  it('keeps optional params and groups as several paths', () => {
    expect(coarse('/users/:id?/:from-:to', 4)).toEqual(['/users/{fromTo}', '/users/{id}/{fromTo}']);
    expect(coarse('/files{/:name.:ext}', 5)).toEqual(['/files', '/files/{nameExt}']);
  });
  it('covers nothing the exact conversion already covers, nor what the original app throws on', () => {
    expect(coarse('/users/:id', 5)).toBeNull();
    expect(coarse('/users/:id?', 5)).toBeNull(); // Express 5 throws on `?`
    expect(coarse('/a(b)', 5)).toBeNull();
    expect(coarse('/items{/:id', 5)).toBeNull();
  });
});

describe('widenGreedySiblings', () => {
  it('widens a plain variable beside a greedy one (REST allows one variable child) and unifies greedy names', () => {
    const m = widenGreedySiblings(['/files/{proxy+}', '/files/{name}', '/files/{name}/meta', '/users/{id}', '/docs/{splat+}', '/docs/{proxy+}', '/docs/index']);
    expect(Object.fromEntries(m)).toEqual({
      '/docs/index': '/docs/index',
      '/docs/{proxy+}': '/docs/{proxy+}',
      '/docs/{splat+}': '/docs/{proxy+}',
      '/files/{name}': '/files/{proxy+}',
      '/files/{name}/meta': '/files/{proxy+}',
      '/files/{proxy+}': '/files/{proxy+}',
      '/users/{id}': '/users/{id}',
    });
  });
});

describe('mergeSharedKeys', () => {
  const at = { file: 'app.js', line: 1, column: 1 };
  const route = (method: string, ...apiPaths: string[]) => ({ method, path: apiPaths[0]!, apiPaths, source: at });

  it('merges functions of one app that claim one key (GET also claims HEAD), and nothing else', () => {
    const fns = [{ routes: [route('get', '/users/{id}')] }, { routes: [route('post', '/users/{id}')] }, { routes: [route('get', '/users/{id}')] }, { routes: [route('head', '/a')] }, { routes: [route('get', '/a')] }];
    const merged = mergeSharedKeys(fns, () => 'app');
    expect(merged.sets).toEqual([[0, 2], [1], [3, 4]]);
    expect(merged.notes.map((n) => [n.index, n.key])).toEqual([[2, 'GET /users/{id}'], [4, 'HEAD /a']]);
    expect(merged.dropped).toEqual([]);
  });
  it('gives up a key another app holds', () => {
    const fns = [{ routes: [route('get', '/x')] }, { routes: [route('get', '/x', '/y')] }, { routes: [route('get', '/x')] }];
    const merged = mergeSharedKeys(fns, (i) => (i === 0 ? 'a' : 'b'));
    expect(merged.sets).toEqual([[0], [1], [2]]);
    expect(fns[1]!.routes[0]!.apiPaths).toEqual(['/y']);
    expect(merged.dropped.map((d) => [d.index, d.key])).toEqual([[2, 'GET /x']]);
  });
});
