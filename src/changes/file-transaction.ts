import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as nodeFs } from 'node:fs';
import * as path from 'node:path';
import { forEachConcurrently } from './concurrency';

/**
 * The file-system operations the writer uses. Defaults to `fs.promises`; tests pass a copy
 * with one operation made to fail, to prove that a failure midway rolls everything back.
 */
export type WriterFileSystem = Pick<
  typeof nodeFs,
  'lstat' | 'readFile' | 'mkdir' | 'open' | 'rename' | 'link' | 'unlink' | 'rmdir' | 'copyFile'
>;

/** One file operation of a transaction, with everything checked beforehand. */
export type PlannedOperation =
  | { kind: 'create'; key: string; target: string; content: string; mode: number }
  | { kind: 'replace'; key: string; target: string; content: string; mode: number; uid: number; gid: number }
  | { kind: 'delete'; key: string; target: string };

/** What a journal records about one operation (absolute paths). */
export interface JournalEntry {
  kind: PlannedOperation['kind'];
  target: string;
  temp: string;
  backup: string;
  /** For created files: SHA-256 of the content, to recognise the file this run created. */
  sha256?: string;
}

export interface TransactionProgress {
  phase: 'stage' | 'commit';
  done: number;
  total: number;
}

/** A file the rollback could not put back, and where its original content is kept, if anywhere. */
export interface RollbackFailure {
  path: string;
  error: Error;
  /** A backup that still holds the original content. */
  backup?: string;
}

interface Entry {
  op: PlannedOperation;
  /** Names chosen up front, so a journal can list them before anything is written. */
  tempName: string;
  backupName: string;
  /** New content, fully written and synced, waiting to be renamed over the target. */
  temp?: string;
  /** A hard link to (or copy of) the original, kept until the transaction ends. */
  backup?: string;
  committed: boolean;
}

/** How many files are staged concurrently: enough to overlap I/O, few enough for 2 cores. */
const STAGE_CONCURRENCY = 8;

/**
 * Applies a set of file operations all-or-nothing.
 *
 * 1. stage: every new content goes to a temp file in the target's directory, synced to
 *    disk and with its final mode;
 * 2. commit: each file to be replaced gets a backup hard link and its temp is renamed over
 *    it; new files are linked into place; files to be deleted are renamed to backups;
 * 3. on failure in 1 or 2, {@link rollback} renames the backups back and removes temps,
 *    created files and created directories; on success {@link finish} drops the backups.
 *
 * Each target is only ever changed by a rename (or a link for new files), so a crash or
 * SIGKILL at any moment leaves every file with either its complete old or complete new
 * content; at worst hidden `.lambdashift-*.tmp`/`.bak` files stay behind.
 */
export class FileTransaction {
  private readonly entries: Entry[];
  private readonly createdDirs = new Set<string>();
  private readonly directories = new Map<string, Promise<void>>();

  constructor(
    /** Directory the operations' keys are relative to; never removed. */
    private readonly root: string,
    operations: PlannedOperation[],
    private readonly fs: WriterFileSystem,
    private readonly onProgress?: (progress: TransactionProgress) => void,
  ) {
    this.entries = operations.map((op) => ({ op, tempName: siblingName(op.target, 'tmp'), backupName: siblingName(op.target, 'bak'), committed: false }));
  }

  /**
   * Every name this transaction may create, for a journal a later run can undo a killed
   * transaction from (see write-lock.ts): targets, temp files, backups, and a hash of each
   * created file's content (so only a file this transaction created is ever removed).
   */
  journal(): JournalEntry[] {
    return this.entries.map(({ op, tempName, backupName }) => ({
      kind: op.kind,
      target: op.target,
      temp: tempName,
      backup: backupName,
      ...(op.kind === 'create' ? { sha256: createHash('sha256').update(op.content, 'utf8').digest('hex') } : {}),
    }));
  }

  async stage(): Promise<void> {
    let done = 0;
    await forEachConcurrently(this.entries, STAGE_CONCURRENCY, async (entry) => {
      await this.stageEntry(entry);
      this.onProgress?.({ phase: 'stage', done: ++done, total: this.entries.length });
    });
  }

  async commit(): Promise<void> {
    let done = 0;
    for (const entry of this.entries) {
      await this.commitEntry(entry);
      this.onProgress?.({ phase: 'commit', done: ++done, total: this.entries.length });
    }
  }

  /**
   * Undoes everything in reverse order. Never throws: what it could not undo is returned,
   * and the backups of those files are kept.
   */
  async rollback(): Promise<RollbackFailure[]> {
    const failures: RollbackFailure[] = [];
    for (const entry of [...this.entries].reverse()) {
      const { op } = entry;
      try {
        if (entry.committed) {
          if (op.kind === 'create') await this.fs.unlink(op.target);
          else await this.fs.rename(entry.backup!, op.target);
          entry.committed = false;
          if (op.kind !== 'create') entry.backup = undefined;
        }
      } catch (error) {
        failures.push({ path: op.key, error: error as Error, backup: entry.backup });
        continue;
      }
      await this.removeQuietly(entry.temp);
      await this.removeQuietly(entry.backup);
    }
    const dirs = [...this.createdDirs].sort((a, b) => b.length - a.length);
    for (const dir of dirs) {
      // Only empty directories go; one that is not empty holds something we did not create.
      await this.fs.rmdir(dir).catch(() => undefined);
    }
    return failures;
  }

