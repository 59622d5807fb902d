/**
 * The adapters' contracts: real app types are accepted (checked by tsc over this file), Koa's
 * callback is created once, and what is not an app is refused when the module loads.
 */
import type { Handler } from 'aws-lambda';
import express5 from 'express';
import express4 from 'express4';
import Koa from 'koa';
import {
  createExpressHandler,
  createHttpHandler,
  createKoaHandler,
  type LambdaHttpEvent,
  type LambdaHttpHandler,
  type LambdaHttpResult,
} from '../../src/runtime';
import { Koa2 } from './helpers/apps';
import { toEvent } from './helpers/events';
import { invoke } from './helpers/lambda';

const event = toEvent('v2', { method: 'GET', target: '/hi', rawHeaders: ['host', 'example.com'] });

test('Express 4 and 5 apps, typed as their own packages type them', async () => {
  const app4 = express4();
  app4.get('/hi', (_req, res) => {
    res.send('four');
  });
  const app5 = express5();
  app5.get('/hi', (_req, res) => {
    res.send('five');
  });
  expect((await invoke(createExpressHandler(app4), event)).body).toBe('four');
  expect((await invoke(createExpressHandler(app5), event)).body).toBe('five');
});

test('Koa 2 and 3 apps; the callback is created once, when the handler is', async () => {
  for (const [App, name] of [
    [Koa, 'three'],
    [Koa2, 'two'],
  ] as const) {
    const app = new App();
    app.use((ctx) => {
      ctx.body = name;
    });
    const callback = jest.spyOn(app, 'callback');
    const handler = createKoaHandler(app);
    expect((await invoke(handler, event)).body).toBe(name);
    expect((await invoke(handler, event)).body).toBe(name);
    expect(callback).toHaveBeenCalledTimes(1);
  }
});

test('the handler type fits the aws-lambda Handler type', () => {
  const handler: LambdaHttpHandler = createHttpHandler((_req, res) => res.end());
  const asAws: Handler<LambdaHttpEvent, LambdaHttpResult> = handler;
  expect(typeof asAws).toBe('function');
});

test.each([
  ['createHttpHandler', () => createHttpHandler({} as never)],
  ['createExpressHandler', () => createExpressHandler((() => undefined) as never)],
  ['createKoaHandler', () => createKoaHandler({} as never)],
  ['basePath', () => createHttpHandler(() => undefined, { basePath: 1 as never })],
  ['binary', () => createHttpHandler(() => undefined, { binary: 'image/*' as never })],
])('%s: what is not usable is refused when the handler is created', (_name, create) => {
  expect(create).toThrow(TypeError);
});
