/**
 * `verify` on migrated copies of every example: no mismatches with the derived requests or
 * with the example's own requests.json (routed requests), and a mismatch reported when a
 * generated handler is altered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatVerifyReport } from '../../src/verify/report';
import { verify } from '../../src/verify/verify';
import { migratedExample, removeTree, EXAMPLES } from '../serve/example-copy';

const examples = ['express-cjs-service', 'express-ts-service', 'express5-esm-service'];

describe.each(examples)('verify: %s', (example) => {
  let root: string;
  beforeAll(async () => {
    root = await migratedExample(example);
  });
  afterAll(() => removeTree(root));

  it('finds no mismatch on one derived request per route', async () => {
    const report = await verify({ root, api: 'http' });
    expect(report.results.length).toBeGreaterThan(5);
    // Every generated module, bundled as deployed, loads without throwing or listening.
    expect(report.loadFailures).toEqual([]);
    expect(formatVerifyReport(report)).toMatch(/ 0 mismatch /);
    expect(report.mismatches).toBe(0);
    // Its request-id middleware answers with a fresh id every time: not comparable.
    if (example === 'express-ts-service') expect(report.ignoredHeaders).toEqual(['x-request-id']);
  });

  it('finds no mismatch on the example’s requests.json, in order (routed requests)', async () => {
    const all = JSON.parse(fs.readFileSync(path.join(EXAMPLES, example, 'requests.json'), 'utf8')) as Array<{ route: string | null }>;
    const file = path.join(root, 'routed-requests.json');
    fs.writeFileSync(file, JSON.stringify(all.filter((r) => r.route !== null)));
    const report = await verify({ root, api: 'http', requestsFile: file, loadCheck: false });
    expect(formatVerifyReport(report)).toMatch(new RegExp(` ${report.results.length} match, 0 mismatch`));
  });

  it('reports unrouted requests as mismatches: API Gateway answers them, not the app', async () => {
    const file = path.join(root, 'unrouted.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'nothing here', method: 'GET', path: '/definitely/not/a/route' }]));
    const report = await verify({ root, api: 'http', requestsFile: file, loadCheck: false });
    expect(report.mismatches).toBe(1);
    expect(report.results[0]!.note).toBe('no API Gateway route matches this request');
    expect(report.results[0]!.migrated.body.toString()).toBe('{"message":"Not Found"}');
  });
});

describe('verify catches an altered handler', () => {
  let root: string;
  beforeAll(async () => {
    root = await migratedExample('express-ts-service');
  });
  afterAll(() => removeTree(root));

  it('reports the status, header and body differences', async () => {
    const module = path.join(root, 'lambda/http/getHealth.ts');
    const source = fs.readFileSync(module, 'utf8');
    fs.writeFileSync(
      module,
      source.replace(
        /export const handler = createExpressHandler\(app\);/,
        "const inner = createExpressHandler(app);\nexport const handler: typeof inner = async (event, context) => {\n  const result = (await inner(event, context)) as { statusCode: number; headers?: Record<string, string>; body?: string };\n  return { ...result, statusCode: 503, headers: { ...result.headers, 'x-altered': 'yes' }, body: 'altered' };\n};",
      ),
    );
    expect(fs.readFileSync(module, 'utf8')).toContain('altered');
    const report = await verify({ root, api: 'http' });
    expect(report.mismatches).toBe(1);
    const bad = report.results.find((r) => r.differences.length)!;
    expect(bad.request.path).toBe('/health');
    expect(bad.differences.map((d) => (d.what === 'header' ? `header ${d.name}` : d.what))).toEqual(expect.arrayContaining(['status', 'header x-altered', 'body']));
    const text = formatVerifyReport(report);
    expect(text).toMatch(/GET \/health\s+status\s+200\s+503/);
    expect(text).toMatch(/1 mismatch/);
  });
});

describe('verify: a jobs-only service', () => {
  let root: string;
  beforeAll(async () => {
    root = await migratedExample('jobs-ts-service');
  });
  afterAll(() => removeTree(root));

  it('says there is nothing HTTP to verify, and load-checks the job modules', async () => {
    const report = await verify({ root, api: 'http' });
    expect(report.results).toEqual([]);
    expect(report.loadFailures).toEqual([]);
    expect(formatVerifyReport(report)).toMatch(/verify: the service has only scheduled jobs \(\d+\): nothing HTTP to verify/);
  });
});