  /** After a successful commit: drops backups, syncs directories, removes emptied ones. */
  async finish(): Promise<void> {
    for (const entry of this.entries) await this.removeQuietly(entry.backup);
    const dirs = new Set(this.entries.map((entry) => path.dirname(entry.op.target)));
    for (const dir of dirs) await syncDirectory(dir);
    // Like `git apply`, remove directories that deleting files left empty, so that the patch
    // and the writer leave the same tree.
    for (const entry of this.entries) {
      if (entry.op.kind === 'delete') await this.removeEmptyParents(entry.op.target);
    }
  }

  private async stageEntry(entry: Entry): Promise<void> {
    const { op } = entry;
    if (op.kind === 'delete') return; // Committed by renaming the file to its backup.
    if (op.kind === 'create') await this.ensureDirectory(path.dirname(op.target));

    const temp = entry.tempName;
    const handle = await this.fs.open(temp, 'wx', op.mode);
    entry.temp = temp;
    try {
      await handle.writeFile(op.content, 'utf8');
      // open() applies the umask; chmod gives the exact mode of the file being replaced.
      await handle.chmod(op.mode);
      if (op.kind === 'replace' && process.getuid?.() === 0) {
        // As root, keep the original owner rather than making the file root's.
        await handle.chown(op.uid, op.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async commitEntry(entry: Entry): Promise<void> {
    const { op } = entry;
    if (op.kind === 'replace') {
      // The backup is taken only now, so a run killed before its commit leaves no backups.
      entry.backup = await this.makeBackup(op.target, entry.backupName);
      await this.fs.rename(entry.temp!, op.target);
    } else if (op.kind === 'delete') {
      entry.backup = entry.backupName;
      await this.fs.rename(op.target, entry.backup);
    } else {
      const linked = await this.placeNewFile(entry.temp!, op.target);
      entry.committed = true;
      // A linked temp is a second name for the new file; a failure here leaves it recorded
      // for the rollback.
      if (linked) await this.fs.unlink(entry.temp!);
    }
    entry.committed = true;
    entry.temp = undefined;
  }

  /**
   * Puts a new file in place without ever replacing one that appeared meanwhile: link()
   * fails with EEXIST where rename() would silently overwrite. File systems without hard
   * links fall back to a check followed by rename. Resolves true when the temp was linked
   * (and so still exists), false when it was renamed.
   */
  private async placeNewFile(temp: string, target: string): Promise<boolean> {
    try {
      await this.fs.link(temp, target);
      return true;
    } catch (error) {
      if (!isLinkUnsupported(error)) throw error;
    }
    if (await this.exists(target)) throw Object.assign(new Error(`EEXIST: file already exists, link '${target}'`), { code: 'EEXIST' });
    await this.fs.rename(temp, target);
    return false;
  }

  /** A second name for the original content, so a rollback can rename it back. */
  private async makeBackup(target: string, backup: string): Promise<string> {
    try {
      await this.fs.link(target, backup);
    } catch (error) {
      if (!isLinkUnsupported(error)) throw error;
      await this.fs.copyFile(target, backup, fsConstants.COPYFILE_EXCL);
    }
    return backup;
  }

  /**
   * Creates `dir` and its missing parents, remembering each one for the rollback. Memoised
   * per directory, so files staged concurrently into one new directory create it once.
   */
  private ensureDirectory(dir: string): Promise<void> {
    let pending = this.directories.get(dir);
    if (pending === undefined) {
      pending = this.createDirectory(dir);
      this.directories.set(dir, pending);
    }
    return pending;
  }

  private async createDirectory(dir: string): Promise<void> {
    if (await this.exists(dir)) return;
    const parent = path.dirname(dir);
    if (parent !== dir) await this.ensureDirectory(parent);
    await this.fs.mkdir(dir);
    this.createdDirs.add(dir);
  }

  private async removeEmptyParents(target: string): Promise<void> {
    for (let dir = path.dirname(target); dir !== this.root && dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
      try {
        await this.fs.rmdir(dir);
      } catch {
        return; // Not empty (or gone): its parents are not empty either.
      }
    }
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await this.fs.lstat(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private async removeQuietly(file: string | undefined): Promise<void> {
    if (file !== undefined) await this.fs.unlink(file).catch(() => undefined);
  }
}

/**
 * A unique hidden name next to `target`: `.name.lambdashift-<pid>-<random>.<ext>`. Same
 * directory, so renames stay atomic; the original name is cut to 100 bytes so the whole
 * name stays within the usual 255-byte limit.
 */
export function siblingName(target: string, ext: 'tmp' | 'bak'): string {
  const base = truncateUtf8(path.basename(target), 100);
  return path.join(path.dirname(target), `.${base}.lambdashift-${process.pid}-${randomBytes(6).toString('hex')}.${ext}`);
}

/** Names {@link siblingName} gives: `.name.lambdashift-<pid>-<hex>.tmp|bak`. */
export const LEFTOVER_NAME = /^\..*\.lambdashift-(\d+)-[0-9a-f]+\.(tmp|bak)$/;

/** Whether a file name is a temp file or backup of a writer (this run's or a killed one's). */
export function isWriterLeftover(name: string): boolean {
  return LEFTOVER_NAME.test(name);
}

/** The longest prefix of `text`, in whole code points, that is at most `maxBytes` in UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

function isLinkUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EMLINK';
}

/** Makes renames in `dir` durable. Best effort: not every platform can open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await nodeFs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse; the data itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
