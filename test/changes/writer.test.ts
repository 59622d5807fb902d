import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../../src/changes/change-set';
import { applyChangeSet, WriteFailedError, WriteRefusedError, type WriterFileSystem } from '../../src/changes/writer';
import { git, initCommittedRepo, listDirectories, makeTempDir, readTree, removeTempDirs, writeTree } from './helpers/tree';

afterEach(removeTempDirs);

const BEFORE = {
  'src/app.ts': 'export const app = 1;\n',
  'src/routes/users.ts': 'export const users = [];\n',
  'src/old.ts': 'old\n',
  'README.md': '# service\n',
};

/** Modifies app.ts and users.ts, deletes old.ts, creates two files in new directories. */
function typicalChanges(root: string): ChangeSet {
  const changes = new ChangeSet(root);
  changes.modify('src/app.ts', BEFORE['src/app.ts'], 'export const app = 2;\n');
  changes.modify('src/routes/users.ts', BEFORE['src/routes/users.ts'], 'export const users = [1];\n');
  changes.delete('src/old.ts', BEFORE['src/old.ts']);
  changes.create('lambda/handlers/get-users.ts', 'export const handler = 1;\n');
  changes.create('lambda/handlers/post-users.ts', 'export const handler = 2;\n');
  changes.unchanged('README.md', BEFORE['README.md']);
  return changes;
}

function snapshot(root: string): { files: ReturnType<typeof readTree>; dirs: string[] } {
  return { files: readTree(root), dirs: listDirectories(root) };
}

/** `fs.promises` with one operation failing on its `nth` call. */
function failingOn(op: 'rename' | 'open' | 'link' | 'mkdir', nth: number): WriterFileSystem & { calls: () => number } {
  let calls = 0;
  const original = fs.promises[op] as (...args: unknown[]) => Promise<unknown>;
  return {
    ...fs.promises,
    [op]: (...args: unknown[]) => {
      calls++;
      if (calls === nth) return Promise.reject(Object.assign(new Error(`injected ${op} failure`), { code: 'EIO' }));
      return original.apply(fs.promises, args);
    },
    calls: () => calls,
  } as WriterFileSystem & { calls: () => number };
}

