/**
 * The bookshop fixture's serverless.yml, with its inferred per-function IAM statements, packaged
 * by the real `osls` CLI with serverless-esbuild and serverless-iam-roles-per-function from
 * lambdashift's devDependencies: no plugin warnings, one role per function that makes AWS
 * calls, with exactly the inferred actions, and none for /health.
 *
 * The SDK packages the CLI's own install lacks are stubbed in the copy's node_modules: the
 * test checks packaging and roles, not the SDK's code, and nothing here reaches AWS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { copyTree } from '../helpers/tmp-project';
import { removeTree } from '../serve/example-copy';
import { installServiceModules, runSls } from './offline';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/iam/__testfixtures__/bookshop-ts');
const SDK = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs', '@aws-sdk/client-sns', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-ssm', '@aws-sdk/client-s3', '@aws-sdk/lib-storage', 'aws-sdk'];
const ENV = { UPLOADS_BUCKET: 'bookshop-uploads', ORDERS_TABLE: 'bookshop-orders', FULFILMENT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/fulfilment', ORDER_EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:order-events' };

function stubMissing(root: string): void {
  for (const name of SDK) {
    const dir = path.join(root, 'node_modules', name);
    if (fs.existsSync(dir)) continue;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0-stub', main: 'index.js' }));
    fs.writeFileSync(path.join(dir, 'index.js'), 'class Stub { static from() { return new Stub(); } send() {} }\nmodule.exports = new Proxy({}, { get: (_, key) => (key === "__esModule" ? false : key === "default" ? module.exports : Stub) });\n');
  }
}

describe('bookshop-ts serverless.yml under osls with serverless-iam-roles-per-function', () => {
  let root: string;
  beforeAll(async () => {
    Object.assign(process.env, ENV);
    root = copyTree(FIXTURE);
    await applyChangeSet((await migrate({ root })).changes, { force: true });
    installServiceModules(root, [path.join(REPO, 'node_modules')]);
    stubMissing(root);
  }, 120000);

  afterAll(() => {
    for (const k of Object.keys(ENV)) delete process.env[k];
    if (root) removeTree(root);
  });

  it('packages without plugin warnings, with one role per calling function holding its inferred actions', async () => {
    const result = await runSls(root, ['package'], 240000);
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    expect(result.output).not.toMatch(/plugin/i);
    expect(result.output).not.toMatch(/warning/i);
    const template = JSON.parse(fs.readFileSync(path.join(root, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
    };
    const functions = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')).functions as Record<string, { iamRoleStatements?: Array<{ Action: string[] }> }>;
    const roleOf = (name: string): string | undefined => {
      const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.FunctionName).endsWith(`-${name}`));
      return fn?.Properties.Role?.['Fn::GetAtt']?.[0];
    };
    for (const [name, fn] of Object.entries(functions)) {
      if (!fn.iamRoleStatements) continue;
      const role = template.Resources[roleOf(name)!]!;
      const actions = (role.Properties.Policies as Array<{ PolicyDocument: { Statement: Array<{ Action: string | string[] }> } }>)
        .flatMap((p) => p.PolicyDocument.Statement)
        .flatMap((s) => ([] as string[]).concat(s.Action))
        .filter((a) => !a.startsWith('logs:'));
      expect({ name, actions: [...new Set(actions)].sort() }).toEqual({ name, actions: [...new Set((fn.iamRoleStatements ?? []).flatMap((s) => s.Action))].sort() });
    }
    // Functions without calls keep the Framework's default role (logs; osls also lets EventBridge Scheduler use it).
    expect(roleOf('getHealth')).toBe('IamRoleLambdaExecution');
    expect(Object.entries(functions).filter(([, fn]) => !fn.iamRoleStatements).map(([name]) => name)).toEqual(['getHealth']);
    expect(roleOf('getOrders')).not.toBe('IamRoleLambdaExecution');
  }, 300000);
});
