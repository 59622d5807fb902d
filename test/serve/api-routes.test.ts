import { RouteTable } from '../../src/serve/api-routes';

const table = new RouteTable(
  [
    ['GET', '/books'],
    ['GET', '/books/{id}'],
    ['GET', '/books/new'],
    ['ANY', '/books/{id}'],
    ['GET', '/files/{proxy+}'],
    ['GET', '/files/readme'],
    ['ANY', '/'],
    ['POST', '/a/{x}/c'],
    ['POST', '/a/b/{y}'],
  ].map(([method, path]) => ({ method: method!, path: path!, target: `${method} ${path}` })),
);
const pick = (method: string, path: string) => table.match(method, path)?.route.target ?? null;

describe('RouteTable (API Gateway route selection)', () => {
  it('prefers literal over parameter over greedy segments', () => {
    expect(pick('GET', '/books/new')).toBe('GET /books/new');
    expect(pick('GET', '/books/42')).toBe('GET /books/{id}');
    expect(pick('GET', '/files/readme')).toBe('GET /files/readme');
    expect(pick('GET', '/files/a/b/c.txt')).toBe('GET /files/{proxy+}');
    expect(pick('POST', '/a/b/c')).toBe('POST /a/b/{y}');
  });

  it('prefers the route’s own method over ANY, and uses ANY for the others', () => {
    expect(pick('GET', '/books/7')).toBe('GET /books/{id}');
    expect(pick('DELETE', '/books/7')).toBe('ANY /books/{id}');
    expect(pick('PATCH', '/')).toBe('ANY /');
  });

  it('gives decoded path parameters and the route key', () => {
    expect(table.match('GET', '/books/a%20b')).toMatchObject({ routeKey: 'GET /books/{id}', pathParameters: { id: 'a b' } });
    expect(table.match('GET', '/files/x/y%2Fz')?.pathParameters).toEqual({ proxy: 'x/y/z' });
    expect(table.match('GET', '/books')?.pathParameters).toEqual({});
  });

  it('matches no route for unknown paths, wrong methods, empty greedy parts or double slashes', () => {
    expect(pick('GET', '/nope')).toBeNull();
    expect(pick('POST', '/books')).toBeNull();
    expect(pick('GET', '/files')).toBeNull();
    expect(pick('GET', '/books//7')).toBeNull();
    expect(pick('GET', '/Books')).toBeNull();
  });

  it('ignores one trailing slash', () => {
    expect(pick('GET', '/books/')).toBe('GET /books');
  });
});

describe('RouteTable with coarse API paths and the catch-all', () => {
  const coarse = new RouteTable(
    ['GET /files/{proxy+}', 'HEAD /files/{proxy+}', 'DELETE /files/{proxy+}', 'GET /users/{id}', 'GET /users/me', '$default'].map((k) => {
      const [method, path] = k === '$default' ? ['ANY', '$default'] : k.split(' ');
      return { method: method!, path: path!, target: k };
    }),
  );
  const key = (method: string, path: string) => coarse.match(method, path)?.routeKey ?? null;

  it('sends a greedy path every depth below it, never the bare prefix, and other methods to $default', () => {
    expect(key('GET', '/files/a.json')).toBe('GET /files/{proxy+}');
    expect(key('GET', '/files/a/b/c.txt')).toBe('GET /files/{proxy+}');
    expect(key('HEAD', '/files/a')).toBe('HEAD /files/{proxy+}');
    expect(key('DELETE', '/files/a/b')).toBe('DELETE /files/{proxy+}');
    expect(key('GET', '/files')).toBe('$default');
    expect(key('POST', '/files/a.json')).toBe('$default');
  });

  it('gives a coarse {id} one segment only, below a literal sibling', () => {
    expect(key('GET', '/users/1-9')).toBe('GET /users/{id}');
    expect(key('GET', '/users/me')).toBe('GET /users/me');
    expect(key('GET', '/users/1/2')).toBe('$default');
  });
});

/** Route tables as `METHOD /path` (or `$default`) keys; the target is the key. */
function routes(keys: string[]) {
  return keys.map((k) => {
    const [method, path] = k === '$default' ? ['ANY', '$default'] : k.split(' ');
    return { method: method!, path: path!, target: k };
  });
}