describe('applyChangeSet outside git', () => {
  it('creates, modifies and deletes files and reports what it did', async () => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const outcome = await applyChangeSet(typicalChanges(root), { force: false });
    expect(outcome).toEqual({
      written: ['lambda/handlers/get-users.ts', 'lambda/handlers/post-users.ts', 'src/app.ts', 'src/routes/users.ts'],
      deleted: ['src/old.ts'],
    });
    const files = readTree(root);
    expect([...files.keys()]).toEqual([
      'README.md',
      'lambda/handlers/get-users.ts',
      'lambda/handlers/post-users.ts',
      'src/app.ts',
      'src/routes/users.ts',
    ]);
    expect(files.get('src/app.ts')!.content.toString()).toBe('export const app = 2;\n');
    expect(files.get('lambda/handlers/post-users.ts')!.content.toString()).toBe('export const handler = 2;\n');
  });

  it('does nothing for a ChangeSet without pending changes', async () => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const changes = new ChangeSet(root);
    changes.unchanged('README.md', BEFORE['README.md']);
    changes.fail('src/app.ts', { message: 'boom' }, BEFORE['src/app.ts']);
    const before = snapshot(root);
    expect(await applyChangeSet(changes, { force: false })).toEqual({ written: [], deleted: [] });
    expect(snapshot(root)).toEqual(before);
  });

  it('keeps the mode of modified files and gives created files theirs (or 0644)', async () => {
    const root = makeTempDir('writer');
    writeTree(root, { 'run.sh': { content: 'a\n', mode: 0o755 }, 'secret.ts': { content: 'b\n', mode: 0o600 } });
    const changes = new ChangeSet(root);
    changes.modify('run.sh', 'a\n', 'A\n');
    changes.modify('secret.ts', 'b\n', 'B\n');
    changes.create('new.sh', 'c\n', 0o750);
    changes.create('new.ts', 'd\n');
    await applyChangeSet(changes, { force: false });
    const files = readTree(root);
    expect(Object.fromEntries([...files].map(([file, s]) => [file, s.mode.toString(8)]))).toEqual({
      'new.sh': '750',
      'new.ts': '644',
      'run.sh': '755',
      'secret.ts': '600',
    });
  });

  it('replaces a read-only file, keeping it read-only', async () => {
    const root = makeTempDir('writer');
    writeTree(root, { 'locked.ts': { content: 'a\n', mode: 0o444 } });
    const changes = new ChangeSet(root);
    changes.modify('locked.ts', 'a\n', 'b\n');
    await applyChangeSet(changes, { force: false });
    expect(readTree(root).get('locked.ts')).toEqual({ content: Buffer.from('b\n'), mode: 0o444 });
  });

  it('gives temp files of very long, non-ASCII names a name the file system accepts', async () => {
    const root = makeTempDir('writer');
    const name = 'é'.repeat(120) + '.ts'; // 243 bytes: at the limit before any temp suffix
    writeTree(root, { [name]: 'a\n' });
    const changes = new ChangeSet(root);
    changes.modify(name, 'a\n', 'b\n');
    await applyChangeSet(changes, { force: false });
    expect(fs.readFileSync(path.join(root, name), 'utf8')).toBe('b\n');
  });

  it('writes CRLF files with CRLF line endings even when the transform produced LF', async () => {
    const root = makeTempDir('writer');
    writeTree(root, { 'win.ts': 'const a = 1;\r\nconst b = 2;\r\n' });
    const changes = new ChangeSet(root);
    changes.modify('win.ts', 'const a = 1;\r\nconst b = 2;\r\n', 'const a = 1;\nconst b = 3;\n');
    await applyChangeSet(changes, { force: false });
    expect(fs.readFileSync(path.join(root, 'win.ts'), 'utf8')).toBe('const a = 1;\r\nconst b = 3;\r\n');
  });

  it('refuses, even with force, to overwrite a file that exists but was expected not to', async () => {
    const root = makeTempDir('writer');
    writeTree(root, { ...BEFORE, 'lambda/handlers/get-users.ts': 'hand-written\n' });
    const before = snapshot(root);
    const error = await applyChangeSet(typicalChanges(root), { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).reason).toBe('conflict');
    expect((error as WriteRefusedError).files).toEqual([
      { path: 'lambda/handlers/get-users.ts', problem: 'already exists, but the change set expected to create it' },
    ]);
    expect((error as Error).message).toContain('lambda/handlers/get-users.ts: already exists');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses to write over files changed or removed since the run read them', async () => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const changes = typicalChanges(root);
    fs.writeFileSync(path.join(root, 'src/app.ts'), 'export const app = 1; // edited meanwhile\n');
    fs.rmSync(path.join(root, 'src/old.ts'));
    const before = snapshot(root);
    const error = await applyChangeSet(changes, { force: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).files).toEqual([
      { path: 'src/app.ts', problem: 'changed on disk since it was read' },
      { path: 'src/old.ts', problem: 'no longer exists' },
    ]);
    expect(snapshot(root)).toEqual(before);
  });

  it('does not overwrite a file that appears between the checks and the commit', async () => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const intruder = path.join(root, 'lambda/handlers/post-users.ts');
    const racing: WriterFileSystem = {
      ...fs.promises,
      link: async (existing: fs.PathLike, target: fs.PathLike) => {
        // Another process creates the file just before it is put in place.
        if (target === intruder) fs.writeFileSync(intruder, 'written by someone else\n');
        return fs.promises.link(existing, target);
      },
    };
    await expect(applyChangeSet(typicalChanges(root), { force: false, fs: racing })).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(intruder, 'utf8')).toBe('written by someone else\n');
    expect(fs.existsSync(path.join(root, 'lambda/handlers/get-users.ts'))).toBe(false);
    expect(fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8')).toBe(BEFORE['src/app.ts']);
  });

  it('refuses to replace a symbolic link with a regular file', async () => {
    const root = makeTempDir('writer');
    writeTree(root, { 'real.ts': 'x\n' });
    fs.symlinkSync('real.ts', path.join(root, 'link.ts'));
    const changes = new ChangeSet(root);
    changes.modify('link.ts', 'x\n', 'y\n');
    await expect(applyChangeSet(changes, { force: true })).rejects.toThrow('link.ts: is a symbolic link');
    expect(fs.lstatSync(path.join(root, 'link.ts')).isSymbolicLink()).toBe(true);
  });
});

