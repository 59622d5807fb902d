import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JournalEntry } from './file-transaction';

/** The lock file, at the root of the tree being written; also the journal of the write. */
export const LOCK_FILE = '.lambdashift.lock';

/** What the lock file holds. */
interface LockRecord {
  pid: number;
  host: string;
  startedAt: string;
  /** How far the write got: nothing renamed yet, renames under way, all renamed. */
  state: 'staging' | 'committing' | 'committed';
  journal: JournalEntry[];
}

/** Another run is writing to the same tree right now. */
export class TreeLockedError extends Error {
  override readonly name = 'TreeLockedError';
  constructor(
    readonly lockFile: string,
    readonly holder: { pid: number; host: string; startedAt: string },
  ) {
    super(
      `another lambdashift run (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}) is writing to this service; ` +
        `wait for it to finish and run again (if no run is going on, delete ${lockFile})`,
    );
  }
}

/** What recovering from a killed run did. */
export interface Recovery {
  /** The killed run's state: how far its write had got. */
  state: LockRecord['state'];
  pid: number;
  /** Files put back as they were before the killed run (rolled back), or finished (rolled forward). */
  restored: number;
  /** Temp files and backups removed. */
  removed: number;
}

/** Locks held by this process, so a lock naming our own pid is never mistaken for a stale one. */
const held = new Set<string>();

/**
 * An exclusive lock on a tree for the duration of one write, doubling as the write's journal:
 * the lock file lists every temp file, backup and target before anything is written, and the
 * phase the write is in. A run killed mid-write (SIGKILL, power loss) leaves it behind; the
 * next run finds its owner dead and {@link recoverInterruptedWrite} undoes the half-done write
 * (or completes its clean-up), so every file is as before that run and no temp file remains.
 */
export class WriteLock {
  private constructor(
    private readonly file: string,
    private current: LockRecord,
  ) {}

  /** Takes the lock on `root`, first recovering from a killed run; throws {@link TreeLockedError} while another run holds it. */
  static async acquire(root: string): Promise<{ lock: WriteLock; recovery: Recovery | null }> {
    const file = path.join(root, LOCK_FILE);
    const recovery = await recoverInterruptedWrite(root);
    const record: LockRecord = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), state: 'staging', journal: [] };
    // Written whole beside it, then linked into place: link() fails if the lock exists, and a
    // concurrent reader never sees a half-written lock.
    const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, JSON.stringify(record), { mode: 0o644 });
    try {
      await fs.link(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Taken between our check and our create: another run won the race.
      const other = await readLock(file).catch(() => null);
      throw new TreeLockedError(file, other ?? { pid: 0, host: 'unknown', startedAt: 'just now' });
    } finally {
      await fs.unlink(temp).catch(() => undefined);
    }
    held.add(file);
    return { lock: new WriteLock(file, record), recovery };
  }

  /** Records the phase (and the journal) durably before the write moves on to it. */
  async record(state: LockRecord['state'], journal?: JournalEntry[]): Promise<void> {
    this.current = { ...this.current, state, journal: journal ?? this.current.journal };
    const temp = `${this.file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w', 0o644);
    try {
      await handle.writeFile(JSON.stringify(this.current));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
  }

  /**
   * Leaves the journal for the next run (a rollback could not restore every file) but marks
   * it ownerless, so that run, even in this process, retries the rollback.
   */
  async abandon(): Promise<void> {
    this.current = { ...this.current, pid: 0 };
    await this.record('committing');
    held.delete(this.file);
  }

  async release(): Promise<void> {
    held.delete(this.file);
    await fs.unlink(this.file).catch(() => undefined);
  }
}

/**
 * Finds the lock a killed run left on `root` and undoes its write: before its renames began,
 * only its temp files go; during them, every replaced or deleted file is renamed back from its
 * backup and every file it created (recognised by content hash) is removed; after them, its
 * leftover backups go. Resolves null when there is nothing to recover; throws
 * {@link TreeLockedError} when the lock's owner is still running.
 */
export async function recoverInterruptedWrite(root: string): Promise<Recovery | null> {
  const file = path.join(root, LOCK_FILE);
  const record = await readLock(file);
  if (record === null) {
    if (await exists(file)) throw new Error(`${file} is not a lambdashift lock file; move it away and run again`);
    return null;
  }
  if (held.has(file) || !isDead(record)) throw new TreeLockedError(file, record);

  let restored = 0;
  let removed = 0;
  const remove = async (p: string): Promise<void> => {
    if (await fs.unlink(p).then(() => true, () => false)) removed++;
  };
  if (record.state === 'committing') {
    for (const entry of [...record.journal].reverse()) {
      if (entry.kind === 'create') {
        if (entry.sha256 !== undefined && (await sha256(entry.target)) === entry.sha256) {
          await fs.unlink(entry.target);
          restored++;
        }
      } else if (await exists(entry.backup)) {
        await fs.rename(entry.backup, entry.target);
        restored++;
      }
      await remove(entry.temp);
    }
  } else {
    for (const entry of record.journal) {
      await remove(entry.temp);
      if (record.state === 'committed') await remove(entry.backup);
    }
  }
  await fs.unlink(file);
  return { state: record.state, pid: record.pid, restored, removed };
}

/** One line for the user about a recovery. */
export function describeRecovery(recovery: Recovery): string {
  const what =
    recovery.state === 'committing'
      ? `rolled back ${recovery.restored} file(s) to their state before it`
      : recovery.state === 'committed'
        ? 'its files were all written; finished its clean-up'
        : 'it had not changed any file yet';
  return `recovered from an interrupted write (pid ${recovery.pid}): ${what}; removed ${recovery.removed} temp/backup file(s)`;
}

async function readLock(file: string): Promise<LockRecord | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const record = JSON.parse(text) as LockRecord;
    if (typeof record.pid === 'number' && Array.isArray(record.journal)) return record;
  } catch {
    // Not ours: locks are only ever put in place whole.
  }
  return null;
}

/** Whether the lock's owner is gone: same host and no such process. Other hosts are assumed alive. */
function isDead(record: LockRecord): boolean {
  if (record.host !== os.hostname()) return false;
  if (record.pid === 0) return true;
  try {
    process.kill(record.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function sha256(file: string): Promise<string | null> {
  try {
    return createHash('sha256').update(await fs.readFile(file)).digest('hex');
  } catch {
    return null;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}
