import { routeKeyProblems } from '../../src/emit/iac/route-key-checks';
import { spec } from './fixtures';

describe('routeKeyProblems (what API Gateway refuses at deploy time)', () => {
  const fallback = spec({ name: 'appFallback', http: [{ method: 'ANY', path: '$default' }] });

  it('accepts distinct keys, ANY beside a method, and one variable child per resource', () => {
    const specs = [
      spec({ name: 'getFiles', http: [{ method: 'GET', path: '/files/{proxy+}' }, { method: 'HEAD', path: '/files/{proxy+}' }] }),
      spec({ name: 'deleteFiles', http: [{ method: 'DELETE', path: '/files/{proxy+}' }] }),
      spec({ name: 'getUser', http: [{ method: 'GET', path: '/users/{id}' }, { method: 'GET', path: '/users/{id}/orders' }] }),
      { ...fallback, http: [...fallback.http, { method: 'ANY', path: '/files/{proxy+}', restOnly: true }] },
    ];
    expect(routeKeyProblems(specs, 'http')).toEqual([]);
    expect(routeKeyProblems(specs, 'rest')).toEqual([]);
  });

  it('reports a key claimed twice, a greedy variable before the end and (REST) sibling variables', () => {
    const specs = [
      spec({ name: 'a', http: [{ method: 'GET', path: '/users/{id}' }] }),
      spec({ name: 'b', http: [{ method: 'GET', path: '/users/{id}' }, { method: 'GET', path: '/files/{name}' }] }),
      spec({ name: 'c', http: [{ method: 'GET', path: '/files/{proxy+}' }, { method: 'GET', path: '/x/{p+}/y' }] }),
      // A root variable beside the REST catch-all's `/{proxy+}`.
      spec({ name: 'd', http: [{ method: 'GET', path: '/{slug}' }] }),
      fallback,
    ];
    expect(routeKeyProblems(specs, 'http')).toEqual([
      'GET /x/{p+}/y (c): a greedy path variable must be the last segment',
      'route GET /users/{id} is claimed 2 times (a, b); API Gateway allows one integration per route',
    ]);
    expect(routeKeyProblems(specs, 'rest')).toEqual([
      'GET /x/{p+}/y (c): a greedy path variable must be the last segment',
      'REST API resource / has 2 variable children ({proxy+}, {slug}); API Gateway allows one',
      'REST API resource /files has 2 variable children ({name}, {proxy+}); API Gateway allows one',
      'route GET /users/{id} is claimed 2 times (a, b); API Gateway allows one integration per route',
    ]);
  });
});
