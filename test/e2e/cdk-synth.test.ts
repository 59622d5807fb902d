/**
 * `--iac cdk` on the bookshop fixture: the generated app synthesizes with the real CDK CLI
 * (`cdk synth`, aws-cdk-lib and aws-cdk from lambdashift's devDependencies), offline: no AWS
 * credentials, no lookups, NodejsFunction bundling with the local esbuild (no Docker). The
 * template is checked with `aws-cdk-lib/assertions`: one function per generated module,
 * the HTTP API routes with the whole-app fallback as `$default`, the Scheduler schedule with
 * its time zone, and each function's inferred IAM statements (none for /health). The CDK files
 * also compile under `tsc --strict` (with test/iac/cdk-variant.ts's ESM / REST / proxy / packaged-assets variants), and a second run changes nothing while the team's edits
 * to cdk/app.ts survive. One synth for the suite: it bundles ten functions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { copyTree } from '../helpers/tmp-project';
import { removeTree } from '../serve/example-copy';
import { cdkEnv, cdkSynth, installCdkApp, runTool } from './cdk-app';
import { renderCdkApp, renderCdkConstruct } from '../../src/emit/iac/cdk';
import { CJS_ASSETS, CJS_PROXY, ESM, ESM_ASSETS, ESM_PROXY, HTTP_PROXY, proxySpecs, REST, specs } from '../iac/cdk-variant';
import { packageDir } from './tools';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/iam/__testfixtures__/bookshop-ts');
const ENV = {
  UPLOADS_BUCKET: 'bookshop-uploads',
  ORDERS_TABLE: 'bookshop-orders',
  FULFILMENT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/fulfilment',
  ORDER_EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:order-events',
};
/** The team's own line in cdk/app.ts, which later runs must keep. */
const USER_EDIT = "    cdk.Tags.of(this).add('team', 'books');\n";

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };

type RunResult = Awaited<ReturnType<typeof migrate>>;

