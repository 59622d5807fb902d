/**
 * CDK variants the HTTP-API e2e app does not cover: REST API, `--iam stack`, ESM, arm64, a
 * split schedule with input, `--fallback proxy` (REST and HTTP API). test/iac/cdk.test.ts checks its text; test/e2e/cdk-synth.test.ts
 * compiles it under tsc --strict with the bookshop app (one tsc run for both).
 */
import type { IacOptions } from '../../src/emit/iac';
import type { IacTarget } from '../../src/emit/iac/serverless';
import { spec } from './fixtures';

export const REST: IacOptions = { format: 'cdk', api: 'rest', runtime: 'nodejs22.x', architecture: 'arm64', iam: 'stack' };
export const ESM: IacTarget = { serviceName: 'shop', outDir: 'lambda', moduleSystem: 'esm', deploy: { stage: 'prod', logRetentionInDays: 14, region: 'eu-west-1' } };
export const ESM_PROXY: IacTarget = { ...ESM, proxyUrl: 'https://old.example.com/v1' };
/** HTTP API with `--fallback proxy` (CommonJS). */
export const HTTP_PROXY: IacOptions = { format: 'cdk', api: 'http', runtime: 'nodejs24.x' };
export const CJS_PROXY: IacTarget = { serviceName: 'shop', outDir: 'lambda', moduleSystem: 'cjs', proxyUrl: 'https://old.example.com/v1' };
/** Files the code reads by path: functions bundled by the generated script into a code asset. */
const assets = { patterns: ['public/**', 'views/**'], packaged: [], modulePathFiles: ['src/app.ts'], modulePathPackages: [] };
export const ESM_ASSETS: IacTarget = { ...ESM, assets };
export const CJS_ASSETS: IacTarget = { serviceName: 'shop', outDir: 'lambda', moduleSystem: 'cjs', assets };

const table = { actions: ['dynamodb:GetItem'], resources: [['arn:', { pseudo: 'Partition' as const }, ':dynamodb:', { pseudo: 'Region' as const }, ':', { pseudo: 'Account' as const }, ':table/', { env: 'TABLE' }]] };
export const specs = [
  spec({ name: 'getItems', environment: ['TABLE'], permissions: { statements: [table], sources: [] }, http: [{ method: 'GET', path: '/items' }, { method: 'HEAD', path: '/items' }] }),
  spec({ name: 'postItems', permissions: { statements: [table], sources: [] }, http: [{ method: 'POST', path: '/items' }] }),
  spec({
    name: 'app',
    description: 'the whole app: every request no other function serves',
    http: [{ method: 'ANY', path: '$default' }, { method: 'ANY', path: '/items', restOnly: true }],
  }),
  spec({
    kind: 'schedule',
    name: 'digest',
    module: 'lambda/jobs/digest.ts',
    description: 'schedule 0 9 * * 1-5 in America/New_York',
    http: [],
    timeout: 300,
    reservedConcurrency: 1,
    schedules: [
      { expression: 'cron(0 9 ? * MON-FRI *)', timezone: 'America/New_York', input: { schedule: 0, time: '<aws.scheduler.scheduled-time>' } },
      { expression: 'cron(0 9 1 * ? *)', timezone: 'America/New_York', input: { schedule: 1, time: '<aws.scheduler.scheduled-time>' } },
    ],
  }),
];

/** With `--fallback proxy` there is no whole-app function. */
export const proxySpecs = specs.filter((s) => s.name !== 'app');
