import { parse } from 'yaml';
import { renderServerless, type IacOptions } from '../../src/emit/iac';
import { spec } from './fixtures';

const HTTP: IacOptions = { format: 'serverless', api: 'http', runtime: 'nodejs24.x' };
const target = { serviceName: 'books', outDir: 'lambda', moduleSystem: 'cjs' as const };

describe('renderServerless: a new serverless.yml', () => {
  const specs = [
    spec({ name: 'getBooksById', http: [{ method: 'GET', path: '/books/{id}' }], environment: ['DB_URL'], memorySize: 512, timeout: 30 }),
    spec({ name: 'allPing', http: [{ method: 'ANY', path: '/ping' }] }),
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
  const text = renderServerless(null, specs, HTTP, target).text;
  const doc = parse(text);

  it('declares the provider, runtime and esbuild bundling', () => {
    expect(doc.service).toBe('books');
    expect(doc.provider).toEqual({
      name: 'aws',
      runtime: 'nodejs24.x',
      stage: "${opt:stage, 'dev'}",
      region: "${opt:region, env:AWS_REGION, 'us-east-1'}",
      memorySize: 1024,
      timeout: 29,
      logRetentionInDays: 30,
    });
    expect(doc.plugins).toEqual(['serverless-esbuild']);
    expect(doc.custom.esbuild).toMatchObject({ bundle: true, platform: 'node', target: 'node24', format: 'cjs' });
    expect(doc.package).toEqual({ individually: true });
  });

  it('points handlers at the generated source module and maps routes to httpApi events', () => {
    expect(doc.functions.getBooksById).toEqual({
      handler: 'lambda/http/getBooksById.handler',
      memorySize: 512,
      timeout: 30,
      environment: { DB_URL: '${env:DB_URL, null}' },
      events: [{ httpApi: { method: 'GET', path: '/books/{id}' } }],
    });
    expect(doc.functions.allPing.events).toEqual([{ httpApi: { method: 'ANY', path: '/ping' } }]);
  });

  it('uses EventBridge Scheduler only where a timezone is needed, one event per expression', () => {
    expect(doc.functions.nightly).toEqual({
      handler: 'lambda/jobs/nightly.handler',
      reservedConcurrency: 1,
      events: [{ schedule: { method: 'scheduler', rate: ['cron(0 3 * * ? *)'], timezone: 'Europe/Paris' } }],
    });
    expect(doc.functions.split.events).toEqual([{ schedule: { rate: ['cron(0 0 1 * ? *)'] } }, { schedule: { rate: ['cron(0 0 ? * 2 *)'] } }]);
  });

  it('marks every managed function with a comment', () => {
    expect(text).toContain('  # managed by lambdashift: GET /getBooksById\n  getBooksById:\n');
    expect(text.match(/# managed by lambdashift/g)).toHaveLength(4);
  });

  it('is byte-identical when rendered again over its own output', () => {
    expect(renderServerless(text, specs, HTTP, target).text).toBe(text);
  });

  it('writes REST `http` events with --api rest', () => {
    const rest = parse(renderServerless(null, specs, { ...HTTP, api: 'rest' }, target).text);
    expect(rest.functions.getBooksById.events).toEqual([{ http: { method: 'GET', path: '/books/{id}' } }]);
    expect(rest.functions.allPing.events).toEqual([{ http: { method: 'ANY', path: '/ping' } }]);
  });

  it('bundles ESM targets as .mjs with a require shim', () => {
    const esm = parse(renderServerless(null, specs, HTTP, { ...target, moduleSystem: 'esm' }).text);
    expect(esm.custom.esbuild).toMatchObject({ format: 'esm', outputFileExtension: '.mjs' });
    expect(esm.custom.esbuild.banner.js).toContain('createRequire(import.meta.url)');
  });
});

describe('renderServerless: editing an existing serverless.yml', () => {
  const existing = [
    '# Team-owned service file',
    'service: bookshelf',
    '',
    'provider:',
    '  name: aws',
    '  runtime: nodejs18.x # pinned until the upgrade',
    '  region: eu-west-1',
    '',
    'plugins:',
    '- serverless-offline',
    '',
    'functions:',
    '  # hand-written: keep me',
    '  legacyReport:',
    '    handler: src/report.handler',
    '    events:',
    '    - schedule: rate(1 day)',
    '  # managed by lambdashift: GET /gone (src/app.ts:9:1)',
    '  getGone:',
    '    handler: lambda/http/getGone.handler',
    '    events:',
    '    - httpApi:',
    '        method: GET',
    '        path: /gone',
    '',
    'resources:',
    '  Resources:',
    '    Bucket:',
    '      Type: AWS::S3::Bucket',
    '      Properties:',
    '        BucketName: !Sub "${AWS::StackName}-covers"',
    '',
  ].join('\n');
  const specs = [spec({ name: 'getBooks' })];
  const out = renderServerless(existing, specs, HTTP, target).text;
  const doc = parse(out, { customTags: [{ tag: '!Sub', resolve: (s: string) => ({ sub: s }) }] });

  it('keeps user functions, plugins, resources, tags and comments', () => {
    expect(out).toContain('# Team-owned service file\n');
    expect(out).toContain('  # hand-written: keep me\n  legacyReport:\n    handler: src/report.handler\n');
    expect(out).toContain('runtime: nodejs18.x # pinned until the upgrade');
    expect(out).toContain('BucketName: !Sub "${AWS::StackName}-covers"');
    expect(doc.plugins).toEqual(['serverless-offline', 'serverless-esbuild']);
    expect(doc.provider.region).toBe('eu-west-1');
  });

  it('keeps the file’s flush sequence style', () => {
    expect(out).toContain('plugins:\n- serverless-offline\n- serverless-esbuild\n');
  });

  it('removes managed functions the plan no longer has and adds new ones', () => {
    expect(doc.functions.getGone).toBeUndefined();
    expect(Object.keys(doc.functions)).toEqual(['legacyReport', 'getBooks']);
  });

  it('sets the runtime per function when the provider pins another one', () => {
    expect(doc.functions.getBooks.runtime).toBe('nodejs24.x');
  });

  it('changes nothing on a second run', () => {
    expect(renderServerless(out, specs, HTTP, target).text).toBe(out);
  });

  it('returns the original bytes when nothing needs to change', () => {
    const odd = out.replace('service: bookshelf', "service:   'bookshelf'   # odd spacing");
    expect(renderServerless(odd, specs, HTTP, target).text).toBe(odd);
  });

  it('refuses to take over a user function of the same name', () => {
    const clash = renderServerless(existing, [spec({ name: 'legacyReport' })], HTTP, target);
    expect(clash.warnings).toEqual([expect.stringContaining('legacyReport already exists and is not managed by lambdashift')]);
    expect(parse(clash.text, { customTags: [{ tag: '!Sub', resolve: (s: string) => s }] }).functions.legacyReport.handler).toBe('src/report.handler');
  });

  it('leaves bundling alone when the file already uses a bundler plugin', () => {
    const webpack = existing.replace('- serverless-offline', '- serverless-webpack');
    const res = parse(renderServerless(webpack, specs, HTTP, target).text, { customTags: [{ tag: '!Sub', resolve: (s: string) => s }] });
    expect(res.plugins).toEqual(['serverless-webpack']);
    expect(res.custom).toBeUndefined();
  });

  it('throws on a file that is not YAML', () => {
    expect(() => renderServerless('functions: [unclosed\n', specs, HTTP, target)).toThrow();
  });
});
