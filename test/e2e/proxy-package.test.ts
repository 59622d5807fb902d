/**
 * Strangler-fig mode (`--fallback proxy`): the mixed Express fixture's serverless.yml, with the
 * catch-all as an HTTP proxy integration to the running service, packaged by the real `osls`
 * CLI with serverless-esbuild. The compiled CloudFormation template must hold the split
 * functions only (no whole-app function), the Framework's HTTP API under the logical id the
 * proxy resources reference (`HttpApi`), and exactly one `$default` route: ours, targeting the
 * HTTP_PROXY integration. With a REST API, the catch-all methods come from http-proxy events
 * and must be among the methods the Framework's deployment waits for (else the first deploy's
 * stage would miss them). Nothing reaches AWS.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import { copyTree } from '../helpers/tmp-project';
import { removeTree } from '../serve/example-copy';
import { installServiceModules, runSls } from './offline';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/fallback/fixtures/express-mixed');
const OLD = 'https://old.example.com/shop';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

describe('express-mixed with --fallback proxy under osls', () => {
  let root: string;
  beforeAll(async () => {
    root = copyTree(FIXTURE);
    await applyChangeSet((await migrate({ root, fallback: 'proxy', proxyUrl: OLD })).changes, { force: true });
    installServiceModules(root, [path.join(REPO, 'node_modules')]);
  }, 120000);

  afterAll(() => {
    if (root) removeTree(root);
  });

  it('packages: split functions only, and the $default route is the HTTP_PROXY integration to the old service', async () => {
    const result = await runSls(root, ['package'], 240000);
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    expect(result.output).not.toMatch(/warning/i);
    const template = JSON.parse(fs.readFileSync(path.join(root, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Resources };
    const resources = template.Resources;
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((r) => String(r.Properties.FunctionName).replace(/^.*-/, '')).sort();
    expect(functions).toEqual(['getFilesByName', 'getHealth', 'getUsersById']);
    expect(resources.HttpApi?.Type).toBe('AWS::ApiGatewayV2::Api');
    const integration = resources.LambdashiftProxyIntegration!;
    expect(integration).toEqual({
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: OLD, PayloadFormatVersion: '1.0', RequestParameters: { 'overwrite:path': '/shop$request.path' } },
    });
    const defaults = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === '$default');
    expect(defaults.map(([id, r]) => [id, r.Properties.Target])).toEqual([['LambdashiftProxyRoute', { 'Fn::Join': ['/', ['integrations', { Ref: 'LambdashiftProxyIntegration' }]] }]]);
    const keys = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(['$default', 'GET /files/{name}', 'GET /health', 'GET /users/{id}', 'HEAD /files/{name}', 'HEAD /health', 'HEAD /users/{id}']);
  }, 300000);

  it('packages the REST form: ANY /, /{proxy+} and beside each split path as HTTP_PROXY methods the deployment depends on', async () => {
    await applyChangeSet((await migrate({ root, api: 'rest', fallback: 'proxy', proxyUrl: OLD })).changes, { force: true });
    const result = await runSls(root, ['package'], 240000);
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    const resources = (JSON.parse(fs.readFileSync(path.join(root, '.serverless/cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Resources }).Resources;
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(3);
    expect(Object.keys(resources).filter((id) => id.startsWith('Lambdashift'))).toEqual([]);
    const proxies = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.Integration?.Type === 'HTTP_PROXY');
    expect(proxies.map(([, r]) => [r.Properties.HttpMethod, r.Properties.Integration.Uri, r.Properties.Integration.IntegrationHttpMethod]).sort()).toEqual([
      ['ANY', `${OLD}/`, 'ANY'],
      ['ANY', `${OLD}/files/{name}`, 'ANY'],
      ['ANY', `${OLD}/health`, 'ANY'],
      ['ANY', `${OLD}/users/{id}`, 'ANY'],
      ['ANY', `${OLD}/{proxy}`, 'ANY'],
    ]);
    const greedy = proxies.find(([, r]) => r.Properties.Integration.Uri === `${OLD}/{proxy}`)![1];
    expect(greedy.Properties.Integration.RequestParameters).toEqual({ 'integration.request.path.proxy': 'method.request.path.proxy' });
    const deployment = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Deployment') as unknown as { DependsOn: string[] };
    for (const [id] of proxies) expect(deployment.DependsOn).toContain(id);
  }, 300000);
});
