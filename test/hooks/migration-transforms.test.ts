import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import type { MigrationTransform } from '../../src/hooks/migration-transform';
import { TransformHookError } from '../../src/hooks/run-hooks';
import { migrate } from '../../src/migrate/migrate';
import { TransformLoadError } from '../../src/runner/load-transform';
import { runCli } from '../cli/capture';
import { writeProject } from '../helpers/tmp-project';

/** An Express service with an inline handler, a named one, a health route and a node-cron job. */
function service(extra: Record<string, string> = {}): string {
  return writeProject({
    'package.json': '{"name":"orders","dependencies":{"express":"^4.21.0","node-cron":"^4.0.0"}}\n',
    'app.js': `const express = require('express');
const cron = require('node-cron');
const app = express();
function listOrders(req, res) { res.json([]); }
function purge() {}
app.get('/orders', listOrders);
app.post('/orders', (req, res) => { res.status(201).json({}); });
app.get('/health', (req, res) => { res.send('ok'); });
cron.schedule('0 3 * * *', purge);
app.listen(3000);
module.exports = { app, listOrders, purge };
`,
    ...extra,
  });
}

const byName = (t: MigrationTransform<any>): MigrationTransform<any> => t;

describe('functions hook: rename and skip', () => {
  it('renames functions and their modules; serverless.yml and the report follow', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none',
      root,
      transforms: [byName({ name: 'naming', functions: (fn) => fn.rename(`orders-${fn.name}`) })],
    });
    expect(result.functions.map((f) => `${f.name} ${f.module}`).sort()).toEqual([
      'orders-getHealth lambda/http/orders-getHealth.js',
      'orders-getOrders lambda/http/orders-getOrders.js',
      'orders-postOrders lambda/http/orders-postOrders.js',
      'orders-purge lambda/jobs/orders-purge.js',
    ]);
    const yml = result.changes.get('serverless.yml')!.after!;
    expect(yml).toContain('  orders-getOrders:\n');
    expect(yml).toContain('handler: lambda/http/orders-getOrders.handler');
    expect(yml).not.toMatch(/^ {2}getOrders:/m);
    // The removed schedule names the renamed module, so a later run finds it.
    expect(result.changes.get('app.js')!.after).toContain('now runs as the Lambda function lambda/jobs/orders-purge.js');
  });

  it('a module name apart from the function name; a second run over the written result changes nothing', async () => {
    const root = service();
    const transforms = [byName({ name: 'naming', functions: (fn) => fn.rename(`svc-${fn.name}`, { module: `m_${fn.name}` }) })];
    const first = await migrate({ fallback: 'none', root, transforms });
    expect(first.functions.find((f) => f.name === 'svc-purge')!.module).toBe('lambda/jobs/m_purge.js');
    await applyChangeSet(first.changes, { force: true });
    const again = await migrate({ fallback: 'none', root, transforms });
    expect(again.changes.pending().map((c) => c.path)).toEqual([]);
    // The job an earlier run migrated keeps the transform's name (read from its metadata).
    expect(again.functions.find((f) => f.kind === 'schedule')).toMatchObject({ name: 'svc-purge', module: 'lambda/jobs/m_purge.js' });
    expect(again.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('reports invalid and clashing names and keeps the old ones', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none',
      root,
      transforms: [
        byName({
          name: 'bad-names',
          functions: (fn) => {
            if (fn.name === 'getOrders') fn.rename('get orders!');
            if (fn.name === 'postOrders') fn.rename('getHealth');
            if (fn.name === 'purge') fn.rename('ok', { module: '../escape' });
          },
        }),
      ],
    });
    expect(result.functions.map((f) => f.name).sort()).toEqual(['getHealth', 'getOrders', 'postOrders', 'purge']);
    const errors = result.diagnostics.filter((d) => d.code === 'transform/invalid-rename').map((d) => `${d.file}:${d.line} ${d.message}`);
    expect(errors).toEqual([
      'app.js:6 bad-names cannot rename getOrders: "get orders!" is not a valid function name (a letter, then letters, digits, - or _); the name is kept',
      'app.js:7 bad-names cannot rename postOrders: getHealth is already the name of the function at app.js:8:1; the name is kept',
      'app.js:9 bad-names cannot rename purge: "../escape" is not a valid module file name; the name is kept',
    ]);
  });

  it('a name whose SAM logical id another function already has is refused', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none', root, transforms: [byName({ name: 'ids', functions: (fn) => {
        if (fn.name === 'postOrders') fn.rename('get-orders');
      } })] });
    expect(result.diagnostics.find((d) => d.code === 'transform/invalid-rename')!.message).toBe(
      'ids cannot rename postOrders: get-orders and getOrders would share the SAM logical id GetOrdersFunction; the name is kept',
    );
  });

  it('on the command line an invalid rename is an error: exit 1 and nothing is written', async () => {
    const root = service({ 'bad.ts': "export default { name: 'bad', functions(fn: { rename(n: string): void }) { fn.rename('no spaces allowed'); } };\n" });
    const before = fs.readFileSync(path.join(root, 'app.js'), 'utf8');
    const run = await runCli(['migrate', '.', '--fallback', 'none', '--write', '--force', '-t', './bad.ts'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lambdashift: nothing written: 4 errors reported; fix them and run again');
    expect(fs.readFileSync(path.join(root, 'app.js'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(root, 'lambda'))).toBe(false);
    const dry = await runCli(['migrate', '.', '--fallback', 'none', '-t', './bad.ts'], { cwd: root });
    expect(dry.code).toBe(1);
  });

  it('renameProblem lets a transform find a free name instead of failing', async () => {
    const root = service();
    const problems: Array<string | null> = [];
    const result = await migrate({ fallback: 'none',
      root,
      transforms: [
        byName({
          name: 'same',
          functions: (fn) => {
            problems.push(fn.renameProblem('bad name'));
            let name = 'api';
            for (let i = 2; fn.renameProblem(name) !== null; i++) name = `api-${i}`;
            fn.rename(name);
          },
        }),
      ],
    });
    expect(result.functions.map((f) => f.name).sort()).toEqual(['api', 'api-2', 'api-3', 'api-4']);
    expect(problems[0]).toBe('"bad name" is not a valid function name (a letter, then letters, digits, - or _)');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a module name differing only in case from another is refused', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none', root, transforms: [byName({ name: 'case', functions: (fn) => {
        if (fn.name === 'postOrders') fn.rename('x', { module: 'GETORDERS' });
      } })] });
    expect(result.diagnostics.find((d) => d.code === 'transform/invalid-rename')!.message).toMatch(/module GETORDERS is already taken by getOrders/);
  });

  it('a skipped route stays on the old service: its inline handler is not extracted, no module, no IaC', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none',
      root,
      transforms: [byName({ name: 'keep', functions: (fn) => {
        if (fn.routes.some((r) => r.path === '/health')) fn.skip('load balancer checks hit the old host');
      } })],
    });
    expect(result.functions.map((f) => f.name).sort()).toEqual(['getOrders', 'postOrders', 'purge']);
    const app = result.changes.get('app.js')!.after!;
    expect(app).toContain("app.get('/health', (req, res) => { res.send('ok'); });");
    expect(app).toContain('app.post(\'/orders\', postOrdersHandler);');
    expect(result.changes.get('lambda/http/getHealth.js')).toBeUndefined();
    expect(result.changes.get('serverless.yml')!.after).not.toContain('getHealth');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'transform/skipped', file: 'app.js', line: 8, message: 'getHealth stays on the old service: load balancer checks hit the old host (keep)' }),
    );
  });

  it('a skipped job keeps its in-process schedule', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none', root, transforms: [byName({ name: 'keep-jobs', functions: (fn) => {
        if (fn.kind === 'schedule') fn.skip('runs on the old host');
      } })] });
    const app = result.changes.get('app.js')!.after!;
    expect(app).toContain("cron.schedule('0 3 * * *', purge);");
    expect(result.functions.some((f) => f.kind === 'schedule')).toBe(false);
  });

  it('skipping every function leaves the source untouched (no listen guard needed)', async () => {
    const root = service();
    const result = await migrate({ fallback: 'none', root, transforms: [byName({ name: 'none', functions: (fn) => fn.skip('not yet') })] });
    expect(result.changes.pending()).toEqual([]);
  });

  it('transforms run in order, each seeing the previous one\u2019s names', async () => {
    const root = service();
    const seen: string[] = [];
    const result = await migrate({ fallback: 'none',
      root,
      transforms: [
        byName({ name: 'a', functions: (fn) => fn.rename(`a-${fn.name}`) }),
        byName({ name: 'b', functions: (fn) => { seen.push(fn.name); fn.rename(`b-${fn.name}`); } }),
      ],
    });
    expect(seen.sort()).toEqual(['a-getHealth', 'a-getOrders', 'a-postOrders', 'a-purge']);
    expect(result.functions.map((f) => f.name)).toContain('b-a-getOrders');
  });
});

