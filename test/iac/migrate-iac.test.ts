/**
 * `migrate` with IaC on copies of the example services: serverless.yml by default, SAM when a
 * template exists or with `--iac sam`, nothing with `--iac none`; every SAM template valid;
 * re-runs leave the files byte-identical and keep what users added.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate, type MigrateOptions } from '../../src/migrate/migrate';
import { copyTree } from '../helpers/tmp-project';
import { samErrors } from './sam-schema';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const examples = fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'package.json')));

async function migrateAndWrite(root: string, options: Partial<MigrateOptions> = {}) {
  const result = await migrate({ root, ...options });
  await applyChangeSet(result.changes, { force: true });
  return result;
}

const read = (root: string, file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe.each(examples)('%s', (example) => {
  it('gets a serverless.yml with one function per generated module, unchanged by a second run', async () => {
    const root = copyTree(path.join(EXAMPLES, example));
    const first = await migrateAndWrite(root);
    const text = read(root, 'serverless.yml');
    const doc = parse(text);
    const modules = [...new Set(first.functions.map((f) => f.module))];
    expect(modules.length).toBeGreaterThan(0);
    expect(Object.keys(doc.functions)).toHaveLength(modules.length);
    for (const fn of Object.values(doc.functions) as Array<{ handler: string }>) {
      const module = modules.find((m) => m.replace(/\.[^.]+$/, '') === fn.handler.replace(/\.handler$/, ''));
      expect(module).toBeDefined();
    }
    const second = await migrate({ root });
    expect(second.changes.get('serverless.yml')?.status).toBe('unchanged');
    expect(first.diagnostics.filter((d) => d.code?.startsWith('iac/'))).toEqual([]);
  });

  it('gets a valid SAM template with --iac sam, unchanged by a second run', async () => {
    const root = copyTree(path.join(EXAMPLES, example));
    await migrateAndWrite(root, { iac: 'sam' });
    const text = read(root, 'template.yaml');
    expect(samErrors(text)).toEqual([]);
    expect(fs.existsSync(path.join(root, 'serverless.yml'))).toBe(false);
    // A template now exists, so the default is SAM.
    const second = await migrate({ root });
    expect(second.changes.get('template.yaml')?.status).toBe('unchanged');
    expect(second.changes.has('serverless.yml')).toBe(false);
  });
});

describe('user edits to serverless.yml', () => {
  it('a comment, a hand-added function and a plugin survive a re-run', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    await migrateAndWrite(root);
    const edited = read(root, 'serverless.yml')
      .replace('plugins:\n', '# local emulation for the team\nplugins:\n')
      .replace('  - serverless-esbuild\n', '  - serverless-esbuild\n  - serverless-offline\n')
      .replace('functions:\n', 'functions:\n  # nightly export, written by hand\n  exportBooks:\n    handler: scripts/export.handler\n    timeout: 300\n');
    fs.writeFileSync(path.join(root, 'serverless.yml'), edited);
    const again = await migrate({ root });
    expect(again.changes.get('serverless.yml')?.status).toBe('unchanged');
    // A route that disappears is removed; the user's function, comment and plugin stay.
    fs.writeFileSync(path.join(root, 'app.js'), read(root, 'app.js').replace(/app\.get\('\/catalog'[^\n]*\n/, ''));
    const fewer = await migrate({ root });
    const text = fewer.changes.get('serverless.yml')!.after!;
    expect(text).not.toContain('getCatalog');
    expect(text).toContain('# local emulation for the team\nplugins:\n  - serverless-esbuild\n  - serverless-offline\n');
    expect(text).toContain('  # nightly export, written by hand\n  exportBooks:\n    handler: scripts/export.handler\n    timeout: 300\n');
  });
});

describe('options and configuration', () => {
  it('--iac none writes no IaC; --api rest writes http events; --runtime is used', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-ts-service'));
    const none = await migrate({ root, iac: 'none' });
    expect(none.changes.entries().map((c) => c.path).filter((p) => /serverless|template/.test(p))).toEqual([]);
    const rest = await migrate({ root, api: 'rest', runtime: 'nodejs22.x' });
    const doc = parse(rest.changes.get('serverless.yml')!.after!);
    expect(doc.provider.runtime).toBe('nodejs22.x');
    expect(Object.values(doc.functions).every((f) => (f as { events: Array<Record<string, unknown>> }).events.every((e) => 'http' in e))).toBe(true);
  });

  it('rejects a runtime that is not Node.js', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-ts-service'));
    await expect(migrate({ root, runtime: 'python3.12' })).rejects.toThrow(/--runtime/);
  });

  it('takes memory and timeout from lambdashift.config.json and reports unknown function names', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    fs.writeFileSync(
      path.join(root, 'lambdashift.config.json'),
      JSON.stringify({ defaults: { memorySize: 256 }, functions: { getBooksByIdCoverPng: { memorySize: 1024, timeout: 20 }, nope: { timeout: 3 } } }),
    );
    const result = await migrate({ root });
    const doc = parse(result.changes.get('serverless.yml')!.after!);
    expect(doc.functions.getBooksByIdCoverPng).toMatchObject({ timeout: 20 });
    // 1024 MB is the provider's default, so the function does not repeat it.
    expect(doc.functions.getBooksByIdCoverPng.memorySize).toBeUndefined();
    expect(doc.functions.getBooks).toMatchObject({ memorySize: 256 });
    expect(doc.functions.getBooks.timeout).toBeUndefined(); // 29 s: the provider's
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'lambdashift.config.json', message: 'functions.nope names no generated function' }));
  });

  it('reads lambdashift.config.ts (default export) when there is no JSON config', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    fs.writeFileSync(
      path.join(root, 'lambdashift.config.ts'),
      `interface Settings { memorySize?: number; timeout?: number }
const defaults: Settings = { memorySize: 512 };
export default { defaults, functions: { getBooks: { timeout: 15 }, ghost: { timeout: 2 } } };
`,
    );
    const result = await migrate({ root });
    const doc = parse(result.changes.get('serverless.yml')!.after!);
    expect(doc.functions.getBooks).toMatchObject({ memorySize: 512, timeout: 15 });
    expect(doc.functions.getBooksById).toMatchObject({ memorySize: 512 });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'lambdashift.config.ts', message: 'functions.ghost names no generated function' }));
  });

  it('reports a lambdashift.config.ts that imports other modules, and ignores it', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    fs.writeFileSync(path.join(root, 'lambdashift.config.ts'), `import { x } from './elsewhere';
export default { defaults: x };
`);
    const result = await migrate({ root });
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'lambdashift.config.ts', message: expect.stringMatching(/may not import modules/) }));
  });

  it('adds a HEAD route beside each GET route (Express answers HEAD; API Gateway routes it only when declared)', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    const doc = parse((await migrate({ root })).changes.get('serverless.yml')!.after!);
    expect(doc.functions.getBooks.events).toEqual([{ httpApi: { method: 'GET', path: '/books' } }, { httpApi: { method: 'HEAD', path: '/books' } }]);
    expect(doc.functions.allPing.events).toEqual([{ httpApi: { method: 'ANY', path: '/ping' } }]);
  });

  it('declares the environment variables each function reaches', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    const doc = parse((await migrate({ root })).changes.get('serverless.yml')!.after!);
    expect(doc.functions.getMe.environment).toHaveProperty('SESSION_SECRET', '${env:SESSION_SECRET, null}');
  });

  it('reports a serverless.yml it cannot parse as a failed file and leaves it alone', async () => {
    const root = copyTree(path.join(EXAMPLES, 'express-cjs-service'));
    fs.writeFileSync(path.join(root, 'serverless.yml'), 'functions: [oops\n');
    const result = await migrate({ root });
    expect(result.changes.get('serverless.yml')).toMatchObject({ status: 'failed', after: 'functions: [oops\n' });
  });
});
