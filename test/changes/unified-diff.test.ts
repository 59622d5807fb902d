import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../../src/changes/change-set';
import { formatUnifiedDiff } from '../../src/changes/printers/unified-diff';
import { applyChangeSet } from '../../src/changes/writer';
import { git, initCommittedRepo, listDirectories, makeTempDir, readTree, removeTempDirs, writeTree, type TreeFile } from './helpers/tree';

afterEach(removeTempDirs);

interface RoundTrip {
  patch: string;
  /** The tree `git apply` produced. */
  applied: ReturnType<typeof readTree>;
  /** The tree the writer produced. */
  written: ReturnType<typeof readTree>;
}

/**
 * Writes `before` into a git repository and into a plain directory, prints the ChangeSet
 * built by `build`, applies the patch with git to the first and the writer to the second,
 * and checks that both trees are identical: same files, same bytes, same execute bits,
 * same directories.
 */
async function roundTrip(before: Record<string, TreeFile>, build: (changes: ChangeSet) => void): Promise<RoundTrip> {
  const repo = makeTempDir('git');
  const plain = makeTempDir('write');
  const patchFile = path.join(makeTempDir('patch'), 'changes.patch');
  writeTree(repo, before);
  writeTree(plain, before);
  initCommittedRepo(repo);

  const changes = new ChangeSet(plain);
  build(changes);
  const patch = formatUnifiedDiff(changes, { color: false });
  fs.writeFileSync(patchFile, patch);

  git(repo, ['apply', '--check', patchFile]);
  git(repo, ['apply', patchFile]);
  await applyChangeSet(changes, { force: false });

  const applied = readTree(repo);
  const written = readTree(plain);
  expect([...written.keys()]).toEqual([...applied.keys()]);
  for (const [file, snapshot] of applied) {
    const mine = written.get(file)!;
    expect({ file, content: mine.content.toString('latin1') }).toEqual({ file, content: snapshot.content.toString('latin1') });
    expect({ file, executable: (mine.mode & 0o100) !== 0 }).toEqual({ file, executable: (snapshot.mode & 0o100) !== 0 });
  }
  expect(listDirectories(plain)).toEqual(listDirectories(repo));
  return { patch, applied, written };
}

function numbered(from: number, to: number, label = 'line'): string {
  let out = '';
  for (let i = from; i <= to; i++) out += `${label} ${i}\n`;
  return out;
}