describe('module hook', () => {
  it('changes the generated module; jscodeshift comes with the right parser', async () => {
    const root = service();
    const result = await migrate({
      root,
      transforms: [
        byName({
          name: 'strict-mode-note',
          module: (mod) => {
            const root2 = mod.j(mod.source);
            root2.find(mod.j.Identifier, { name: 'createExpressHandler' }).forEach(() => undefined);
            return `${mod.source}// ${mod.function.kind} ${mod.function.name} (${mod.language}, ${mod.moduleSystem})\n`;
          },
        }),
      ],
    });
    expect(result.changes.get('lambda/http/getOrders.js')!.after).toMatch(/\/\/ http getOrders \(js, cjs\)\n$/);
    expect(result.changes.get('lambda/jobs/purge.js')!.after).toMatch(/\/\/ schedule purge \(js, cjs\)\n$/);
  });

  it('refuses a change that drops the generated header or edits job metadata, and says so', async () => {
    const root = service();
    const result = await migrate({
      root,
      transforms: [
        byName({
          name: 'careless',
          module: (mod) => (mod.function.kind === 'http' ? mod.source.split('\n').slice(2).join('\n') : mod.source.replace('"library":"node-cron"', '"library":"cron"')),
        }),
      ],
    });
    expect(result.changes.get('lambda/http/getOrders.js')!.after).toMatch(/^\/\/ Generated by lambdashift/);
    expect(result.changes.get('lambda/jobs/purge.js')!.after).toContain('"library":"node-cron"');
    const messages = result.diagnostics.filter((d) => d.code === 'transform/invalid-module').map((d) => `${d.file} ${d.message}`);
    expect(messages).toContain('lambda/http/getOrders.js careless removed the "Generated by lambdashift" header; later runs would not recognise the module, so its change is ignored');
    expect(messages).toContain('lambda/jobs/purge.js careless changed the lambdashift-job metadata line; later runs read the job from it, so its change is ignored');
  });

  it('addDependency edits package.json once, keeping what is there', async () => {
    const root = service();
    const result = await migrate({
      root,
      transforms: [byName({ name: 'deps', module: (_m, ctx) => { ctx.addDependency('pino', '^9.0.0'); ctx.addDependency('express', '^5.0.0'); } })],
    });
    const pkg = JSON.parse(result.changes.get('package.json')!.after!);
    expect(pkg.dependencies).toMatchObject({ pino: '^9.0.0', express: '^4.21.0' });
  });
});