describe('bookshop-ts as an AWS CDK app (cdk synth, offline)', () => {
  let root: string;
  let first: RunResult;
  let second: RunResult;
  let synth: { status: number | null; output: string };
  let tsc: { status: number | null; output: string };
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(async () => {
    root = copyTree(FIXTURE);
    first = await migrate({ root, iac: 'cdk' });
    await applyChangeSet(first.changes, { force: true });
    const app = path.join(root, 'cdk/app.ts');
    fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace(/(super\(scope, id, props\);\n)/, `$1${USER_EDIT}`));
    second = await migrate({ root, iac: 'cdk' });

    installCdkApp(root);
    // SDK v2 is bundled (v3 is external on Node 18+ runtimes): a stub stands in for the package.
    const sdk = path.join(root, 'node_modules/aws-sdk');
    fs.mkdirSync(sdk);
    fs.writeFileSync(path.join(sdk, 'package.json'), JSON.stringify({ name: 'aws-sdk', version: '0.0.0-stub', main: 'index.js' }));
    fs.writeFileSync(path.join(sdk, 'index.js'), 'module.exports = {};\n');
    synth = cdkSynth(root, cdkEnv(ENV));
    // One tsc run (loading aws-cdk-lib's types is the slow part) for this CommonJS app and the
    // variants of test/iac/cdk.test.ts (ESM, REST API, --iam stack, --fallback proxy); nodenext treats each by its package.json.
    const variants = [
      { dir: 'variant-rest', module: 'module', text: renderCdkConstruct(specs, REST, ESM), app: renderCdkApp(ESM) },
      { dir: 'variant-rest-proxy', module: 'module', text: renderCdkConstruct(proxySpecs, REST, ESM_PROXY), app: renderCdkApp(ESM_PROXY) },
      { dir: 'variant-http-proxy', module: 'commonjs', text: renderCdkConstruct(proxySpecs, HTTP_PROXY, CJS_PROXY), app: renderCdkApp(CJS_PROXY) },
      // Packaged assets: lambda.Function with the generated bundle script's code asset.
      { dir: 'variant-assets-rest', module: 'module', text: renderCdkConstruct(specs, REST, ESM_ASSETS), app: renderCdkApp(ESM_ASSETS) },
      { dir: 'variant-assets-http', module: 'commonjs', text: renderCdkConstruct(specs, HTTP_PROXY, CJS_ASSETS), app: renderCdkApp(CJS_ASSETS) },
    ];
    for (const v of variants) {
      fs.mkdirSync(path.join(root, v.dir, 'cdk'), { recursive: true });
      fs.writeFileSync(path.join(root, v.dir, 'package.json'), JSON.stringify({ name: 'shop', type: v.module }));
      fs.writeFileSync(path.join(root, v.dir, 'cdk/lambdashift-functions.ts'), v.text);
      fs.writeFileSync(path.join(root, v.dir, 'cdk/app.ts'), v.app);
    }
    const tscArgs = ['--noEmit', '--strict', '--target', 'ES2022', '--module', 'nodenext', '--esModuleInterop', '--skipLibCheck', '--types', 'node', 'cdk/app.ts', ...variants.map((v) => `${v.dir}/cdk/app.ts`)];
    tsc = runTool(root, [path.join(packageDir('typescript'), 'bin/tsc'), ...tscArgs]);
    if (synth.status === 0) {
      const json = JSON.parse(fs.readFileSync(path.join(root, 'cdk.out/bookshop-dev.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
      resources = json.Resources;
      template = Template.fromJSON(json);
    }
  }, 600000);

  afterAll(() => {
    if (root) removeTree(root);
  });

  /** Logical id of the function with construct id `id` (from the CLI's path metadata). */
  const functionId = (id: string): string => {
    const hit = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:cdk:path'] === `bookshop-dev/Functions/${id}/Resource`);
    if (!hit) throw new Error(`no function ${id}`);
    return hit[0];
  };
  /** Actions granted to a function's role beyond the basic execution policy. */
  const actionsOf = (id: string): string[] => {
    const role = resources[functionId(id)]!.Properties.Role['Fn::GetAtt'][0] as string;
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as Array<{ Ref: string }>).some((x) => x.Ref === role))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
      .flatMap((s) => ([] as string[]).concat(s.Action))
      .sort();
  };

  it('writes the construct, the app and cdk.json, and the CDK packages as devDependencies', () => {
    const created = first.changes.entries().filter((c) => c.status === 'created').map((c) => c.path);
    expect(created).toEqual(expect.arrayContaining(['cdk/lambdashift-functions.ts', 'cdk/app.ts', 'cdk.json']));
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['aws-cdk', 'aws-cdk-lib', 'constructs', 'esbuild', 'tsx']));
    expect(first.diagnostics.filter((d) => d.code?.startsWith('iac/'))).toEqual([]);
  });

  it('changes nothing on a second run and keeps the team edits in cdk/app.ts', () => {
    expect(second.changes.pending().map((c) => `${c.status} ${c.path}`)).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'cdk/app.ts'), 'utf8')).toContain(USER_EDIT);
  });

  it('compiles under tsc --strict (and so do the ESM / REST API / --iam stack / proxy / packaged-assets variants)', () => {
    expect({ status: tsc.status, output: tsc.output }).toEqual({ status: 0, output: '' });
  });

  it('synthesizes with cdk synth without credentials or Docker', () => {
    expect({ status: synth.status, output: synth.status === 0 ? '' : synth.output }).toEqual({ status: 0, output: '' });
    expect(synth.output).not.toMatch(/docker/i);
    // cdk synth validates the template (CloudFormation rules) and reports problems as warnings.
    expect(synth.output).not.toMatch(/WARNING|Template validation found issues/);
  });

  it('has one function per generated module with the deploy defaults', () => {
    const modules = first.changes.entries().filter((c) => /^lambda\/(http|jobs)\//.test(c.path));
    template.resourceCountIs('AWS::Lambda::Function', modules.length);
    expect(modules.length).toBe(10);
    template.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Handler: 'index.handler', MemorySize: 1024, Architectures: ['x86_64'] });
    expect(resources[functionId('GetOrders')]!.Properties.Timeout).toBe(29);
    expect(resources[functionId('NightlyArchive')]!.Properties.Timeout).toBe(300);
    expect(resources[functionId('GetFiles')]!.Properties.Environment).toEqual({ Variables: { UPLOADS_BUCKET: 'bookshop-uploads' } });
    template.resourceCountIs('AWS::Logs::LogGroup', 10);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: Match.objectLike({ Ref: Match.stringLikeRegexp('^FunctionsGetHealthLogs') }) } });
  });

  it('routes the HTTP API: each route to its function, everything else to the whole app ($default)', () => {
    const keys = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey as string);
    expect(keys.sort()).toEqual(
      [
        '$default',
        'GET /files',
        'GET /files/{key}',
        'GET /health',
        'GET /orders',
        'GET /orders/{id}',
        'GET /settings',
        'HEAD /files',
        'HEAD /files/{key}',
        'HEAD /health',
        'HEAD /orders',
        'HEAD /orders/{id}',
        'HEAD /settings',
        'POST /files',
        'POST /orders',
      ].sort(),
    );
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [functionId('AppFallback'), 'Arn'] } });
    template.hasOutput('ApiUrl', {});
  });

  it('schedules the job with EventBridge Scheduler in its time zone', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('NightlyArchive'), 'Arn'] } }),
    });
  });

  it('grants each function exactly its inferred actions, and none to functions without AWS calls', () => {
    for (const fn of first.functions) {
      const id = fn.name[0]!.toUpperCase() + fn.name.slice(1);
      const inferred = [...new Set((fn.permissions ?? []).flatMap((p) => p.actions))].sort();
      expect({ name: fn.name, actions: [...new Set(actionsOf(id))].sort() }).toEqual({ name: fn.name, actions: inferred });
    }
    expect(actionsOf('GetHealth')).toEqual([]);
    expect(actionsOf('GetSettings')).toEqual(['secretsmanager:GetSecretValue', 'ssm:GetParameter']);
    expect(actionsOf('NightlyArchive')).toEqual(['dynamodb:DeleteItem', 'dynamodb:Scan', 's3:PutObject']);
    // Resources from the deployer's environment, resolved at synth time.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sqs:SendMessage', Resource: { 'Fn::Join': ['', Match.arrayWith([':fulfilment'])] } }),
        ]),
      },
    });
  });
});
