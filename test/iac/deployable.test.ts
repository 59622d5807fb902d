/**
 * IaC that deploys as written: build tools in devDependencies, documented defaults (stage,
 * region, memory, timeouts, log retention, architecture), SAM Globals and Outputs, runtimes
 * checked against Lambda's schedule, and warnings for timeouts and stack limits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { migrate } from '../../src/migrate/migrate';
import { checkRuntime } from '../../src/emit/iac/runtimes';
import { estimateResources, stackWarnings } from '../../src/emit/iac/stack-checks';
import type { IacOptions } from '../../src/emit/iac';
import { copyTree } from '../helpers/tmp-project';
import { spec } from './fixtures';
import { samErrors } from './sam-schema';

const EXAMPLE = path.resolve(__dirname, '../../examples/express-cjs-service');

describe('Lambda Node.js runtimes', () => {
  it('refuses runtimes Lambda blocks, warns about deprecated ones, accepts supported ones', () => {
    expect(checkRuntime('nodejs12.x', '2026-12-04').error).toMatch(/^--runtime nodejs12\.x can no longer be deployed on Lambda; use nodejs24\.x$/);
    expect(checkRuntime('nodejs20.x', '2026-12-04').error).toMatch(/blocks creating functions with it since 2026-08-31/);
    expect(checkRuntime('nodejs20.x', '2026-05-10')).toEqual({ warning: expect.stringMatching(/^runtime nodejs20\.x is deprecated since 2026-04-30/) });
    expect(checkRuntime('nodejs24.x', '2026-12-04')).toEqual({});
    expect(checkRuntime('nodejs26.x', '2026-12-04').warning).toMatch(/not among the Lambda Node\.js runtimes/);
    expect(checkRuntime('python3.12', '2026-12-04').error).toMatch(/must be a Lambda Node\.js runtime/);
  });

  it('makes migrate fail with one line for a blocked runtime', async () => {
    const root = copyTree(EXAMPLE);
    await expect(migrate({ root, runtime: 'nodejs12.x' })).rejects.toThrow(/^--runtime nodejs12\.x can no longer be deployed/);
  });
});

describe('serverless.yml and package.json from migrate', () => {
  let doc: Record<string, any>;
  let pkg: Record<string, any>;
  let warnings: string[];
  beforeAll(async () => {
    const root = copyTree(EXAMPLE);
    fs.writeFileSync(
      path.join(root, 'lambdashift.config.json'),
      JSON.stringify({ functions: { getBooks: { timeout: 45 } }, deploy: { region: 'eu-west-1', architecture: 'arm64', logRetentionInDays: 14 } }),
    );
    const result = await migrate({ root });
    doc = parse(result.changes.get('serverless.yml')!.after!);
    pkg = JSON.parse(result.changes.get('package.json')!.after!);
    warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  });

  it('adds the plugins and bundler the file names to devDependencies', () => {
    expect(doc.plugins).toContain('serverless-esbuild');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['serverless-esbuild', 'esbuild']));
    expect(pkg.devDependencies.esbuild).toMatch(/^\^0\.\d+/);
  });

  it('sets stage, region, memory, timeout, log retention and the architecture from the config', () => {
    expect(doc.provider).toMatchObject({
      stage: "${opt:stage, 'dev'}",
      region: "${opt:region, 'eu-west-1'}",
      memorySize: 1024,
      timeout: 29,
      logRetentionInDays: 14,
      architecture: 'arm64',
    });
    expect(doc.functions.getBooks.timeout).toBe(45);
  });

  it('warns about an HTTP timeout over API Gateway 29 s', () => {
    expect(warnings).toContainEqual(expect.stringMatching(/^getBooks: timeout 45 s is over API Gateway's 29 s integration timeout/));
  });
});

describe('SAM template from migrate', () => {
  let text: string;
  let doc: Record<string, any>;
  let pkg: Record<string, any>;
  beforeAll(async () => {
    const root = copyTree(EXAMPLE);
    const result = await migrate({ root, iac: 'sam', architecture: 'arm64' });
    text = result.changes.get('template.yaml')!.after!;
    doc = parse(text);
    pkg = JSON.parse(result.changes.get('package.json')!.after!);
  });

  it('shares runtime, memory, timeout and architecture in Globals and is valid', () => {
    expect(doc.Globals.Function).toEqual({ Runtime: 'nodejs24.x', MemorySize: 1024, Timeout: 29, Architectures: ['arm64'] });
    expect(doc.Resources.GetBooksFunction.Properties.Runtime).toBeUndefined();
    expect(samErrors(text)).toEqual([]);
  });

  it('gives each function a log group with retention, and outputs the API URL', () => {
    expect(doc.Resources.GetBooksFunctionLogGroup).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${GetBooksFunction}' }, RetentionInDays: 30 },
    });
    expect(doc.Outputs.ApiUrl.Value).toEqual({ 'Fn::Sub': 'https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/' });
  });

  it('adds esbuild (BuildMethod: esbuild) to devDependencies', () => {
    expect(Object.keys(pkg.devDependencies)).toContain('esbuild');
    expect(pkg.devDependencies['serverless-esbuild']).toBeUndefined();
  });
});

describe('stack limits', () => {
  const options: IacOptions = { format: 'serverless', api: 'http', runtime: 'nodejs24.x' };
  // 500 routers split per route: GET and HEAD for each of two paths.
  const many = Array.from({ length: 200 }, (_, i) =>
    spec({ name: `route${i}`, http: [{ method: 'GET', path: `/r${i}` }, { method: 'HEAD', path: `/r${i}` }] }),
  );

  it('warns with a suggestion when the stack would pass 500 resources or the route quota', () => {
    expect(estimateResources(many, 'serverless')).toBeGreaterThan(500);
    const warnings = stackWarnings(many, options);
    expect(warnings).toContainEqual(expect.stringMatching(/^200 functions make about \d+ CloudFormation resources, over the 500-resource limit.*--granularity router/));
    expect(warnings).toContainEqual(expect.stringMatching(/^400 routes exceed the HTTP API quota of 300 routes per API/));
  });

  it('says nothing for a small stack', () => {
    expect(stackWarnings(many.slice(0, 20), options)).toEqual([]);
  });
});
