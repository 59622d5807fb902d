import { describeGitStatus, parsePorcelainZ, uncommittedFiles } from '../../src/changes/git-status';
import { git, initCommittedRepo, makeTempDir, removeTempDirs, writeTree } from './helpers/tree';
import * as fs from 'node:fs';
import * as path from 'node:path';

afterEach(removeTempDirs);

describe('parsePorcelainZ', () => {
  it('reads NUL-separated records, with both names of a rename, and names with spaces verbatim', () => {
    expect(parsePorcelainZ(' M src/a b.ts\0R  new.ts\0old.ts\0?? dir/x.ts\0')).toEqual([
      { status: ' M', path: 'src/a b.ts' },
      { status: 'R ', path: 'new.ts' },
      { status: 'R ', path: 'old.ts' },
      { status: '??', path: 'dir/x.ts' },
    ]);
    expect(parsePorcelainZ('')).toEqual([]);
  });

  it('describes statuses in words', () => {
    expect([' M', 'M ', 'MM', 'A ', '??', 'UU', ' D'].map(describeGitStatus)).toEqual([
      'modified',
      'staged',
      'staged and modified',
      'staged',
      'untracked',
      'unmerged',
      'modified',
    ]);
  });
});

describe('uncommittedFiles', () => {
  it('is null outside a git work tree', async () => {
    expect(await uncommittedFiles(makeTempDir('plain'))).toBeNull();
  });

  it('lists changed, staged, renamed and individually untracked files relative to the directory', async () => {
    const repo = makeTempDir('repo');
    writeTree(repo, { 'svc/a.ts': 'a\n', 'svc/b.ts': 'b\n', 'svc/c.ts': 'c\n', 'other.ts': 'o\n' });
    initCommittedRepo(repo);
    fs.writeFileSync(path.join(repo, 'svc/a.ts'), 'changed\n');
    git(repo, ['mv', 'svc/b.ts', 'svc/moved.ts']);
    writeTree(repo, { 'svc/new/deep/x.ts': 'x\n', 'other-untracked.ts': 'u\n' });
    fs.writeFileSync(path.join(repo, 'other.ts'), 'outside the directory\n');

    const files = await uncommittedFiles(path.join(repo, 'svc'));
    expect(files?.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'a.ts', status: ' M' },
      { path: 'b.ts', status: 'R ' },
      { path: 'moved.ts', status: 'R ' },
      { path: 'new/deep/x.ts', status: '??' },
    ]);
  });
});
