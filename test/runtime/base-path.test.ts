/**
 * Base paths: the `basePath` option (custom domain mappings) and HTTP API stages are removed
 * only at the start of the path and at a segment boundary.
 */
import { createHttpHandler, type HttpHandlerOptions } from '../../src/runtime';
import { SOURCES, toEvent, type EventOptions, type SourceName } from './helpers/events';
import { echoApp } from './helpers/apps';
import { handlerFor, invoke, resultJson } from './helpers/lambda';

async function urlSeen(source: SourceName, target: string, options: HttpHandlerOptions = {}, eventOptions: EventOptions = {}) {
  const handler = createHttpHandler((req, res) => res.end(req.url), options);
  const result = await invoke(handler, toEvent(source, { method: 'GET', target, rawHeaders: ['Host', 'api.example.com'] }, eventOptions));
  return result.body;
}

describe.each(SOURCES)('basePath option on %s', (source) => {
  const cases: Array<[string, string]> = [
    ['/v1/users/7?x=1', '/users/7?x=1'],
    ['/v1', '/'],
    ['/v1/', '/'],
    ['/v1?x=1', '/?x=1'],
    ['/v1x/users', '/v1x/users'],
    ['/v10', '/v10'],
    ['/api/v1/users', '/api/v1/users'],
    ['/', '/'],
  ];
  test.each(cases)('%s → %s', async (target, expected) => {
    expect(await urlSeen(source, target, { basePath: '/v1' })).toBe(expected);
  });

  test.each(['v1', '/v1/', 'v1//'])('option %p is normalised', async (basePath) => {
    expect(await urlSeen(source, '/v1/users', { basePath })).toBe('/users');
  });
});

describe('HTTP API stages', () => {
  test('a named stage is removed from rawPath', async () => {
    expect(await urlSeen('v2', '/users?id=1', {}, { stage: 'prod' })).toBe('/users?id=1');
    expect(await urlSeen('v2', '/', {}, { stage: 'prod' })).toBe('/');
  });

  test('only at a segment boundary', async () => {
    const handler = createHttpHandler((req, res) => res.end(req.url));
    const event = toEvent('v2', { method: 'GET', target: '/prodx/users', rawHeaders: [] }, { stage: '$default' }) as unknown as Record<string, never>;
    const withStage = { ...event, requestContext: { ...(event.requestContext as object), stage: 'prod' } };
    expect((await invoke(handler, withStage)).body).toBe('/prodx/users');
  });

  test('$default is never removed', async () => {
    expect(await urlSeen('v2', '/$default/users', {}, { stage: '$default' })).toBe('/$default/users');
  });

  test('stage, then basePath', async () => {
    expect(await urlSeen('v2', '/v1/users', { basePath: '/v1' }, { stage: 'prod' })).toBe('/users');
  });
});

describe('API Gateway REST', () => {
  test('event.path (without the stage) is used, not requestContext.path', async () => {
    const event = toEvent('v1', { method: 'GET', target: '/users', rawHeaders: [] }, { stage: 'prod' });
    expect(event.requestContext).toMatchObject({ path: '/prod/users' });
    const handler = createHttpHandler((req, res) => res.end(req.url));
    expect((await invoke(handler, event)).body).toBe('/users');
  });

  test('Express sees baseUrl and originalUrl of the stripped path', async () => {
    const handler = handlerFor(echoApp('express5'), { basePath: '/shop' });
    const event = toEvent('v1', { method: 'GET', target: '/shop/api/items?x=1', rawHeaders: ['Host', 'example.com'] });
    const echo = resultJson(await invoke(handler, event));
    expect(echo).toMatchObject({ baseUrl: '/api', path: '/items', originalUrl: '/api/items?x=1' });
  });
});