describe('HTTP API route selection, as its developer guide documents it', () => {
  // The guide's example: GET /pets/dog/{id}, GET /pets/{proxy+}, ANY /{proxy+}, $default.
  const guide = new RouteTable(routes(['GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default']), { api: 'http' });
  const key = (t: RouteTable<string>, method: string, path: string) => t.match(method, path)?.routeKey ?? null;

  it('routes the guide’s example requests as its table says', () => {
    expect(key(guide, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/{id}');
    expect(key(guide, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
    expect(key(guide, 'POST', '/test/5')).toBe('ANY /{proxy+}');
  });

  it('prefers any full match to a greedy one, whatever literals the greedy route has', () => {
    const t = new RouteTable(routes(['GET /{tenant}/reports/{id}', 'GET /acme/{proxy+}', '$default']), { api: 'http' });
    expect(key(t, 'GET', '/acme/reports/7')).toBe('GET /{tenant}/reports/{id}');
    expect(key(t, 'GET', '/acme/other/7')).toBe('GET /acme/{proxy+}');
    expect(key(t, 'GET', '/other/x/7')).toBe('$default');
  });

  it('gives a method another route lacks to a variable sibling that has it, and the rest to $default', () => {
    const t = new RouteTable(routes(['GET /users/{id}', 'POST /users/me', '$default']), { api: 'http' });
    expect(key(t, 'GET', '/users/me')).toBe('GET /users/{id}');
    expect(key(t, 'POST', '/users/me')).toBe('POST /users/me');
    expect(key(t, 'DELETE', '/users/me')).toBe('$default');
  });
});

describe('REST API route selection with the catch-all beside every path (ANY /, ANY /{proxy+}, ANY beside each)', () => {
  const table = new RouteTable(routes(['GET /users/{id}', 'POST /users/me', 'GET /files/{proxy+}', 'GET /', 'GET /{tenant}/reports/{id}', '$default']), {
    api: 'rest',
    restCatchAllBesidePaths: true,
  });
  const pick = (method: string, path: string) => {
    const m = table.match(method, path);
    return m && { key: m.routeKey, beside: m.besidePath ?? null, params: m.pathParameters };
  };

  it('keeps a request on the most specific resource: its own method, else the catch-all’s ANY beside it', () => {
    expect(pick('GET', '/users/me')).toEqual({ key: '$default', beside: '/users/me', params: {} });
    expect(pick('POST', '/users/me')?.key).toBe('POST /users/me');
    expect(pick('GET', '/users/7')).toEqual({ key: 'GET /users/{id}', beside: null, params: { id: '7' } });
    expect(pick('PUT', '/users/7')).toEqual({ key: '$default', beside: '/users/{id}', params: { id: '7' } });
    expect(pick('POST', '/')).toEqual({ key: '$default', beside: '/', params: {} });
  });

  it('compares resources segment by segment (a literal before a variable before a greedy one)', () => {
    expect(pick('GET', '/files/reports/7')?.key).toBe('GET /files/{proxy+}');
    expect(pick('GET', '/acme/reports/7')?.key).toBe('GET /{tenant}/reports/{id}');
  });

  it('sends paths no resource matches (intermediate resources included) to ANY /{proxy+}', () => {
    expect(pick('GET', '/users')).toEqual({ key: '$default', beside: null, params: {} });
    expect(pick('GET', '/files')).toEqual({ key: '$default', beside: null, params: {} });
    expect(pick('GET', '/users/7/orders')).toEqual({ key: '$default', beside: null, params: {} });
  });

  it('matches nothing beside a path when the catch-all is a proxy integration (no $default route)', () => {
    const proxied = new RouteTable(routes(['GET /users/{id}', 'POST /users/me']), { api: 'rest', restCatchAllBesidePaths: true });
    expect(proxied.match('GET', '/users/me')).toBeNull();
    expect(proxied.match('GET', '/users/7')?.routeKey).toBe('GET /users/{id}');
  });

  it('without a catch-all, a resource lacking the method leaves the request to a less specific one that has it', () => {
    const bare = new RouteTable(routes(['GET /users/{id}', 'POST /users/me']), { api: 'rest' });
    expect(bare.match('GET', '/users/me')?.routeKey).toBe('GET /users/{id}');
    expect(bare.match('DELETE', '/users/me')).toBeNull();
  });
});