describe('formatUnifiedDiff', () => {
  it('prints git-style headers and hunks for a new and a changed file', () => {
    const changes = new ChangeSet('/project');
    changes.create('src/x.ts', 'a\nb\n');
    changes.modify('src/y.ts', 'one\n', 'two\n');
    expect(formatUnifiedDiff(changes, { color: false })).toBe(
      [
        'diff --git a/src/x.ts b/src/x.ts',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/src/x.ts',
        '@@ -0,0 +1,2 @@',
        '+a',
        '+b',
        'diff --git a/src/y.ts b/src/y.ts',
        '--- a/src/y.ts',
        '+++ b/src/y.ts',
        '@@ -1 +1 @@',
        '-one',
        '+two',
        '',
      ].join('\n'),
    );
  });

  it('prints only created, modified and deleted files', () => {
    const changes = new ChangeSet('/project');
    changes.unchanged('same.ts', 'x\n');
    changes.fail('broken.ts', { message: 'Unexpected token', line: 1, column: 2 }, 'x(\n');
    changes.modify('also-same.ts', 'y\n', 'y\n');
    expect(formatUnifiedDiff(changes, { color: false })).toBe('');
    changes.delete('gone.ts', 'z\n');
    expect(formatUnifiedDiff(changes, { color: false })).toMatch(/^diff --git a\/gone\.ts b\/gone\.ts\ndeleted file mode 100644\n/);
  });

  it('puts source rewrites first, then configuration and infrastructure, then generated modules', () => {
    const changes = new ChangeSet('/project');
    changes.markGenerated('lambda');
    changes.markConfig('package.json');
    changes.markConfig('serverless.yml');
    changes.create('lambda/http/getUser.ts', 'export const handler = 1;\n');
    changes.create('serverless.yml', 'service: x\n');
    changes.modify('package.json', '{}\n', '{ "a": 1 }\n');
    changes.modify('src/app.ts', 'a\n', 'b\n');
    changes.create('lambda-notes.md', 'not generated: only the folder is\n');
    changes.modify('src/routes/users.ts', 'a\n', 'b\n');
    const order = [...formatUnifiedDiff(changes, { color: false }).matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
    expect(order).toEqual(['lambda-notes.md', 'src/app.ts', 'src/routes/users.ts', 'package.json', 'serverless.yml', 'lambda/http/getUser.ts']);
  });

  it('colours headers bold, removals red, additions green and hunk headers cyan', () => {
    const changes = new ChangeSet('/project');
    changes.modify('a.ts', 'old\nsame\n', 'new\nsame\n');
    const colored = formatUnifiedDiff(changes, { color: true });
    expect(colored).toContain('\x1b[1mdiff --git a/a.ts b/a.ts\x1b[22m\n');
    expect(colored).toContain('\x1b[1m--- a/a.ts\x1b[22m\n');
    expect(colored).toContain('\x1b[36m@@ -1,2 +1,2 @@\x1b[39m\n');
    expect(colored).toContain('\x1b[31m-old\x1b[39m\n');
    expect(colored).toContain('\x1b[32m+new\x1b[39m\n');
    expect(colored).toContain('\n same\n');
    // Without the escape codes it is exactly the plain diff.
    expect(colored.replace(/\x1b\[\d+m/g, '')).toBe(formatUnifiedDiff(changes, { color: false }));
    expect(formatUnifiedDiff(changes, { color: false })).not.toContain('\x1b');
  });
});

describe('patches apply with git exactly as the writer writes', () => {
  it('creates files, with and without an execute mode, in new directories', async () => {
    const { patch } = await roundTrip({ 'README.md': 'hi\n' }, (changes) => {
      changes.create('src/new.ts', 'export const a = 1;\n');
      changes.create('bin/run.sh', '#!/bin/sh\necho hi\n', 0o755);
      changes.create('a/b/c/deep.ts', 'deep\n');
    });
    expect(patch).toContain('diff --git a/bin/run.sh b/bin/run.sh\nnew file mode 100755\n');
    expect(patch).toContain('diff --git a/src/new.ts b/src/new.ts\nnew file mode 100644\n');
  });

  it('modifies a file in separate hunks with three lines of context', async () => {
    const before = numbered(1, 40);
    const after = before.replace('line 2\n', 'LINE 2\n').replace('line 20\n', 'line 20\ninserted\n').replace('line 38\n', '');
    const { patch } = await roundTrip({ 'src/list.txt': before }, (changes) => changes.modify('src/list.txt', before, after));
    expect(patch.match(/^@@ /gm)).toHaveLength(3);
    expect(patch).toContain('@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE 2\n line 3\n line 4\n line 5\n');
  });

  it('deletes files, keeping their mode in the header, and removes the directory they leave empty', async () => {
    const { patch } = await roundTrip(
      {
        'old/x.ts': 'x\n',
        'old/tool.sh': { content: '#!/bin/sh\n', mode: 0o755 },
        'keep/z.ts': 'z\n',
        'keep/w.ts': 'w\n',
      },
      (changes) => {
        changes.delete('old/x.ts', 'x\n', 0o644);
        changes.delete('old/tool.sh', '#!/bin/sh\n', 0o755);
        changes.delete('keep/w.ts', 'w\n');
      },
    );
    expect(patch).toContain('diff --git a/old/tool.sh b/old/tool.sh\ndeleted file mode 100755\n--- a/old/tool.sh\n+++ /dev/null\n');
  });

  it('marks missing newlines at the end of files', async () => {
    const { patch } = await roundTrip(
      { 'a.txt': 'one\ntwo', 'b.txt': 'one\ntwo\n', 'c.txt': 'one\ntwo', 'd.txt': 'x\ny', 'f.txt': 'gone' },
      (changes) => {
        changes.modify('a.txt', 'one\ntwo', 'one\ntwo\n');
        changes.modify('b.txt', 'one\ntwo\n', 'one\ntwo');
        changes.modify('c.txt', 'one\ntwo', 'one\nTWO');
        changes.modify('d.txt', 'x\ny', 'X\ny');
        changes.create('e.txt', 'no newline');
        changes.delete('f.txt', 'gone');
      },
    );
    expect(patch).toContain('-two\n\\ No newline at end of file\n+two\n');
    expect(patch).toContain('-two\n+two\n\\ No newline at end of file\n');
    expect(patch).toContain('-two\n\\ No newline at end of file\n+TWO\n\\ No newline at end of file\n');
    expect(patch).toContain('+X\n y\n\\ No newline at end of file\n');
    expect(patch.match(/^\\ No newline at end of file$/gm)).toHaveLength(7);
  });

  it('keeps CRLF line endings and a BOM of the original, in the patch and on disk', async () => {
    const { written, patch } = await roundTrip(
      {
        'win.ts': 'a\r\nb\r\nc\r\n',
        'bom.ts': '\uFEFFconst a = 1;\r\n',
        'mixed.ts': 'a\r\nb\nc\r\n',
      },
      (changes) => {
        changes.modify('win.ts', 'a\r\nb\r\nc\r\n', 'a\nB\nc\nd\n');
        changes.modify('bom.ts', '\uFEFFconst a = 1;\r\n', 'const a = 2;\n');
        changes.modify('mixed.ts', 'a\r\nb\nc\r\n', 'a\r\nB\nc\r\n');
      },
    );
    expect(written.get('win.ts')!.content.toString()).toBe('a\r\nB\r\nc\r\nd\r\n');
    expect(written.get('bom.ts')!.content.toString()).toBe('\uFEFFconst a = 2;\r\n');
    expect(written.get('mixed.ts')!.content.toString()).toBe('a\r\nB\nc\r\n');
    // Only the changed lines appear, not every line of the file.
    expect(patch).toContain('@@ -1,3 +1,4 @@\n a\r\n-b\r\n+B\r\n c\r\n+d\r\n');
  });

  it('keeps the execute bit of a modified file', async () => {
    const { written } = await roundTrip({ 'bin/cli.js': { content: '#!/usr/bin/env node\nold()\n', mode: 0o755 } }, (changes) =>
      changes.modify('bin/cli.js', '#!/usr/bin/env node\nold()\n', '#!/usr/bin/env node\nnew()\n', 0o755),
    );
    expect(written.get('bin/cli.js')!.mode).toBe(0o755);
  });

  it('handles empty files on either side', async () => {
    const { patch } = await roundTrip({ 'was-empty.txt': '', 'to-empty.txt': 'x\n', 'from-empty.txt': '' }, (changes) => {
      changes.create('empty.txt', '');
      changes.delete('was-empty.txt', '');
      changes.modify('to-empty.txt', 'x\n', '');
      changes.modify('from-empty.txt', '', 'y\n');
    });
    // As git prints them: an empty new or deleted file has neither ---/+++ lines nor hunks.
    expect(patch).toContain('diff --git a/empty.txt b/empty.txt\nnew file mode 100644\ndiff --git');
    expect(patch).toMatch(/diff --git a\/was-empty\.txt b\/was-empty\.txt\ndeleted file mode 100644\n$/);
  });

  it('quotes paths with spaces, quotes and non-ASCII characters as git does', async () => {
    const { patch } = await roundTrip({ 'dir with space/file name.ts': 'a\n', 'ünï/naïve.ts': 'b\n' }, (changes) => {
      changes.modify('dir with space/file name.ts', 'a\n', 'A\n');
      changes.modify('ünï/naïve.ts', 'b\n', 'B\n');
      changes.create('say "hi".ts', 'c\n');
    });
    expect(patch).toContain('--- a/dir with space/file name.ts\t\n');
    expect(patch).toContain('diff --git "a/\\303\\274n\\303\\257/na\\303\\257ve.ts" "b/\\303\\274n\\303\\257/na\\303\\257ve.ts"\n');
    expect(patch).toContain('diff --git "a/say \\"hi\\".ts" "b/say \\"hi\\".ts"\n');
  });

  it('falls back to one replacing hunk for a complete rewrite of a large file', async () => {
    const before = numbered(1, 3000, 'old');
    const after = numbered(1, 3000, 'new');
    const { patch } = await roundTrip({ 'big.txt': before }, (changes) => changes.modify('big.txt', before, after));
    expect(patch.match(/^@@ .*$/gm)).toEqual(['@@ -1,3000 +1,3000 @@']);
  });

  it('falls back correctly when the rewritten file lacks a final newline', async () => {
    const before = numbered(1, 2500, 'old');
    const after = numbered(1, 2500, 'new').slice(0, -1);
    const { patch } = await roundTrip({ 'big.txt': before }, (changes) => changes.modify('big.txt', before, after));
    expect(patch.endsWith('+new 2500\n\\ No newline at end of file\n')).toBe(true);
  });
});
