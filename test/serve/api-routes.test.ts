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
