import { parse } from 'yaml';
import { renderSam, samLogicalId, type IacOptions } from '../../src/emit/iac';
import { spec } from './fixtures';
import { samErrors } from './sam-schema';

const SAM: IacOptions = { format: 'sam', api: 'http', runtime: 'nodejs24.x' };
const target = { serviceName: 'books', outDir: 'lambda', moduleSystem: 'cjs' as const };

const specs = [
  spec({ name: 'getBooksById', http: [{ method: 'GET', path: '/books/{id}' }], environment: ['DB_URL', 'SESSION_SECRET'], memorySize: 512, timeout: 30 }),
  spec({ name: 'allFiles', http: [{ method: 'ANY', path: '/files/{proxy+}' }] }),
  spec({ name: 'nightly', kind: 'schedule', module: 'lambda/jobs/nightly.ts', http: [], schedules: [{ expression: 'cron(0 3 * * ? *)', timezone: 'Europe/Paris' }], reservedConcurrency: 1 }),
  spec({
    name: 'split',
    kind: 'schedule',
    module: 'lambda/jobs/split.ts',
    http: [],
    schedules: [
      { expression: 'cron(0 0 1 * ? *)', timezone: null },
      { expression: 'cron(0 0 ? * 2 *)', timezone: null },
    ],
  }),
];

describe('renderSam: a new template.yaml', () => {
  const text = renderSam(null, specs, SAM, target).text;
  const doc = parse(text);

  it('validates against the SAM schema', () => {
    expect(samErrors(text)).toEqual([]);
  });

  it('declares one esbuild-built AWS::Serverless::Function per module', () => {
    expect(doc.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(doc.Resources.GetBooksByIdFunction).toEqual({
      Type: 'AWS::Serverless::Function',
      Properties: {
        CodeUri: '.',
        Handler: 'getBooksById.handler',
        MemorySize: 512,
        Timeout: 30,
        Environment: {
          Variables: {
            DB_URL: { 'Fn::If': ['EnvDbUrlSet', { Ref: 'EnvDbUrl' }, { Ref: 'AWS::NoValue' }] },
            SESSION_SECRET: { 'Fn::If': ['EnvSessionSecretSet', { Ref: 'EnvSessionSecret' }, { Ref: 'AWS::NoValue' }] },
          },
        },
        Events: { HttpApi1: { Type: 'HttpApi', Properties: { Path: '/books/{id}', Method: 'GET' } } },
      },
      Metadata: { BuildMethod: 'esbuild', BuildProperties: { Format: 'cjs', Target: 'node24', Sourcemap: false, EntryPoints: ['lambda/http/getBooksById.ts'] } },
    });
    expect(doc.Parameters.EnvDbUrl).toMatchObject({ Type: 'String', Default: '' });
    expect(doc.Conditions.EnvDbUrlSet).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'EnvDbUrl' }, ''] }] });
  });

  it('uses ScheduleV2 with a timezone where needed, Schedule otherwise, one event per expression', () => {
    expect(doc.Resources.NightlyFunction.Properties.Events).toEqual({
      Schedule1: { Type: 'ScheduleV2', Properties: { ScheduleExpression: 'cron(0 3 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris' } },
    });
    expect(doc.Resources.NightlyFunction.Properties.ReservedConcurrentExecutions).toBe(1);
    expect(doc.Resources.SplitFunction.Properties.Events).toEqual({
      Schedule1: { Type: 'Schedule', Properties: { Schedule: 'cron(0 0 1 * ? *)' } },
      Schedule2: { Type: 'Schedule', Properties: { Schedule: 'cron(0 0 ? * 2 *)' } },
    });
  });

  it('writes Api events with --api rest, still valid', () => {
    const rest = renderSam(null, specs, { ...SAM, api: 'rest' }, target).text;
    expect(parse(rest).Resources.AllFilesFunction.Properties.Events).toEqual({ Api1: { Type: 'Api', Properties: { Path: '/files/{proxy+}', Method: 'ANY' } } });
    expect(samErrors(rest)).toEqual([]);
  });

  it('builds ESM targets to .mjs, still valid', () => {
    const esm = renderSam(null, specs, SAM, { ...target, moduleSystem: 'esm' }).text;
    expect(parse(esm).Resources.AllFilesFunction.Metadata.BuildProperties).toMatchObject({ Format: 'esm', OutExtension: ['.js=.mjs'] });
    expect(samErrors(esm)).toEqual([]);
  });

  it('is byte-identical when rendered again', () => {
    expect(renderSam(text, specs, SAM, target).text).toBe(text);
  });

  it('the schema rejects what SAM would reject', () => {
    const broken = text.replace('Runtime: nodejs24.x', 'Runtime: python3.12').replace('Path: /books/{id}', 'Path: books/:id').replace('Type: ScheduleV2', 'Type: Cron');
    const errors = samErrors(broken);
    expect(errors.join('\n')).toMatch(/Runtime/);
    expect(errors.join('\n')).toMatch(/Path/);
    expect(errors.join('\n')).toMatch(/Type/);
  });
});

describe('renderSam: editing an existing template', () => {
  const existing = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    '# The team’s bucket',
    'Parameters:',
    '  Stage:',
    '    Type: String',
    '    Default: dev',
    'Resources:',
    '  # managed by lambdashift: GET /gone (src/app.ts:9:1)',
    '  GetGoneFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: .',
    '      Handler: getGone.handler',
    '      Runtime: nodejs24.x',
    '    Metadata:',
    '      BuildMethod: esbuild',
    '      BuildProperties:',
    '        EntryPoints:',
    '          - lambda/http/getGone.ts',
    '  CoversBucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: !Sub "${AWS::StackName}-${Stage}-covers"',
    'Outputs:',
    '  Bucket:',
    '    Value: !Ref CoversBucket',
    '',
  ].join('\n');
  const out = renderSam(existing, specs.slice(0, 1), SAM, target).text;

  it('keeps user resources, parameters, outputs, tags and comments, and is valid', () => {
    expect(out).toContain('BucketName: !Sub "${AWS::StackName}-${Stage}-covers"');
    expect(out).toContain('Value: !Ref CoversBucket');
    expect(out).toContain('# The team’s bucket');
    const doc = parse(out, { customTags: [{ tag: '!Sub', resolve: (s: string) => s }, { tag: '!Ref', resolve: (s: string) => s }] });
    expect(Object.keys(doc.Parameters)).toEqual(['Stage', 'EnvDbUrl', 'EnvSessionSecret']);
    expect(Object.keys(doc.Resources)).toEqual(['CoversBucket', samLogicalId('getBooksById'), `${samLogicalId('getBooksById')}LogGroup`]);
    expect(samErrors(out)).toEqual([]);
  });

  it('drops the removed function together with its marker comment', () => {
    expect(out).not.toContain('GET /gone');
    expect(out).not.toMatch(/managed by lambdashift[^\n]*\n\s+CoversBucket/);
  });

  it('changes nothing on a second run, and removes env parameters that are no longer read', () => {
    expect(renderSam(out, specs.slice(0, 1), SAM, target).text).toBe(out);
    const fewer = renderSam(out, [{ ...specs[0]!, environment: ['DB_URL'] }], SAM, target).text;
    expect(fewer).not.toContain('EnvSessionSecret');
    expect(fewer).toContain('EnvDbUrlSet');
    expect(samErrors(fewer)).toEqual([]);
  });
});
