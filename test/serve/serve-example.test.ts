/**
 * `lambdashift serve` over migrated copies of the example services: requests.json replayed
 * through the local API Gateway stand-in gets the status and headers the table expects of the
 * original app, in order (the handlers share one module registry, so the store evolves as in
 * the original). Requests no route matches are left out: API Gateway answers those itself.
 */
import { startServer, type RunningServer } from '../../src/serve/server';
import { loadRequests, send } from '../examples/replay';
import { migratedExample, removeTree } from './example-copy';

describe.each(['express-cjs-service', 'express-ts-service', 'express5-esm-service'])('serve: %s', (example) => {
  let root: string;
  let server: RunningServer;
  beforeAll(async () => {
    root = await migratedExample(example);
    server = await startServer({ root, port: 0, api: 'http', watch: false, handlerOutput: 'capture' });
  });
  afterAll(async () => {
    await server?.close();
    if (root) removeTree(root);
  });

  it('routes every generated function', () => {
    expect(server.gateway().table.missing).toEqual([]);
    expect(server.gateway().table.http.length).toBeGreaterThan(10);
  });

  it.each(loadRequests(example).filter((r) => r.route !== null).map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const res = await send(server.url, r);
    expect({ name: r.name, status: res.status }).toEqual({ name: r.name, status: r.expect.status });
    for (const [h, v] of Object.entries(r.expect.headers ?? {})) expect({ name: r.name, [h]: res.headers[h] }).toEqual({ name: r.name, [h]: v });
  });
});
