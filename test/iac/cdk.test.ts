/**
 * The CDK writer without a synth (test/e2e/cdk-synth.test.ts synthesizes the HTTP API app):
 * REST API routes with the fallback's catch-all, one shared role with `--iam stack`, ESM
 * services, split schedules with their input, and the files it keeps (the e2e suite compiles
 * this variant under `tsc --strict`).
 */
import { CDK_APP_FILE, CDK_CONSTRUCT_FILE, CDK_JSON_FILE, renderCdk, renderCdkConstruct } from '../../src/emit/iac/cdk';
import type { IacOptions } from '../../src/emit/iac';
import type { IacTarget } from '../../src/emit/iac/serverless';
import { CJS_ASSETS, CJS_PROXY, ESM, ESM_ASSETS, ESM_PROXY, HTTP_PROXY, proxySpecs, REST, specs } from './cdk-variant';

describe('renderCdkConstruct', () => {
  const text = renderCdkConstruct(specs, REST, ESM);

  it('routes a REST API, the whole app on / and /{proxy+} and beside split paths', () => {
    expect(text).toContain("this.api = new apigw.RestApi(this, 'RestApi', { restApiName: 'shop', deployOptions: { stageName: 'prod' }, cloudWatchRole: false });");
    expect(text).toContain("for (const method of ['GET', 'HEAD']) this.api.root.resourceForPath('/items').addMethod(method, integrations.getItems);");
    expect(text).toContain("this.api.root.resourceForPath('/items').addMethod('POST', integrations.postItems);");
    expect(text).toContain("this.api.root.addMethod('ANY', integrations.app);");
    expect(text).toContain("this.api.root.resourceForPath('/{proxy+}').addMethod('ANY', integrations.app);");
    expect(text).toContain("this.api.root.resourceForPath('/items').addMethod('ANY', integrations.app);");
    expect(text).not.toContain('apigwv2');
  });

  it('puts every statement once on one shared role with --iam stack', () => {
    expect(text.match(/role\.addToPolicy\(/g)).toHaveLength(1);
    expect(text).toContain("role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [`arn:${cdk.Aws.PARTITION}:dynamodb:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:table/${required('TABLE')}`] }));");
    expect(text).not.toContain('addToRolePolicy');
    expect(text).toMatch(/getItems: this\.addFunction\('GetItems', \{[^}]*\}, role\)/);
  });

  it('writes the settings: runtime, architecture, retention, ESM bundling, split schedules with their input', () => {
    expect(text).toContain('runtime: lambda.Runtime.NODEJS_22_X,');
    expect(text).toContain('architecture: lambda.Architecture.ARM_64,');
    expect(text).toContain('retention: logs.RetentionDays.TWO_WEEKS');
    expect(text).toContain("const ROOT = fileURLToPath(new URL('..', import.meta.url));");
    expect(text).toContain('format: nodejs.OutputFormat.ESM');
    expect(text).toContain('reservedConcurrentExecutions: 1,');
    expect(text).toContain("new scheduler.Schedule(this, 'DigestSchedule2', {");
    expect(text).toContain(
      "target: new targets.LambdaInvoke(this.functions.digest, { input: scheduler.ScheduleTargetInput.fromObject({ schedule: 1, time: scheduler.ContextAttribute.scheduledTime }) }),",
    );
    expect(text).toContain("schedule: scheduler.ScheduleExpression.expression('cron(0 9 1 * ? *)', cdk.TimeZone.of('America/New_York')),");
  });

  it('names a runtime aws-cdk-lib has no constant for', () => {
    expect(renderCdkConstruct(specs, { ...REST, runtime: 'nodejs30.x' }, ESM)).toContain("runtime: new lambda.Runtime('nodejs30.x', lambda.RuntimeFamily.NODEJS),");
  });

  it('gives functions without AWS calls no statements (per-function roles)', () => {
    const perFunction = renderCdkConstruct(specs, { ...REST, iam: 'function' }, ESM);
    expect(perFunction.match(/addToRolePolicy/g)).toHaveLength(2);
    expect(perFunction).not.toContain('this.functions.app.addToRolePolicy');
    expect(perFunction).not.toContain("new iam.Role(");
  });
});

describe('--fallback proxy', () => {
  it('HTTP API: $default is an HTTP proxy to the running service under its base path', () => {
    const text = renderCdkConstruct(proxySpecs, HTTP_PROXY, CJS_PROXY);
    expect(text).toContain("import { HttpLambdaIntegration, HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';");
    expect(text).toContain("const proxy = new HttpUrlIntegration('ProxyIntegration', 'https://old.example.com/v1', {");
    expect(text).toContain("parameterMapping: new apigwv2.ParameterMapping().overwritePath(apigwv2.MappingValue.custom('/v1$request.path')),");
    expect(text).toContain("this.api = new apigwv2.HttpApi(this, 'HttpApi', { apiName: 'shop', defaultIntegration: proxy });");
  });

  it('REST API: ANY on /, /{proxy+} and beside each split path, to the same path on the running service', () => {
    const text = renderCdkConstruct(proxySpecs, REST, ESM_PROXY);
    expect(text).toContain("this.api.root.addMethod('ANY', proxyTo('https://old.example.com/v1/'));");
    expect(text).toContain(
      "this.api.root.resourceForPath('/{proxy+}').addMethod('ANY', proxyTo('https://old.example.com/v1/{proxy}', { 'integration.request.path.proxy': 'method.request.path.proxy' }), { requestParameters: { 'method.request.path.proxy': true } });",
    );
    expect(text).toContain("this.api.root.resourceForPath('/items').addMethod('ANY', proxyTo('https://old.example.com/v1/items'));");
  });

  it('jobs only: the API still exists, holding the proxy', () => {
    const text = renderCdkConstruct(proxySpecs.filter((s) => s.kind === 'schedule'), HTTP_PROXY, CJS_PROXY);
    expect(text).toContain("import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';");
    expect(text).toContain('defaultIntegration: proxy });');
    expect(text).not.toContain('const integrations');
  });
});

