/**
 * The powertools-logger transform on a real sample service: examples/express-ts-service is
 * copied twice to temp dirs and migrated and written, once with the transform and once without.
 * The transformed copy must compile under `tsc --strict`, and its generated handler, invoked
 * in-process with a real HTTP API (v2) event and a Lambda-shaped context, must answer exactly
 * like the plain one while Powertools prints a JSON line with the Lambda context on stdout.
 * (Copying, linking node_modules, the runtime build and the tsc check come from the
 * repository's behaviour harness, test/behaviour/harness.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { applyChangeSet, migrate, type RunResult } from 'lambdashift';
import type { LambdaHttpHandler } from 'lambdashift/runtime';
import { ensureRuntimeBuilt } from '../../../../test/behaviour/harness/runtime-build';
import { typecheck } from '../../../../test/behaviour/harness/service';
import { copyExample, makeTempDir, removeTempDirs, REPO_ROOT } from '../../../../test/behaviour/harness/workspace';
import { lambdaContext } from '../../../../test/runtime/helpers/events';

const EXAMPLE = 'express-ts-service';
const TRANSFORM = path.join(__dirname, '../powertools-logger.ts');
// An HTTP API sample event as AWS sends it (the repository's copy of the AWS samples).
const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/aws-events/apigw-v2-request-no-authorizer.json');

/** Copies the example, migrates it (with `transforms`) and writes the result. */
async function migrated(transforms: Parameters<typeof migrate>[0]['transforms']): Promise<{ root: string; result: RunResult }> {
  const root = copyExample(EXAMPLE, makeTempDir('lambdashift-powertools-'));
  const result = await migrate({ root, transforms });
  await applyChangeSet(result.changes, { force: true });
  return { root, result };
}

/** The sample event, routed to GET /health; the client sends its own request id so both runs answer alike. */
function healthEvent(): APIGatewayProxyEventV2 {
  const event = JSON.parse(fs.readFileSync(SAMPLE, 'utf8')) as APIGatewayProxyEventV2;
  event.routeKey = event.requestContext.routeKey = 'GET /health';
  event.rawPath = event.requestContext.http.path = '/health';
  event.headers['x-request-id'] = 'client-req-7';
  return event;
}

function context(requestId: string): Context {
  return {
    ...lambdaContext(30_000, requestId),
    functionName: 'express-ts-service-dev-getHealth',
    invokedFunctionArn: 'arn:aws:lambda:us-west-2:123456789012:function:express-ts-service-dev-getHealth',
  };
}

let withLogger: { root: string; result: RunResult };
let plain: { root: string; result: RunResult };

beforeAll(async () => {
  // tsc resolves `lambdashift/runtime` in the copies to the built dist/src/runtime (.d.ts).
  ensureRuntimeBuilt();
  withLogger = await migrated([[TRANSFORM, { serviceName: 'accounts' }]]);
  plain = await migrated([]);
});
afterAll(() => removeTempDirs());

it('migrates cleanly and adds the logger to every HTTP module and to package.json', () => {
  const { result, root } = withLogger;
  expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  const modules = [...new Set(result.functions.map((f) => f.module))];
  expect(modules.length).toBeGreaterThan(10);
  for (const m of modules) expect(fs.readFileSync(path.join(root, m), 'utf8')).toContain("import { Logger } from '@aws-lambda-powertools/logger';");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  expect(pkg.dependencies['@aws-lambda-powertools/logger']).toBe('^2.36.0');
});

it('compiles, sources and generated modules, under tsc --strict', () => {
  const { status, output } = typecheck(withLogger.root, ['src', 'lambda']);
  expect(output).toBe('');
  expect(status).toBe(0);
});

it('answers like the handler without the transform and logs each invocation as JSON with its Lambda context', async () => {
  const load = (root: string): LambdaHttpHandler => (require(path.join(root, 'lambda/http/getHealth.ts')) as { handler: LambdaHttpHandler }).handler;
  const expected = await load(plain.root)(healthEvent(), context('plain-1'));
  expect(expected).toMatchObject({ statusCode: 200, body: JSON.stringify({ status: 'ok' }, null, 2) });

  // What the Lambda runtime sets; Powertools reports cold starts only when it is there.
  const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  const [first, second] = [context('c6af9ac6-7b61-11e6-9a41-93e812345678'), context('d7b0ad17-8c72-11e6-ab52-a4f923456789')];
  const results: unknown[] = [];
  try {
    const handler = load(withLogger.root);
    results.push(await handler(healthEvent(), first), await handler(healthEvent(), second));
  } finally {
    spy.mockRestore();
    if (initType === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
    else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initType;
  }
  expect(results).toEqual([expected, expected]);

  const lines = written.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const line = (ctx: Context, coldStart: boolean) => ({
    level: 'INFO',
    message: 'request handled',
    service: 'accounts',
    statusCode: 200,
    cold_start: coldStart,
    function_name: ctx.functionName,
    function_arn: ctx.invokedFunctionArn,
    function_request_id: ctx.awsRequestId,
    function_memory_size: ctx.memoryLimitInMB,
    timestamp: expect.any(String),
  });
  expect(lines).toEqual([expect.objectContaining(line(first, true)), expect.objectContaining(line(second, false))]);
});
