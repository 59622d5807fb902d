import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, DiscoveryError, mentionsAny, parserFor } from '../../src/discover';
import { makeTree, removeTree } from '../runner/temp-tree';

const rels = async (root: string, paths: string[] = [], options = {}) =>
  (await discoverFiles(root, paths, options)).map((f) => f.rel);

describe('discoverFiles', () => {
  let dir: string;
  afterEach(() => removeTree(dir));

  it('finds every source extension and skips other files, sorted by path', async () => {
    dir = makeTree({
      'z.ts': '', 'a.js': '', 'b.jsx': '', 'c.mjs': '', 'd.cjs': '', 'e.tsx': '', 'f.mts': '', 'g.cts': '',
      'readme.md': '', 'data.json': '', 'sub/deep/h.ts': '',
    });
    expect(await rels(dir)).toEqual(['a.js', 'b.jsx', 'c.mjs', 'd.cjs', 'e.tsx', 'f.mts', 'g.cts', 'sub/deep/h.ts', 'z.ts']);
  });

  it('maps each file to its parser', async () => {
    dir = makeTree({ 'a.js': '', 'b.jsx': '', 'c.ts': '', 'd.tsx': '', 'e.mts': '', 'f.cts': '', 'g.mjs': '', 'h.cjs': '' });
    const found = await discoverFiles(dir, []);
    expect(Object.fromEntries(found.map((f) => [f.rel, f.parser]))).toEqual({
      'a.js': 'babel', 'b.jsx': 'babel', 'c.ts': 'ts', 'd.tsx': 'tsx', 'e.mts': 'ts', 'f.cts': 'ts', 'g.mjs': 'babel', 'h.cjs': 'babel',
    });
    expect(found[0].path).toBe(path.join(dir, 'a.js'));
  });

  it('skips the default excludes: node_modules, dist, build, coverage, deploy tools\' output, .git and declaration files', async () => {
    dir = makeTree({
      'src/a.ts': '', 'src/types.d.ts': '', 'src/m.d.mts': '',
      'node_modules/pkg/index.js': '', 'src/node_modules/x.js': '', 'dist/a.js': '', 'build/a.js': '',
      'coverage/lcov.js': '', '.git/hooks/x.js': '', 'distribution/ok.js': '',
      // What `serverless package`, `sam build` and `cdk synth` leave: bundles and copied sources.
      '.serverless/x.js': '', '.esbuild/.build/src/app.js': '', '.webpack/service/app.js': '',
      '.aws-sam/build/GetUsersFunction/lambda/http/getUsers.js': '', 'cdk.out/asset.0a1b/src/app.js': '',
    });
    expect(await rels(dir)).toEqual(['distribution/ok.js', 'src/a.ts']);
  });

  it('honours nested .gitignore files relative to their own directory, with negations', async () => {
    dir = makeTree({
      '.gitignore': '*.gen.ts\n/generated/\nlogs\n',
      'a.ts': '', 'a.gen.ts': '', 'generated/x.ts': '', 'logs/l.js': '',
      'pkg/.gitignore': '/local.ts\n!keep.gen.ts\nfixtures/\n',
      'pkg/local.ts': '', 'pkg/keep.gen.ts': '', 'pkg/other.gen.ts': '', 'pkg/fixtures/f.ts': '',
      'pkg/generated/y.ts': '', 'pkg/sub/local.ts': '',
      'other/fixtures/f.ts': '',
    });
    expect(await rels(dir)).toEqual(['a.ts', 'other/fixtures/f.ts', 'pkg/generated/y.ts', 'pkg/keep.gen.ts', 'pkg/sub/local.ts']);
  });

  it('applies the .gitignore files above a walked subdirectory, up to the git work tree top', async () => {
    dir = makeTree({ '.gitignore': 'secret.ts\n', 'app/.gitignore': 'tmp/\n', 'app/src/a.ts': '', 'app/src/secret.ts': '', 'app/src/tmp/t.ts': '' });
    fs.mkdirSync(path.join(dir, '.git'));
    const appRoot = path.join(dir, 'app');
    expect(await rels(appRoot, ['src'])).toEqual(['src/a.ts']);
    expect(await rels(appRoot)).toEqual(['src/a.ts']);
  });

  it('selects the same files as git ls-files on a tree of nested rules', async () => {
    dir = makeTree({
      '.gitignore': '# comment\n*.log.js\n/top-only.ts\nout*/\n!out-keep/\n**/tmp/**\n\\#hash.ts\n',
      'top-only.ts': '', 'a/top-only.ts': '', 'a.log.js': '', '#hash.ts': '', 'ok.ts': '',
      'out1/x.ts': '', 'out-keep/y.ts': '', 'a/tmp/z.ts': '', 'a/b/tmp/c/z.ts': '',
      'a/.gitignore': '*.ts\n!*.keep.ts\nb/\n', 'a/x.ts': '', 'a/x.keep.ts': '', 'a/x.js': '', 'a/b/y.js': '',
      'c/.gitignore': '!*.log.js\nd/*.js\n', 'c/z.log.js': '', 'c/d/e.js': '', 'c/d/f/g.js': '',
    });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const git = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|js)$/.test(f))
      .sort();
    expect(await rels(dir)).toEqual(git);
  });

  it('reads .git/info/exclude', async () => {
    dir = makeTree({ '.git/info/exclude': 'local/\n', 'local/a.ts': '', 'b.ts': '' });
    expect(await rels(dir)).toEqual(['b.ts']);
  });

  it('applies --include and --exclude globs to root-relative paths, excluding whole directories', async () => {
    dir = makeTree({ 'src/a.ts': '', 'src/a.test.ts': '', 'src/b.js': '', 'vendor/v.ts': '', 'lib/c.ts': '', '.config/d.ts': '' });
    expect(await rels(dir, [], { include: ['**/*.ts'], exclude: ['**/*.test.ts', 'vendor'] })).toEqual([
      '.config/d.ts', 'lib/c.ts', 'src/a.ts',
    ]);
    expect(await rels(dir, [], { include: ['src/**'] })).toEqual(['src/a.test.ts', 'src/a.ts', 'src/b.js']);
  });

  it('takes named files whatever their extension or ignore status, but not when --exclude matches', async () => {
    dir = makeTree({ '.gitignore': 'ignored.ts\n', 'ignored.ts': '', 'script.es6': '', 'types.d.ts': '', 'vendor/x.ts': '' });
    const found = await discoverFiles(dir, ['ignored.ts', 'script.es6', 'types.d.ts', path.join(dir, 'ignored.ts')]);
    expect(found.map((f) => [f.rel, f.parser])).toEqual([
      ['ignored.ts', 'ts'], ['script.es6', 'babel'], ['types.d.ts', 'ts'],
    ]);
    expect(await rels(dir, ['vendor/x.ts'], { exclude: ['vendor'] })).toEqual([]);
  });

  it('walks a named directory even when it is ignored or default-excluded, applying only the rules inside it', async () => {
    dir = makeTree({ '.gitignore': 'generated/\n*.tmp.ts\n', 'generated/a.ts': '', 'generated/.gitignore': 'skip.ts\n', 'generated/skip.ts': '', 'build/b.ts': '' });
    expect(await rels(dir, ['generated', 'build'])).toEqual(['build/b.ts', 'generated/a.ts']);
  });

  it('rejects a missing path or one outside the root', async () => {
    dir = makeTree({ 'a.ts': '' });
    await expect(discoverFiles(dir, ['nope'])).rejects.toThrow(DiscoveryError);
    await expect(discoverFiles(dir, ['nope'])).rejects.toThrow('nope does not exist');
    await expect(discoverFiles(path.join(dir, 'sub-root'), ['../a.ts'])).rejects.toThrow(/outside the target root/);
  });

  it('skips symbolic links while walking', async () => {
    dir = makeTree({ 'real/a.ts': '' });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    fs.symlinkSync(path.join(dir, 'real/a.ts'), path.join(dir, 'b.ts'));
    expect(await rels(dir)).toEqual(['real/a.ts']);
  });
});

describe('parserFor', () => {
  it.each([
    ['x.tsx', 'tsx'], ['x.ts', 'ts'], ['x.mts', 'ts'], ['x.cts', 'ts'], ['x.js', 'babel'], ['x.jsx', 'babel'], ['x.mjs', 'babel'], ['x.cjs', 'babel'], ['X.TSX', 'tsx'],
  ])('%s → %s', (file, parser) => {
    expect(parserFor(file)).toBe(parser);
  });
});

describe('mentionsAny', () => {
  it('finds any of the words as a substring', () => {
    expect(mentionsAny("import express from 'express';", ['koa', 'express'])).toBe(true);
    expect(mentionsAny('const x = 1;', ['koa', 'express'])).toBe(false);
    expect(mentionsAny('anything', [])).toBe(false);
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(mentionsAny('new Router()', ['router'])).toBe(false);
    expect(mentionsAny('new Router()', ['router'], { ignoreCase: true })).toBe(true);
    expect(mentionsAny('a.b', ['x.y', 'a.b'], { ignoreCase: true })).toBe(true);
    expect(mentionsAny('axb', ['a.b'], { ignoreCase: true })).toBe(false);
  });
});
