import { EnvScanner, functionSpecs, handlerPath, parseLambdaConfig } from '../../src/emit/iac';
import { httpFn, jobFn, plan } from './fixtures';

const files: Record<string, string> = {
  'lambda/http/getBooksById.ts': "import { h } from '../../src/books';\nexport const handler = h;\n",
  'src/books.ts': 'export const h = () => process.env.DB_URL;\n',
  'lambda/jobs/nightly.ts': 'export const handler = () => process.env.REPORT_BUCKET;\n',
  'lambda/jobs/split.ts': 'export const handler = () => 1;\n',
  'lambda/http/allFiles.ts': 'export const handler = () => 1;\n',
};
const env = new EnvScanner((rel) => files[rel] ?? null);

describe('functionSpecs', () => {
  const p = plan('/srv', [httpFn('getBooksById', 'get', '/books/:id?', ['/books', '/books/{id}']), httpFn('allFiles', 'all', '/files/*', ['/files/{proxy+}'])], [
    jobFn('nightly', ['cron(0 3 * * ? *)'], 'Europe/Paris', { noOverlap: true }),
    jobFn('split', ['cron(0 0 1 * ? *)', 'cron(0 0 ? * 2 *)'], 'UTC'),
  ]);
  const config = parseLambdaConfig('{ "defaults": { "timeout": 10 }, "functions": { "nightly": { "memorySize": 512, "timeout": 300 } } }', []);
  const specs = functionSpecs(p, config, env);
  const byName = Object.fromEntries(specs.map((s) => [s.name, s]));

  it('maps every API path of a route, with a HEAD route beside each GET', () => {
    expect(byName.getBooksById!.http).toEqual([
      { method: 'GET', path: '/books' },
      { method: 'HEAD', path: '/books' },
      { method: 'GET', path: '/books/{id}' },
      { method: 'HEAD', path: '/books/{id}' },
    ]);
    expect(byName.allFiles!.http).toEqual([{ method: 'ANY', path: '/files/{proxy+}' }]);
    expect(byName.getBooksById!.description).toBe('GET /books/:id?');
  });

  it('turns jobs into schedules: a timezone only when not UTC, one per expression, noOverlap → concurrency 1', () => {
    expect(byName.nightly).toMatchObject({ kind: 'schedule', schedules: [{ expression: 'cron(0 3 * * ? *)', timezone: 'Europe/Paris' }], reservedConcurrency: 1, memorySize: 512, timeout: 300 });
    expect(byName.split!.schedules).toEqual([
      { expression: 'cron(0 0 1 * ? *)', timezone: null },
      { expression: 'cron(0 0 ? * 2 *)', timezone: null },
    ]);
    expect(byName.split!.reservedConcurrency).toBeUndefined();
  });

  it('applies config defaults and per-function settings, and the variables each function reaches', () => {
    expect(byName.getBooksById).toMatchObject({ timeout: 10, environment: ['DB_URL'] });
    expect(byName.getBooksById!.memorySize).toBe(1024); // the built-in default
    expect(byName.nightly!.environment).toEqual(['REPORT_BUCKET']);
  });

  it('writes handler paths without the source extension', () => {
    expect(handlerPath('lambda/http/getBooksById.ts', 'handler')).toBe('lambda/http/getBooksById.handler');
    expect(handlerPath('lambda/jobs/x.mjs', 'run')).toBe('lambda/jobs/x.run');
  });
});
