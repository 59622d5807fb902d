/**
 * The whole-app fallback in the plan and its outputs: route selection, coverage, `--fallback
 * none` errors, the catch-all in serverless.yml and SAM (HTTP and REST APIs), the app exported
 * by the rewrite, and `$default` routing in the API Gateway stand-in.
 */
import { parse } from 'yaml';
import { formatJsonReport } from '../../src/changes/printers/json-report';
import { formatSummary } from '../../src/changes/printers/summary';
import { migrate } from '../../src/migrate/migrate';
import { parseRoutePattern, routeSelected } from '../../src/plan/route-selection';
import { RouteTable } from '../../src/serve/api-routes';
import { samErrors } from '../iac/sam-schema';
import { writeProject } from '../helpers/tmp-project';

const service = (): string =>
  writeProject({
    'package.json': '{"name":"svc","main":"app.js","dependencies":{"express":"^5.1.0"}}',
    'app.js': `const express = require('express');
const app = express();
app.get('/api/users', (req, res) => res.json([]));
app.get('/api/users/:id', (req, res) => res.json({ id: req.params.id }));
app.post('/api/orders', (req, res) => res.status(201).json({}));
app.get(/^\\/legacy$/, (req, res) => res.send('old'));
app.use((req, res) => res.status(404).json({ error: 'not found' }));
app.listen(3000);
`,
  });

describe('route patterns', () => {
  const selected = (pattern: string, method: string, path: string) => routeSelected([parseRoutePattern(pattern)], method, path);
  it('match one segment with *, any number with **, and an optional method', () => {
    expect(selected('GET /api/users/*', 'get', '/api/users/:id')).toBe(true);
    expect(selected('GET /api/users/*', 'get', '/api/users')).toBe(false);
    expect(selected('GET /api/users/*', 'post', '/api/users/:id')).toBe(false);
    expect(selected('/api/**', 'post', '/api/orders')).toBe(true);
    expect(selected('/api/**', 'get', '/api')).toBe(true);
    expect(selected('/api/**', 'get', '/health')).toBe(false);
    expect(() => parseRoutePattern('users')).toThrow(/must be "\[METHOD\] \/path"/);
  });
});

describe('migrate with the fallback', () => {
  it('exports the app for the fallback, guards listen, and lists every route with what serves it', async () => {
    const result = await migrate({ root: service() });
    const app = result.changes.get('app.js')!.after!;
    expect(app).toMatch(/module\.exports\.app = app;|exports\.app = app;/);
    expect(app).toMatch(/if \(!process\.env\.AWS_LAMBDA_FUNCTION_NAME\)|if \(require\.main === module\)/);
    expect(result.changes.get('lambda/http/appFallback.js')!.after).toContain("const { app } = require('../../app.js');");
    expect(result.routes!.map((r) => `${r.method} ${r.path} ${r.servedBy}`).sort()).toEqual([
      'ALL * appFallback',
      // A regex route: split on the API path its literal text gives.
      'GET /^\\/legacy$/ getLegacyPattern',
      'GET /api/users getApiUsers',
      'GET /api/users/:id getApiUsersById',
      'POST /api/orders postApiOrders',
    ]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(formatSummary(result, { color: false })).toContain('5 routes: 4 in their own functions, 1 in the whole-app function, 0 not served');
    const report = JSON.parse(formatJsonReport(result)) as { summary: { coverage: unknown }; functions: Array<{ fallback?: boolean; note?: string }> };
    expect(report.summary.coverage).toEqual({ routes: 5, ownFunctions: 4, fallback: 1, notServed: 0 });
    expect(report.functions.find((f) => f.fallback)?.note).toMatch(/cold start is the whole app's/);
    const yml = parse(result.changes.get('serverless.yml')!.after!) as { functions: Record<string, { events: unknown[] }> };
    expect(yml.functions.appFallback!.events).toEqual([{ httpApi: '*' }]);
  });

  it('splits only the selected routes; the rest stay with the fallback', async () => {
    const result = await migrate({ root: service(), routes: ['GET /api/users/*'] });
    expect(result.functions.map((f) => f.name)).toEqual(['getApiUsersById', 'appFallback']);
    expect(result.routes!.find((r) => r.path === '/api/orders')).toMatchObject({ servedBy: 'appFallback', reason: 'not selected by the route selection' });
  });

  it('with --fallback none, every route without a function is an error', async () => {
    const result = await migrate({ root: service(), fallback: 'none' });
    expect(result.functions.some((f) => f.kind === 'http' && f.fallback)).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.code}`);
    expect(errors).toEqual(['7 plan/not-served']);
    expect(formatSummary(result, { color: false })).toContain('5 routes: 4 in their own functions, 0 in the whole-app function, 1 not served');
  });

  it('wires a REST API catch-all as ANY / and ANY /{proxy+}, plus ANY beside each split path, in serverless.yml and a schema-valid SAM template', async () => {
    const sls = await migrate({ root: service(), api: 'rest' });
    expect(sls.functions.find((f) => f.kind === 'http' && f.fallback)).toMatchObject({ method: 'ANY', path: '*', apiPath: '/{proxy+}' });
    const yml = parse(sls.changes.get('serverless.yml')!.after!) as { functions: Record<string, { events: Array<{ http: { method: string; path: string } }> }> };
    expect(yml.functions.appFallback!.events.map((e) => `${e.http.method} ${e.http.path}`)).toEqual(['ANY /', 'ANY /{proxy+}', 'ANY /api/orders', 'ANY /api/users', 'ANY /api/users/{id}', 'ANY /legacy']);
    for (const api of ['rest', 'http'] as const) {
      const sam = await migrate({ root: service(), api, iac: 'sam' });
      const text = sam.changes.get('template.yaml')!.after!;
      expect(samErrors(text)).toEqual([]);
      const events = (parse(text) as { Resources: Record<string, { Properties: { Events: Record<string, { Type: string; Properties: { Path?: string } }> } }> }).Resources.AppFallbackFunction!.Properties.Events;
      const paths = Object.values(events).map((e) => `${e.Type} ${e.Properties.Path ?? '$default'}`);
      expect(paths).toEqual(api === 'http' ? ['HttpApi $default'] : ['Api /', 'Api /{proxy+}', 'Api /api/orders', 'Api /api/users', 'Api /api/users/{id}', 'Api /legacy']);
    }
  });
});

describe('API Gateway stand-in', () => {
  it('routes $default only when no route matches the path and method', () => {
    const table = new RouteTable([
      { method: 'GET', path: '/users/{id}', target: 'split' },
      { method: 'ANY', path: '$default', target: 'fallback' },
    ]);
    expect(table.match('GET', '/users/1')?.route.target).toBe('split');
    expect(table.match('DELETE', '/users/1')).toMatchObject({ routeKey: '$default', route: { target: 'fallback' }, pathParameters: {} });
    expect(table.match('GET', '/nothing/here')?.routeKey).toBe('$default');
    expect(new RouteTable([{ method: 'GET', path: '/a', target: 'x' }]).match('GET', '/b')).toBeNull();
  });
});