describe('iac hook', () => {
  const settings = byName({
    name: 'platform',
    iac: (fn) => (fn.kind === 'http' ? { memorySize: 512, environment: { LOG_LEVEL: 'info' }, layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:otel:3'], tags: { team: 'orders' } } : { timeout: 300 }),
  });

  it('adds settings to serverless.yml', async () => {
    const root = service();
    const result = await migrate({ root, transforms: [settings] });
    const yml = result.changes.get('serverless.yml')!.after!;
    const block = yml.slice(yml.indexOf('  getOrders:'), yml.indexOf('  getOrders:') + 400);
    expect(block).toContain('memorySize: 512');
    expect(block).toContain('LOG_LEVEL: info');
    expect(block).toContain('- arn:aws:lambda:eu-west-1:123456789012:layer:otel:3');
    expect(block).toContain('team: orders');
    const job = yml.slice(yml.indexOf('  purge:'));
    expect(job).toContain('timeout: 300');
  });

  it('adds settings to a SAM template', async () => {
    const root = service();
    const result = await migrate({ root, iac: 'sam', transforms: [settings] });
    const yml = result.changes.get('template.yaml')!.after!;
    expect(yml).toContain('MemorySize: 512');
    expect(yml).toContain('LOG_LEVEL: info');
    expect(yml).toContain('Layers:');
    expect(yml).toContain('team: orders');
  });

  it('a literal value wins over the variable the code reads', async () => {
    const root = service({ 'app.js': fs.readFileSync(path.join(service(), 'app.js'), 'utf8').replace('function listOrders(req, res) { res.json([]); }', 'function listOrders(req, res) { res.json([process.env.LOG_LEVEL]); }') });
    const result = await migrate({ root, transforms: [settings] });
    const yml = result.changes.get('serverless.yml')!.after!;
    const block = yml.slice(yml.indexOf('  getOrders:'), yml.indexOf('  postOrders:'));
    expect(block).toContain('LOG_LEVEL: info');
    expect(block).not.toContain('${env:LOG_LEVEL');
    // The job gets no literal, so it keeps the deployer's value.
    expect(yml.slice(yml.indexOf('  purge:'))).toContain('LOG_LEVEL: ${env:LOG_LEVEL, null}');
  });

  it('reports invalid settings and keeps the valid ones', async () => {
    const root = service();
    const result = await migrate({ root, transforms: [byName({ name: 'sloppy', iac: () => ({ memorySize: 64, timeout: 30, region: 'x' } as never) })] });
    const messages = result.diagnostics.filter((d) => d.code === 'transform/invalid-iac').map((d) => d.message);
    expect(messages).toContain('sloppy gave getOrders memorySize 64 (a whole number from 128 to 10240); ignored');
    expect(messages).toContain('sloppy gave getOrders the unknown setting region (memorySize, timeout, environment, layers, tags); ignored');
    expect(result.changes.get('serverless.yml')!.after).toContain('timeout: 30');
  });
});

describe('reporting and failures', () => {
  it('ctx.report adds diagnostics at the function, or where asked', async () => {
    const root = service();
    const result = await migrate({
      root,
      transforms: [byName({ name: 'audit', functions: (fn, ctx) => {
        if (fn.name === 'postOrders') ctx.report('writes need an idempotency key');
      } })],
    });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', file: 'app.js', line: 7, message: 'writes need an idempotency key (audit)', code: 'transform/audit' }));
  });

  it('a hook that throws stops the run with a message naming the transform, hook and function', async () => {
    const root = service();
    await expect(migrate({ root, transforms: [byName({ name: 'boom', module: (m) => { if (m.function.name === 'getOrders') throw new Error('no logger config'); } })] })).rejects.toThrow(
      new TransformHookError('transform boom failed in its module hook for lambda/http/getOrders.js: no logger config'),
    );
  });

  it('on the command line: a throwing hook exits 1 and writes nothing; a bad module exits 2', async () => {
    const root = service({
      'boom.ts': "type Fn = { name: string };\nexport default {\n  name: 'boom',\n  functions(fn: Fn) {\n    if (fn.name) throw new Error('kaput');\n  },\n};\n",
      'jscs.js': 'module.exports = function transform(file) { return file.source; };\n',
    });
    const before = fs.readFileSync(path.join(root, 'app.js'), 'utf8');
    const run = await runCli(['migrate', '.', '--write', '--force', '--transform', './boom.ts'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^lambdashift: transform boom failed in its functions hook for getOrders \(app\.js:6:1\): kaput\n/);
    expect(run.stderr).toMatch(/at .*boom\.ts:\d+:\d+/);
    // The frame names the line of the TypeScript the author wrote (source maps), not the
    // compiled one; jest replaces Node's stack formatting, so this runs the built CLI.
    const child = spawnSync(process.execPath, [path.join(__dirname, '../../bin/lambdashift.js'), 'migrate', '.', '-t', './boom.ts'], { cwd: root, encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/at Object\.functions \(.*boom\.ts:5:\d+\)/);
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(path.join(root, 'app.js'), 'utf8')).toBe(before);
    expect(fs.existsSync(path.join(root, 'lambda'))).toBe(false);

    const bad = await runCli(['migrate', '.', '-t', './jscs.js'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/jscs\.js exports a function: that is a jscodeshift transform, which `lambdashift run -t` runs/);
    const missing = await runCli(['migrate', '.', '-t', './nope.ts'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/transform not found: \.\/nope\.ts/);
  });

  it('checks the shape of a transform object', async () => {
    const root = service();
    await expect(migrate({ root, transforms: [{ functions() {} } as never] })).rejects.toThrow(TransformLoadError);
    await expect(migrate({ root, transforms: [{ name: 'x', modul() {} } as never] })).rejects.toThrow(/does not export a migration transform|unknown key modul/);
    await expect(migrate({ root, transforms: [{ name: 'x', module() {}, extra: 1 } as never] })).rejects.toThrow(/unknown key extra/);
  });
});

describe('where transforms come from', () => {
  const tagger = (tag: string) => `export default { name: '${tag}', module: (m: { source: string }, ctx: { options: { note?: string } }) => m.source + '// ${tag} ' + (ctx.options.note ?? '-') + '\\n' };\n`;

  it('lambdashift.config.json `transforms`, with options, run before --transform ones', async () => {
    const root = service({
      'transforms/first.ts': tagger('first'),
      'second.ts': tagger('second'),
      'lambdashift.config.json': JSON.stringify({ transforms: [['./transforms/first.ts', { note: 'from config' }]] }),
    });
    const run = await runCli(['migrate', '.', '--format', 'json', '-t', './second.ts'], { cwd: root });
    expect(run.code).toBe(0);
    const result = await migrate({ root, transforms: ['./second.ts'], cwd: root });
    expect(result.changes.get('lambda/http/getOrders.js')!.after).toMatch(/\/\/ first from config\n\/\/ second -\n$/);
  });

  it('lambdashift.config.ts lists transforms too', async () => {
    const root = service({ 't.ts': tagger('ts-config'), 'lambdashift.config.ts': "export default { transforms: ['./t.ts'] };\n" });
    const result = await migrate({ root });
    expect(result.changes.get('lambda/http/getOrders.js')!.after).toContain('// ts-config -');
  });

  it('--config names another config file; its transforms resolve from its directory', async () => {
    const root = service();
    const elsewhere = writeProject({ 'conf/lambdashift.config.json': JSON.stringify({ transforms: [['./tag.ts', { note: 'elsewhere' }]], defaults: { timeout: 12 } }), 'conf/tag.ts': tagger('other') });
    const run = await runCli(['migrate', root, '--config', path.join(elsewhere, 'conf/lambdashift.config.json')], { cwd: elsewhere });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+// other elsewhere');
    expect(run.stdout).toContain('+    timeout: 12');
    const missing = await runCli(['migrate', root, '--config', 'nope.json'], { cwd: elsewhere });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/config file not found/);
  });

  it('a malformed `transforms` entry is reported on the config file and ignored', async () => {
    const root = service({ 'lambdashift.config.json': JSON.stringify({ transforms: [42] }) });
    const result = await migrate({ root });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'lambdashift.config.json', message: 'lambdashift.config.json: transforms[0] must be a module path or a [path, options] pair; ignored' }));
  });
});