describe('files the code reads by path (target.assets)', () => {
  const text = renderCdkConstruct(specs, REST, ESM_ASSETS);

  it('makes each function a lambda.Function whose code the generated bundle script makes, staged as NodejsFunction stages', () => {
    expect(text).not.toContain('nodejs.');
    expect(text).toContain("const BUNDLE_SCRIPT = 'lambda/bundle-function.cjs';");
    expect(text).toContain('  return lambda.Code.fromAsset(ROOT, {\n    assetHashType: cdk.AssetHashType.OUTPUT,');
    expect(text).toContain("command: ['node', BUNDLE_SCRIPT, entry, cdk.AssetStaging.BUNDLING_OUTPUT_DIR],");
    expect(text).toContain("execFileSync(process.execPath, [path.join(ROOT, BUNDLE_SCRIPT), entry, outputDir], { cwd: ROOT, stdio: ['ignore', process.stderr, 'inherit'] });");
    expect(text).toContain('    const created = new lambda.Function(this, id, {\n      code: bundledCode(fn.entry, runtime),\n      handler: fn.handler,');
    expect(text).toContain('  readonly functions: Readonly<Record<LambdashiftFunctionName, lambda.Function>>;');
    expect(text).toContain('  readonly functionProps?: Partial<lambda.FunctionProps>;');
  });

  it("gives Lambda the bundle's path in the asset as the handler", () => {
    expect(text).toContain("entry: 'lambda/http/getItems.ts',\n        handler: 'lambda/http/getItems.handler',");
    expect(text).toContain("entry: 'lambda/jobs/digest.ts',\n        handler: 'lambda/jobs/digest.handler',");
  });

  it('leaves the construct of a service without such files as it was (NodejsFunction)', () => {
    const { assets, ...without } = CJS_ASSETS;
    expect(assets).toBeDefined();
    const plain = renderCdkConstruct(specs, HTTP_PROXY, without);
    expect(plain).toContain('new nodejs.NodejsFunction(this, id, {');
    expect(plain).not.toMatch(/bundle-function|execFileSync|lambda\.Code/);
  });
});

describe('renderCdk', () => {
  const options: IacOptions = { format: 'cdk', api: 'http', runtime: 'nodejs24.x' };
  const target: IacTarget = { serviceName: 'shop', outDir: 'lambda', moduleSystem: 'cjs' };
  const reader = (files: Record<string, string>) => (rel: string) => files[rel] ?? null;

  it('creates the construct, the app and cdk.json in a service without them', () => {
    const out = renderCdk(reader({}), specs, options, target);
    expect(out.files.map((f) => f.file)).toEqual([CDK_CONSTRUCT_FILE, CDK_JSON_FILE, CDK_APP_FILE]);
    expect(JSON.parse(out.files[1]!.text)).toEqual({ app: 'npx tsx cdk/app.ts' });
    expect(out.files[2]!.text).toContain("import { LambdashiftFunctions } from './lambdashift-functions';");
    expect(out.files[2]!.text).toContain("new ShopStack(app, 'shop-dev', {");
    expect(out.devDependencies!.map((d) => d.name)).toEqual(['aws-cdk', 'aws-cdk-lib', 'constructs', 'esbuild', 'tsx']);
  });

  it('rewrites only its own construct once the app exists', () => {
    const first = renderCdk(reader({}), specs, options, target);
    const files = Object.fromEntries(first.files.map((f) => [f.file, f.text]));
    files[CDK_APP_FILE] += '// the team was here\n';
    const again = renderCdk(reader(files), specs, options, target);
    expect(again.files).toEqual([{ file: CDK_CONSTRUCT_FILE, existing: files[CDK_CONSTRUCT_FILE], text: files[CDK_CONSTRUCT_FILE] }]);
    expect(again.warnings).toEqual([]);
  });

  it('leaves a construct file it did not write alone, and says so', () => {
    const out = renderCdk(reader({ [CDK_CONSTRUCT_FILE]: 'export const mine = 1;\n' }), specs, options, target);
    expect(out.files).toEqual([]);
    expect(out.warnings).toEqual([`${CDK_CONSTRUCT_FILE} exists and was not generated by lambdashift; it was left as it is and no CDK functions were written`]);
  });

  it("writes only the construct into a CDK project with its own app, and says how to use it", () => {
    const out = renderCdk(reader({ [CDK_JSON_FILE]: '{ "app": "npx ts-node bin/infra.ts" }' }), specs, options, target);
    expect(out.files.map((f) => f.file)).toEqual([CDK_CONSTRUCT_FILE]);
    expect(out.warnings[0]).toMatch(/^cdk\.json names another CDK app; add `new LambdashiftFunctions\(this, 'Functions'\)`/);
  });
});
