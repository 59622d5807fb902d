/**
 * The CDK variant the bookshop synth does not cover (test/iac/cdk-variant.ts: ESM service,
 * REST API with the whole-app fallback, `--iam stack`, arm64, a split schedule with input),
 * synthesized by the real `cdk synth` offline and checked with `aws-cdk-lib/assertions`. The
 * handler modules are one-line stand-ins: this suite checks the stack, not the bundles.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { renderCdkApp, renderCdkConstruct, renderCdkJson } from '../../src/emit/iac/cdk';
import { ESM, REST, specs } from '../iac/cdk-variant';
import { packageDir } from './tools';

const REPO = path.resolve(__dirname, '../..');

type Resource = { Type: string; Properties: Record<string, any> };

describe('REST API / ESM / --iam stack CDK app (cdk synth, offline)', () => {
  let root: string;
  let synth: { status: number | null; output: string };
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-cdk-rest-'));
    fs.mkdirSync(path.join(root, 'cdk'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'shop', type: 'module' }));
    fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ name: 'shop', lockfileVersion: 3, requires: true, packages: {} }));
    fs.writeFileSync(path.join(root, 'cdk.json'), renderCdkJson());
    fs.writeFileSync(path.join(root, 'cdk/lambdashift-functions.ts'), renderCdkConstruct(specs, REST, ESM));
    fs.writeFileSync(path.join(root, 'cdk/app.ts'), renderCdkApp(ESM));
    for (const s of specs) {
      fs.mkdirSync(path.join(root, path.dirname(s.module)), { recursive: true });
      fs.writeFileSync(path.join(root, s.module), 'export const handler = async () => ({ statusCode: 200 });\n');
    }
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    const env: NodeJS.ProcessEnv = { ...process.env, TABLE: 'items', AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', NO_COLOR: '1', CI: 'true' };
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'CDK_DEFAULT_ACCOUNT', 'CDK_DEFAULT_REGION']) delete env[k];
    const r = spawnSync(process.execPath, [path.join(packageDir('aws-cdk'), 'bin/cdk'), 'synth', '--no-notices', '--quiet'], { cwd: root, env, encoding: 'utf8', timeout: 400000 });
    synth = { status: r.status, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
    if (synth.status === 0) {
      const json = JSON.parse(fs.readFileSync(path.join(root, 'cdk.out/shop-prod.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
      resources = json.Resources;
      template = Template.fromJSON(json);
    }
  }, 600000);

  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('synthesizes without credentials, Docker or template warnings', () => {
    expect({ status: synth.status, output: synth.status === 0 ? '' : synth.output }).toEqual({ status: 0, output: '' });
    expect(synth.output).not.toMatch(/WARNING|Template validation found issues|docker/i);
  });

  it('routes the REST API: split methods, and the whole app on /, /{proxy+} and beside /items', () => {
    const idOf = (ref: any): string => (ref.Ref ? resources[ref.Ref]!.Properties.PathPart : '/');
    const methods = Object.values(resources)
      .filter((r) => r.Type === 'AWS::ApiGateway::Method')
      .map((r) => `${r.Properties.HttpMethod} ${idOf(r.Properties.ResourceId)} ${r.Properties.Integration.Uri['Fn::Join'][1][3]['Fn::GetAtt'][0].replace(/[A-F0-9]{8}$/, '')}`)
      .sort();
    expect(methods).toEqual(['ANY / FunctionsApp', 'ANY items FunctionsApp', 'ANY {proxy+} FunctionsApp', 'GET items FunctionsGetItems', 'HEAD items FunctionsGetItems', 'POST items FunctionsPostItems']);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  it('runs every function under one role holding each inferred statement once', () => {
    const roles = new Set(Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => JSON.stringify(r.Properties.Role)));
    expect(roles.size).toBe(1);
    expect([...roles][0]).toMatch(/^\{"Fn::GetAtt":\["FunctionsFunctionRole[A-F0-9]{8}","Arn"\]\}$/);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: { 'Fn::Join': ['', Match.arrayWith([':table/items'])] } }] },
      Roles: [{ Ref: Match.stringLikeRegexp('^FunctionsFunctionRole') }],
    });
    template.allResourcesProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('schedules both halves of the split schedule, telling the handler which one fired', () => {
    for (const [i, expression] of ['cron(0 9 ? * MON-FRI *)', 'cron(0 9 1 * ? *)'].entries()) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'America/New_York',
        Target: Match.objectLike({ Input: JSON.stringify({ schedule: i, time: '<aws.scheduler.scheduled-time>' }) }),
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1, Timeout: 300 });
  });
});
