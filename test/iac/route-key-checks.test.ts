import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ChangeSet } from '../../src/changes/change-set';
import { emitIac, type IacFormat } from '../../src/emit/iac';
import { routeKeyProblems } from '../../src/emit/iac/route-key-checks';
import type { Diagnostic } from '../../src/model/diagnostic';
import { httpFn, plan, spec } from './fixtures';

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

  it('checks the proxy catch-all (--fallback proxy) with the split routes', () => {
    const specs = [spec({ name: 'getPage', http: [{ method: 'GET', path: '/{slug}' }] }), spec({ name: 'allFiles', http: [{ method: 'ANY', path: '/files' }] })];
    const url = 'https://old.example.com';
    expect(routeKeyProblems(specs, 'http', url)).toEqual([]);
    // REST: the proxy's `ANY /{proxy+}` beside `/{slug}`; `ANY /files` is the function's own, not the proxy's.
    expect(routeKeyProblems(specs, 'rest', url)).toEqual(['REST API resource / has 2 variable children ({proxy+}, {slug}); API Gateway allows one']);
    expect(routeKeyProblems(specs, 'rest')).toEqual([]);
    // A split function on `$default` itself would clash with the proxy.
    expect(routeKeyProblems([spec({ name: 'x', http: [{ method: 'ANY', path: '$default' }] })], 'http', url)).toEqual([
      'route $default is claimed 2 times (the proxy to https://old.example.com, x); API Gateway allows one integration per route',
    ]);
  });
});

describe('emitIac in proxy mode: the catch-all is part of the route-key check', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-proxy-keys-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const proxied = () => ({
    ...plan(root, [httpFn('getPage', 'get', '/:slug', ['/{slug}']), httpFn('allFiles', 'all', '/files', ['/files'])]),
    proxy: { url: 'https://old.example.com', appId: 'src/app.ts#app' },
  });

  it.each(['serverless', 'sam', 'cdk'] as const)('%s: REST warns about /{slug} beside the proxy, HTTP API does not', (format: IacFormat) => {
    for (const api of ['rest', 'http'] as const) {
      const diagnostics: Diagnostic[] = [];
      const changes = new ChangeSet(root);
      emitIac(proxied(), changes, { format, api, runtime: 'nodejs22.x' }, diagnostics);
      const keys = diagnostics.filter((d) => d.code === 'iac/route-keys').map((d) => d.message);
      expect(keys).toEqual(api === 'rest' ? ['REST API resource / has 2 variable children ({proxy+}, {slug}); API Gateway allows one: the REST API will not deploy'] : []);
    }
  });

  it('SAM (REST): no proxy method where a function has its own ANY', () => {
    const changes = new ChangeSet(root);
    emitIac(proxied(), changes, { format: 'sam', api: 'rest', runtime: 'nodejs22.x' }, []);
    const doc = parse(changes.get('template.yaml')!.after!, { customTags: [{ tag: '!Ref', resolve: (v: unknown) => v }, { tag: '!Sub', resolve: (v: unknown) => v }, { tag: '!GetAtt', resolve: (v: unknown) => v }] });
    expect(Object.keys(doc.Resources.LambdashiftRestApi.Properties.DefinitionBody.paths).sort()).toEqual(['/', '/{proxy+}', '/{slug}']);
  });
});
