import { joinPaths, toApiGatewayPath, unifyPathVariables } from '../../src/plan/api-path';
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
