/**
 * IAM inference on a bookshop service whose controllers call services two imports away from
 * the generated handlers: S3 (commands, a paginator, lib-storage Upload), DynamoDB (document
 * client commands with a GSI, the low-level client, SDK v2's DocumentClient), SQS, SNS,
 * Secrets Manager and SSM. Expected statements per function, none for /health.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { formatJsonReport } from '../../src/changes/printers/json-report';
import { formatMarkdownReport } from '../../src/changes/printers/markdown-report';
import { migrate } from '../../src/migrate/migrate';
import type { RunResult } from '../../src/model/run-result';
import { copyTree, writeProject } from '../helpers/tmp-project';
import { samErrors } from '../iac/sam-schema';

const FIXTURE = path.join(__dirname, '__testfixtures__/bookshop-ts');

const s3Object = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', '${env:UPLOADS_BUCKET}', '/*']],
};
const s3Bucket = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', '${env:UPLOADS_BUCKET}']] };
const regional = (service: string, ...rest: unknown[]) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ...rest]],
});
const ordersTable = regional('dynamodb', ':table/', '${env:ORDERS_TABLE}');

const FILES = [
  { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: [s3Object] },
  { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [s3Bucket] },
];
const ORDERS = [
  { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [ordersTable] },
  { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: [regional('dynamodb', ':table/', '${env:ORDERS_TABLE}', '/index/byCustomer'), ordersTable] },
  { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['${env:ORDER_EVENTS_TOPIC_ARN}'] },
  { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [regional('sqs', ':', { 'Fn::Select': [4, { 'Fn::Split': ['/', '${env:FULFILMENT_QUEUE_URL}'] }] })] },
];
const SETTINGS = [
  { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [regional('secretsmanager', ':secret:bookshop/stripe-key-??????')] },
  { Effect: 'Allow', Action: ['ssm:GetParameter'], Resource: [regional('ssm', ':parameter/bookshop/feature-flags')] },
];
const NIGHTLY = [
  { Effect: 'Allow', Action: ['dynamodb:DeleteItem'], Resource: [regional('dynamodb', ':table/bookshop-sessions')] },
  { Effect: 'Allow', Action: ['dynamodb:Scan'], Resource: [ordersTable] },
  { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::bookshop-archive/*']] }] },
];

describe('bookshop-ts: serverless.yml with a role per function', () => {
  let result: RunResult;
  let doc: Record<string, any>;
  let root: string;
  beforeAll(async () => {
    root = copyTree(FIXTURE);
    result = await migrate({ root });
    doc = parse(result.changes.get('serverless.yml')!.after!);
  });

  it('gives each function the statements of the SDK calls its code reaches', () => {
    const statements = Object.fromEntries(Object.entries(doc.functions).map(([name, fn]) => [name, (fn as { iamRoleStatements?: unknown }).iamRoleStatements]));
    // The whole-app fallback runs every route's code: exactly the HTTP functions' grants together.
    const grants = (list: unknown) =>
      new Set(((list ?? []) as Array<{ Action: string[]; Resource: unknown[] }>).flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${JSON.stringify(r)}`))));
    const httpNames = Object.keys(statements).filter((n) => n !== 'appFallback' && n !== 'nightlyArchive');
    expect([...grants(statements.appFallback)].sort()).toEqual([...new Set(httpNames.flatMap((n) => [...grants(statements[n])]))].sort());
    delete statements.appFallback;
    expect(statements).toEqual({
      getHealth: undefined,
      getFiles: FILES,
      getFilesByKey: FILES,
      postFiles: FILES,
      getOrders: ORDERS,
      getOrdersById: ORDERS,
      postOrders: ORDERS,
      getSettings: SETTINGS,
      nightlyArchive: NIGHTLY,
    });
  });

  it('adds serverless-iam-roles-per-function to plugins and devDependencies, and warns about nothing', () => {
    expect(doc.plugins).toEqual(['serverless-esbuild', 'serverless-iam-roles-per-function']);
    expect(JSON.parse(result.changes.get('package.json')!.after!).devDependencies).toMatchObject({ 'serverless-iam-roles-per-function': expect.stringMatching(/^\^3\./) });
    expect(result.diagnostics.filter((d) => d.code?.startsWith('iam/'))).toEqual([]);
  });

  it('lists each function’s actions with the file:line of the call in the JSON report', () => {
    const report = JSON.parse(formatJsonReport(result));
    const settings = report.functions.find((f: { name: string }) => f.name === 'getSettings');
    expect(settings.permissions).toEqual([
      {
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:bookshop/stripe-key-??????'],
        source: 'src/services/config.service.ts:8',
        call: 'new GetSecretValueCommand(...)',
      },
      {
        actions: ['ssm:GetParameter'],
        resources: ['arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/bookshop/feature-flags'],
        source: 'src/services/config.service.ts:13',
        call: 'new GetParameterCommand(...)',
      },
    ]);
    expect(report.functions.find((f: { name: string }) => f.name === 'getHealth').permissions).toBeUndefined();
    const nightly = report.functions.find((f: { name: string }) => f.name === 'nightlyArchive');
    expect(nightly.permissions.map((p: { source: string; call: string }) => `${p.source} ${p.call}`)).toEqual([
      'src/services/archive.service.ts:10 new ScanCommand(...)',
      'src/services/archive.service.ts:11 s3.putObject(...)',
      'src/services/archive.service.ts:16 sessions.delete(...)',
    ]);
  });

  it('shows a permissions table in the Markdown report', () => {
    const md = formatMarkdownReport(result);
    expect(md).toContain('### Permissions (9 of 10 functions)');
    expect(md).toContain('| `getFiles` | `s3:PutObject`<br>`s3:AbortMultipartUpload` | `arn:${AWS::Partition}:s3:::${UPLOADS_BUCKET}/*` | `src/services/storage.service.ts:21` |');
  });

  it('changes nothing on a second run', async () => {
    await applyChangeSet(result.changes, { force: true });
    const again = await migrate({ root });
    expect(again.changes.get('serverless.yml')?.status).toBe('unchanged');
    expect(again.changes.get('package.json')?.status ?? 'unchanged').toBe('unchanged');
  });
});

describe('bookshop-ts: other placements', () => {
  it('puts the statements once in the provider role with --iam stack', async () => {
    const result = await migrate({ root: copyTree(FIXTURE), iam: 'stack' });
    const doc = parse(result.changes.get('serverless.yml')!.after!);
    expect(doc.plugins).toEqual(['serverless-esbuild']);
    expect(Object.values(doc.functions).some((f) => 'iamRoleStatements' in (f as object))).toBe(false);
    const statements = doc.provider.iam.role.statements as Array<{ Sid: string; Action: string[] }>;
    expect(statements.map((s) => s.Sid)).toEqual(statements.map((_, i) => `Lambdashift${i + 1}`));
    expect(statements.flatMap((s) => s.Action).sort()).toEqual(
      [...new Set([...FILES, ...ORDERS, ...SETTINGS, ...NIGHTLY].flatMap((s) => s.Action))].sort().concat('s3:PutObject').sort(),
    );
  });

  it('writes SAM Policies with Fn::Sub on the stack parameters, valid against the schema', async () => {
    const result = await migrate({ root: copyTree(FIXTURE), iac: 'sam' });
    const text = result.changes.get('template.yaml')!.after!;
    const doc = parse(text);
    expect(samErrors(text)).toEqual([]);
    expect(doc.Resources.GetHealthFunction.Properties.Policies).toBeUndefined();
    expect(doc.Resources.GetOrdersFunction.Properties.Policies).toEqual([
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${EnvOrdersTable}' }] },
          {
            Effect: 'Allow',
            Action: ['dynamodb:Query'],
            Resource: [
              { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${EnvOrdersTable}/index/byCustomer' },
              { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${EnvOrdersTable}' },
            ],
          },
          { Effect: 'Allow', Action: ['sns:Publish'], Resource: [{ Ref: 'EnvOrderEventsTopicArn' }] },
          {
            Effect: 'Allow',
            Action: ['sqs:SendMessage'],
            Resource: [
              {
                'Fn::Sub': [
                  'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${EnvFulfilmentQueueUrlQueueName}',
                  { EnvFulfilmentQueueUrlQueueName: { 'Fn::Select': [4, { 'Fn::Split': ['/', { Ref: 'EnvFulfilmentQueueUrl' }] }] } },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });
});

describe('SDK call shapes', () => {
  const files = {
    'package.json': JSON.stringify({ name: 'shapes', private: true, main: 'app.js', dependencies: { express: '^4.21.0' } }),
    'app.js': [
      "const express = require('express');",
      "const reports = require('./reports');",
      'const app = express();',
      "app.get('/reports/:id', reports.show);",
      "app.post('/reports', reports.create);",
      'module.exports = app;',
      '',
    ].join('\n'),
    'reports.js': [
      "const { s3, queue } = require('./aws');",
      "const S3 = require('aws-sdk/clients/s3');",
      "const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');",
      'class Signer {',
      '  constructor() { this.client = new S3(); }',
      "  link(key) { return this.client.getSignedUrl('getObject', { Bucket: 'shapes-reports', Key: key }); }",
      '}',
      'const signer = new Signer();',
      'exports.show = async (req, res) => {',
      "  const head = await s3.headObject({ Bucket: process.env['REPORTS_BUCKET'], Key: req.params.id }).promise();",
      '  res.json({ url: signer.link(req.params.id), size: head.ContentLength });',
      '};',
      'exports.create = async (req, res) => {',
      '  await new SQSClient({}).send(new SendMessageBatchCommand({ QueueUrl: req.body.queue, Entries: [] }));',
      "  await queue.frobnicate({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/reports' });",
      '  res.status(202).end();',
      '};',
      '',
    ].join('\n'),
    'aws.js': ["const AWS = require('aws-sdk');", 'const s3 = new AWS.S3();', 'const queue = new AWS.SQS();', 'module.exports = { s3, queue };', ''].join('\n'),
  };

  it('follows shared v2 clients, class fields and getSignedUrl; warns with the call for * and unknown actions', async () => {
    const result = await migrate({ root: writeProject(files) });
    const doc = parse(result.changes.get('serverless.yml')!.after!);
    expect(doc.functions.getReportsById.iamRoleStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', '${env:REPORTS_BUCKET}', '/*']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::shapes-reports/*']] },
        ],
      },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['*'] },
    ]);
    const iam = result.diagnostics.filter((d) => d.code?.startsWith('iam/')).map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`);
    expect(iam).toEqual([
      'reports.js:14 iam/wildcard new SendMessageBatchCommand(...): its QueueUrl is not a literal or an environment variable, so sqs:SendMessage is granted on "*"; narrow it in the IaC',
      'reports.js:15 iam/unknown-action queue.frobnicate(...): sqs:Frobnicate is not an IAM action lambdashift can find in the Service Authorization Reference; add its permission by hand',
    ]);
  });
});
