/**
 * Call shapes the import graph reaches but a name-for-name match misses: aliased and namespace
 * imports, clients injected through typed constructor parameters and fields, and clients
 * passed to same-file functions and constructors (followed only when every call passes the
 * same kind of client).
 */
import { EnvScanner } from '../../src/emit/iac/env-scan';
import { inferPermissions } from '../../src/iam/infer-permissions';
import type { Diagnostic } from '../../src/model/diagnostic';
import { scanSdkCalls } from '../../src/iam/sdk-calls';

const ops = (file: string, text: string): string[] => scanSdkCalls(file, text).calls.map((c) => `${c.line} ${c.service}:${c.operation} ${JSON.stringify(c.input)}`);

describe('scanSdkCalls', () => {
  it('follows aliased and namespace imports of v3 clients, commands and paginators', () => {
    const text = [
      "import { S3Client as Storage, GetObjectCommand as Get, S3 as Aggregated } from '@aws-sdk/client-s3';",
      "import * as s3 from '@aws-sdk/client-s3';",
      'const client = new Storage({});',
      'const agg = new Aggregated({});',
      "export const read = (key: string) => client.send(new Get({ Bucket: 'files', Key: key }));",
      "export const write = () => client.send(new s3.PutObjectCommand({ Bucket: process.env.FILES_BUCKET, Key: 'k' }));",
      "export const list = () => s3.paginateListObjectsV2({ client }, { Bucket: 'files' });",
      "export const drop = () => agg.deleteObject({ Bucket: 'files', Key: 'k' });",
      "export const nsAgg = () => new s3.S3({}).headObject({ Bucket: 'files', Key: 'k' });",
      '',
    ].join('\n');
    expect(ops('files.ts', text)).toEqual([
      '5 s3:GetObject {"Bucket":{"kind":"literal","value":"files"},"Key":{"kind":"unknown"}}',
      '6 s3:PutObject {"Bucket":{"kind":"env","name":"FILES_BUCKET"},"Key":{"kind":"literal","value":"k"}}',
      '7 s3:ListObjectsV2 {"Bucket":{"kind":"literal","value":"files"}}',
      '8 s3:DeleteObject {"Bucket":{"kind":"literal","value":"files"},"Key":{"kind":"literal","value":"k"}}',
      '9 s3:HeadObject {"Bucket":{"kind":"literal","value":"files"},"Key":{"kind":"literal","value":"k"}}',
    ]);
  });

  it('follows clients injected through typed constructor parameters, fields and function parameters', () => {
    const text = [
      "import { S3 } from '@aws-sdk/client-s3';",
      "import type { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';",
      "import AWS from 'aws-sdk';",
      'export class FilesRepository {',
      '  private readonly queue: AWS.SQS;',
      '  constructor(private readonly s3: S3, private readonly docs: DynamoDBDocument, queue: AWS.SQS) {',
      '    this.queue = queue;',
      '  }',
      "  get(key: string) { return this.s3.getObject({ Bucket: 'files', Key: key }); }",
      '  save(item: object) { return this.docs.put({ TableName: process.env.FILES_TABLE, Item: item }); }',
      "  notify() { return this.queue.sendMessage({ QueueUrl: process.env.QUEUE_URL!, MessageBody: '' }).promise(); }",
      '}',
      "export function purge(client: AWS.DynamoDB.DocumentClient) { return client.delete({ TableName: 'sessions', Key: {} }).promise(); }",
      "export function untyped(client: unknown) { return (client as any).getObject({ Bucket: 'x' }); }",
      '',
    ].join('\n');
    expect(ops('repo.ts', text)).toEqual([
      '9 s3:GetObject {"Bucket":{"kind":"literal","value":"files"},"Key":{"kind":"unknown"}}',
      '10 dynamodb:PutItem {"TableName":{"kind":"env","name":"FILES_TABLE"},"Item":{"kind":"unknown"}}',
      '11 sqs:SendMessage {"QueueUrl":{"kind":"env","name":"QUEUE_URL"},"MessageBody":{"kind":"literal","value":""}}',
      '13 dynamodb:DeleteItem {"TableName":{"kind":"literal","value":"sessions"},"Key":{"kind":"unknown"}}',
    ]);
  });

  it('follows clients passed to same-file functions and constructors, and not when calls disagree', () => {
    const text = [
      "const AWS = require('aws-sdk');",
      "function listFiles(s3) { return s3.listObjectsV2({ Bucket: 'files' }).promise(); }",
      'class Repository {',
      '  constructor(db) { this.db = db; }',
      "  get(id) { return this.db.get({ TableName: 'items', Key: { id } }).promise(); }",
      '}',
      "function mixed(client) { return client.describe({ Name: 'x' }); }",
      'function relay(c) { return listFiles(c); }',
      'const repository = new Repository(new AWS.DynamoDB.DocumentClient());',
      'const s3 = new AWS.S3();',
      'listFiles(s3);',
      'relay(s3);',
      'mixed(s3);',
      'mixed(new AWS.SQS());',
      'module.exports = { repository };',
      '',
    ].join('\n');
    expect(ops('repo.js', text)).toEqual([
      '2 s3:ListObjectsV2 {"Bucket":{"kind":"literal","value":"files"}}',
      '5 dynamodb:GetItem {"TableName":{"kind":"literal","value":"items"},"Key":{"kind":"unknown"}}',
    ]);
    expect(scanSdkCalls('repo.js', text).unresolved).toEqual([
      { line: 7, column: 33, text: 'client.describe(...)', reason: 'client is passed different AWS clients (or other values) where it is called' },
    ]);
  });

  it('reports a call whose client is not statically clear, naming it, and grants nothing for it', async () => {
    const files: Record<string, string> = {
      'lambda/http/getItems.js': "const { list } = require('../../src/items');\nexports.handler = list;\n",
      'src/items.js': [
        "const AWS = require('aws-sdk');",
        "function read(client) { return client.getItem({ TableName: 'items', Key: {} }).promise(); }",
        'exports.list = () => read(new AWS.DynamoDB());',
        "exports.other = () => read({ getItem: () => ({ promise: async () => ({}) }) });",
        '',
      ].join('\n'),
    };
    const read = (rel: string) => files[rel] ?? null;
    const diagnostics: Diagnostic[] = [];
    const permissions = await inferPermissions(['lambda/http/getItems.js'], read, new EnvScanner(read), diagnostics);
    expect(permissions.get('lambda/http/getItems.js')!.statements).toEqual([]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      'src/items.js:2:32 iam/unresolved-client client.getItem(...): client is passed different AWS clients (or other values) where it is called, so its AWS client and IAM action are not statically clear; add its permission by hand',
    ]);
  });
});
