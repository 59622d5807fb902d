import * as path from 'node:path';
import type { ChangeSet } from '../../src/changes/change-set';
import { discoverFiles } from '../../src/discover';
import { loadTransform } from '../../src/runner/load-transform';
import { runTransform, type RunTransformOptions } from '../../src/runner/run-transform';
import { makeTree, removeTree } from './temp-tree';

const transforms = path.join(__dirname, 'transforms');

async function run(dir: string, transform: string, extra: Partial<RunTransformOptions> = {}) {
  const files = await discoverFiles(dir, []);
  return runTransform({ root: dir, files, transform: loadTransform(transform, transforms), cwd: transforms, ...extra });
}

function snapshot(changes: ChangeSet) {
  return changes.entries();
}

describe('runTransform', () => {
  let dir: string;
  afterEach(() => removeTree(dir));

  it('transforms valid files and reports a file that does not parse, with its location', async () => {
    dir = makeTree({
      'bad.ts': 'const ok = 1;\nconst foo = (;\n',
      'good.ts': 'export const foo = 1;\n',
      'same.ts': 'export const baz = 2;\n',
    });
    const { result } = await run(dir, './rename-foo.ts', { inBand: true });
    const byPath = Object.fromEntries(result.changes.entries().map((e) => [e.path, e]));
    expect(byPath['good.ts']).toMatchObject({ status: 'modified', before: 'export const foo = 1;\n', after: 'export const bar = 1;\n' });
    expect(byPath['same.ts'].status).toBe('unchanged');
    expect(byPath['bad.ts'].status).toBe('failed');
    expect(byPath['bad.ts'].error).toEqual({ message: expect.stringMatching(/^Unexpected token/), line: 2, column: 14 });
    expect(result.command).toBe('run');
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it('reports an error thrown by the transform as a failed file and carries on', async () => {
    dir = makeTree({ 'a.js': 'foo();\n', 'b.js': 'foo();\n' });
    const { result } = await run(dir, './with-options.js', {
      inBand: true,
      transformOptions: {
        get to(): string {
          throw new Error('no target name');
        },
      },
    });
    expect(result.changes.counts()).toMatchObject({ failed: 2, modified: 0 });
    expect(result.changes.get('a.js')?.error).toEqual({ message: 'no target name' });
  });

  it('passes transform options through, with the parser in use', async () => {
    dir = makeTree({ 'a.js': 'foo();\n' });
    const { result } = await run(dir, './with-options.js', { inBand: true, transformOptions: { to: 'qux' } });
    expect(result.changes.get('a.js')?.after).toBe('qux();\n');
  });

  it("honours the transform's parser export, and --parser over it", async () => {
    dir = makeTree({ 'typed.js': 'const n: number = 1;\n' });
    const exported = await run(dir, './ts-parser-export.js', { inBand: true });
    expect(exported.result.changes.get('typed.js')?.after).toBe('const n: number = 1;\n// parsed with ts\n');
    const overridden = await run(dir, './ts-parser-export.js', { inBand: true, parserOverride: 'babel' });
    expect(overridden.result.changes.get('typed.js')?.status).toBe('failed');
  });

  it('turns api.report into diagnostics and sums api.stats', async () => {
    dir = makeTree({ 'b.js': 'x;\n', 'a.js': 'yy;\n' });
    const { result, stats } = await run(dir, './report-and-stats.js', { workers: 2 });
    expect(result.diagnostics).toEqual([
      { severity: 'info', message: 'saw a.js', file: 'a.js', line: 1, column: 1, code: 'transform/report' },
      { severity: 'info', message: 'saw b.js', file: 'b.js', line: 1, column: 1, code: 'transform/report' },
    ]);
    expect(stats).toEqual({ files: 2, chars: 7 });
    expect(result.changes.counts().unchanged).toBe(2);
  });

  it('gives identical results in worker threads and in band', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`src/m${String(i).padStart(2, '0')}.ts`] = `export const foo${i % 3 ? '' : 'x'} = ${i};\n`;
    files['src/broken.ts'] = 'const = ;\n';
    files['src/view.tsx'] = 'export const foo = <div>{foo}</div>;\n';
    dir = makeTree(files);
    const progress: number[] = [];
    const inBand = await run(dir, './rename-foo.ts', { inBand: true });
    const threaded = await run(dir, './rename-foo.ts', { workers: 3, onProgress: (done) => progress.push(done) });
    expect(snapshot(threaded.result.changes)).toEqual(snapshot(inBand.result.changes));
    expect(threaded.result.changes.counts()).toEqual({ created: 0, modified: 41, deleted: 0, unchanged: 20, failed: 1 });
    expect(progress[progress.length - 1]).toBe(62);
  });

  it('reports the files of a batch whose worker died as failed and finishes the others', async () => {
    const files: Record<string, string> = { 'crash.js': 'CRASH foo\n' };
    for (let i = 0; i < 30; i++) files[`ok${String(i).padStart(2, '0')}.js`] = 'foo\n';
    dir = makeTree(files);
    const { result } = await run(dir, './exits-on-crash-marker.js', { workers: 2 });
    const counts = result.changes.counts();
    expect(result.changes.get('crash.js')).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/worker .* crashed: exit code 7/) } });
    expect(counts.failed + counts.modified).toBe(31);
    expect(counts.modified).toBeGreaterThan(0);
  });

  it('returns an empty result for no files', async () => {
    dir = makeTree({});
    const { result } = await run(dir, './rename-foo.ts');
    expect(result.changes.entries()).toEqual([]);
  });
});