describe('applyChangeSet in a git work tree', () => {
  function repoWithService(): string {
    const root = makeTempDir('repo');
    writeTree(root, { ...BEFORE, 'unrelated.ts': 'u\n' });
    initCommittedRepo(root);
    return root;
  }

  it('writes when the files it touches are committed, even if others are dirty', async () => {
    const root = repoWithService();
    fs.writeFileSync(path.join(root, 'unrelated.ts'), 'dirty\n');
    fs.writeFileSync(path.join(root, 'scratch.txt'), 'untracked but not touched\n');
    await applyChangeSet(typicalChanges(root), { force: false });
    expect(fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8')).toBe('export const app = 2;\n');
  });

  it('refuses when a file to be touched is modified, staged or untracked, and lists them', async () => {
    const root = repoWithService();
    // Dirty, but with the content the run read, so only the git check can catch them.
    const changes = new ChangeSet(root);
    changes.modify('src/app.ts', BEFORE['src/app.ts'], 'changed\n');
    changes.modify('src/routes/users.ts', BEFORE['src/routes/users.ts'], 'changed\n');
    changes.modify('notes.txt', 'untracked\n', 'changed\n');
    changes.delete('src/old.ts', BEFORE['src/old.ts']);
    git(root, ['rm', '-q', '--cached', 'src/app.ts']); // staged deletion, file kept on disk
    fs.writeFileSync(path.join(root, 'notes.txt'), 'untracked\n');
    fs.chmodSync(path.join(root, 'src/routes/users.ts'), 0o755); // unstaged mode change
    const before = snapshot(root);

    const error = await applyChangeSet(changes, { force: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).reason).toBe('uncommitted-changes');
    expect(new Set((error as WriteRefusedError).files)).toEqual(
      new Set([
        // `git rm --cached` shows as a staged deletion plus an untracked file.
        { path: 'src/app.ts', problem: 'staged, untracked' },
        { path: 'src/routes/users.ts', problem: 'modified' },
        { path: 'notes.txt', problem: 'untracked' },
      ]),
    );
    expect((error as Error).message).toMatch(/^refusing to write: 3 file\(s\) .* uncommitted changes; commit or stash them, or pass --force:\n/);
    expect(snapshot(root)).toEqual(before);

    await applyChangeSet(changes, { force: true });
    expect(fs.readFileSync(path.join(root, 'notes.txt'), 'utf8')).toBe('changed\n');
    expect(fs.existsSync(path.join(root, 'src/old.ts'))).toBe(false);
  });

  it('refuses for a staged change with unchanged working-tree content', async () => {
    const root = repoWithService();
    fs.writeFileSync(path.join(root, 'src/app.ts'), 'staged\n');
    git(root, ['add', 'src/app.ts']);
    const changes = new ChangeSet(root);
    changes.modify('src/app.ts', 'staged\n', 'changed\n');
    await expect(applyChangeSet(changes, { force: false })).rejects.toThrow('src/app.ts: staged');
  });

  it('maps git paths correctly when the target root is a subdirectory of the repository', async () => {
    const repo = makeTempDir('repo');
    writeTree(repo, { 'services/api/src/app.ts': 'a\n', 'src/app.ts': 'top\n' });
    initCommittedRepo(repo);
    const root = path.join(repo, 'services/api');
    fs.writeFileSync(path.join(repo, 'src/app.ts'), 'dirty, same relative path, outside the root\n');

    const changes = new ChangeSet(root);
    changes.modify('src/app.ts', 'a\n', 'b\n');
    await applyChangeSet(changes, { force: false });
    expect(fs.readFileSync(path.join(root, 'src/app.ts'), 'utf8')).toBe('b\n');

    fs.writeFileSync(path.join(root, 'src/app.ts'), 'c\n');
    const again = new ChangeSet(root);
    again.modify('src/app.ts', 'c\n', 'd\n');
    await expect(applyChangeSet(again, { force: false })).rejects.toThrow('src/app.ts: modified');
  });
});

describe('applyChangeSet rolls back when a step fails', () => {
  function expectNoLeftovers(root: string): void {
    const leftovers = [...readTree(root).keys()].filter((file) => file.includes('.lambdashift-'));
    expect(leftovers).toEqual([]);
  }

  it.each([
    ['the first rename of the commit', failingOn('rename', 1)],
    ['the deletion, halfway through the commit', failingOn('rename', 2)],
    ['the last rename of the commit', failingOn('rename', 3)],
    ['writing the fourth temp file', failingOn('open', 4)],
    ['linking the second new file into place', failingOn('link', 2)],
    ['taking the backup of the second modified file', failingOn('link', 4)],
    ['creating a directory', failingOn('mkdir', 2)],
  ])('restores every file after a failure in %s', async (_label, failingFs) => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const before = snapshot(root);
    await expect(applyChangeSet(typicalChanges(root), { force: false, fs: failingFs })).rejects.toThrow(/^injected/);
    expect(snapshot(root)).toEqual(before);
    expectNoLeftovers(root);
  });

  it('counts the operations the injected failures rely on', async () => {
    // Guards the test above: a typical write renames 3 times (2 replaces, 1 deletion),
    // opens 4 temps, links 2 new files then 2 backups, and creates 2 directories.
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    const counters = (['rename', 'open', 'link', 'mkdir'] as const).map((op) => [op, failingOn(op, Infinity)] as const);
    for (const [, fsWithCounter] of counters) {
      const copy = makeTempDir('writer');
      writeTree(copy, BEFORE);
      await applyChangeSet(typicalChanges(copy), { force: false, fs: fsWithCounter });
    }
    expect(Object.fromEntries(counters.map(([op, f]) => [op, f.calls()]))).toEqual({ rename: 3, open: 4, link: 4, mkdir: 2 });
  });

  it('keeps the original in its backup and says so when the rollback cannot restore a file', async () => {
    const root = makeTempDir('writer');
    writeTree(root, BEFORE);
    let renames = 0;
    const flaky: WriterFileSystem = {
      ...fs.promises,
      rename: (from: fs.PathLike, to: fs.PathLike) => {
        renames++;
        // 1: app.ts committed, 2: deleting old.ts fails, 3: restoring app.ts fails.
        if (renames === 2 || renames === 3) return Promise.reject(new Error(`injected rename failure ${renames}`));
        return fs.promises.rename(from, to);
      },
    };
    const error = await applyChangeSet(typicalChanges(root), { force: false, fs: flaky }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteFailedError);
    const failed = error as WriteFailedError;
    expect(failed.cause.message).toBe('injected rename failure 2');
    expect(failed.rollbackFailures.map((f) => f.path)).toEqual(['src/app.ts']);
    const backup = failed.rollbackFailures[0].backup!;
    expect(path.basename(backup)).toMatch(/^\.app\.ts\.lambdashift-\d+-[0-9a-f]+\.bak$/);
    expect(fs.readFileSync(backup, 'utf8')).toBe(BEFORE['src/app.ts']);
    expect(failed.message).toContain(`src/app.ts: injected rename failure 3 (original kept in ${backup})`);
    // Everything else is back as it was, and the new files and their directories are gone.
    expect(fs.readFileSync(path.join(root, 'src/routes/users.ts'), 'utf8')).toBe(BEFORE['src/routes/users.ts']);
    expect(fs.existsSync(path.join(root, 'lambda'))).toBe(false);
  });
});
