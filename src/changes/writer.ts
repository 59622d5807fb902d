import { promises as nodeFs } from 'node:fs';
import type { ChangeSet, FileChange } from './change-set';
import {
  FileTransaction,
  type PlannedOperation,
  type RollbackFailure,
  type TransactionProgress,
  type WriterFileSystem,
} from './file-transaction';
import { describeGitStatus, uncommittedFiles } from './git-status';
import { RootGuard } from './root-guard';
import { WriteLock, type Recovery } from './write-lock';

export type { RollbackFailure, WriterFileSystem } from './file-transaction';
export type WriteProgress = TransactionProgress;

export interface WriteOptions {
  /**
   * Write even when files to be touched have uncommitted changes in git. It does not
   * override the checks that files are still as the run read them: those protect edits
   * made after the run, which the reviewed diff does not show.
   */
  force: boolean;
  /** File-system operations; a test seam for injecting failures. Defaults to `fs.promises`. */
  fs?: WriterFileSystem;
  /** Called after each file is staged and each file is committed, e.g. for a progress line. */
  onProgress?: (progress: WriteProgress) => void;
  /** Called when a write a killed run left half-done was undone before this one. */
  onRecovery?: (recovery: Recovery) => void;
}

/** What the writer did, with paths relative to the ChangeSet root, sorted. */
export interface WriteOutcome {
  /** Files created or modified. */
  written: string[];
  deleted: string[];
}

export type WriteRefusal = 'uncommitted-changes' | 'conflict';

/** A file the writer will not touch, and why. */
export interface RefusedFile {
  path: string;
  problem: string;
}

/**
 * Nothing was written because a safety check failed; `files` says which files and why.
 *
 * @example
 * import { applyChangeSet, WriteRefusedError } from 'lambdashift';
 * await applyChangeSet(changes, { force: false }).catch((err) => {
 *   if (!(err instanceof WriteRefusedError)) throw err;
 *   for (const f of err.files) console.error(`${f.path}: ${f.problem}`); // src/app.ts: changed on disk since it was read
 * });
 */
export class WriteRefusedError extends Error {
  override readonly name = 'WriteRefusedError';

  constructor(
    readonly reason: WriteRefusal,
    readonly files: RefusedFile[],
  ) {
    super(refusalMessage(reason, files));
  }
}

/**
 * A write failed and the rollback could not restore every file. The message lists the
 * files that may be left changed and where their original content was kept.
 */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';

  constructor(
    override readonly cause: Error,
    readonly rollbackFailures: RollbackFailure[],
  ) {
    super(
      `writing failed (${cause.message}) and these files could not be restored:\n` +
        rollbackFailures
          .map((f) => `  ${f.path}: ${f.error.message}${f.backup ? ` (original kept in ${f.backup})` : ''}`)
          .join('\n'),
    );
  }
}

/**
 * Applies the created, modified and deleted entries of a ChangeSet to disk, all or nothing.
 *
 * Before anything is written it refuses ({@link WriteRefusedError}) when
 * - the root is in a git work tree and a file to be touched has uncommitted changes
 *   (modified, staged or untracked), unless `force`;
 * - a file to be created already exists, or a file to be modified or deleted is missing, is
 *   not a regular file, or no longer has the content the run read (even with `force`);
 * - a file would be written outside the root through a symbolic link (`lambda -> /elsewhere`).
 *
 * Every file is then written to a synced temp file beside it and renamed into place; if any
 * step fails, the files already replaced are restored and new files and directories removed
 * before the error is rethrown. Modified files keep their mode (and owner, when run as root);
 * created files get their entry's `mode`, or 0o644. Content is written exactly as held in
 * the ChangeSet, whose `modify` has already matched line endings and BOM to the original.
 *
 * @example
 * import { migrate, applyChangeSet } from 'lambdashift';
 * const { changes } = await migrate({ root: './service' });
 * const { written, deleted } = await applyChangeSet(changes, { force: false });
 * // written: created and modified paths, deleted: removed ones (root-relative, sorted)
 */
export async function applyChangeSet(changes: ChangeSet, options: WriteOptions): Promise<WriteOutcome> {
  const fs = options.fs ?? nodeFs;
  const pending = changes.pending();
  const outcome: WriteOutcome = {
    written: pending.filter((c) => c.status !== 'deleted').map((c) => c.path),
    deleted: pending.filter((c) => c.status === 'deleted').map((c) => c.path),
  };
  if (pending.length === 0) return outcome;

  const rootStat = await fs.lstat(changes.root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new Error(`target root ${changes.root} is not a directory`);

  // One writer per tree; a run killed mid-write is undone first (see write-lock.ts).
  const { lock, recovery } = await WriteLock.acquire(changes.root);
  if (recovery) options.onRecovery?.(recovery);
  let keepLock = false;
  try {
    if (!options.force) await refuseUncommittedChanges(changes.root, pending);
    const operations = await planOperations(changes, pending, fs);

    const transaction = new FileTransaction(changes.root, operations, fs, options.onProgress);
    await lock.record('staging', transaction.journal());
    try {
      await transaction.stage();
      await lock.record('committing');
      await transaction.commit();
    } catch (error) {
      const failures = await transaction.rollback();
      // Backups the rollback could not rename back stay listed, for the next run to retry.
      if (failures.length > 0) {
        keepLock = true;
        throw new WriteFailedError(error as Error, failures);
      }
      throw error;
    }
    await lock.record('committed');
    await transaction.finish();
    return outcome;
  } finally {
    await (keepLock ? lock.abandon() : lock.release());
  }
}

async function refuseUncommittedChanges(root: string, pending: FileChange[]): Promise<void> {
  const dirty = await uncommittedFiles(root);
  if (dirty === null) return;
  const touched = new Set(pending.map((c) => c.path));
  const refused = dirty
    .filter((file) => touched.has(file.path))
    .map((file) => ({ path: file.path, problem: describeGitStatus(file.status) }));
  if (refused.length > 0) throw new WriteRefusedError('uncommitted-changes', dedupe(refused));
}

/** Checks every file against what the ChangeSet expects and turns it into an operation. */
async function planOperations(changes: ChangeSet, pending: FileChange[], fs: WriterFileSystem): Promise<PlannedOperation[]> {
  const refused: RefusedFile[] = [];
  const operations: PlannedOperation[] = [];
  // Sequential on purpose: reads are fast, and this bounds memory to one file at a time.
  const guard = new RootGuard(changes.root);
  for (const change of pending) {
    const target = changes.absolute(change.path);
    const escape = await guard.escape(target);
    if (escape !== null) {
      refused.push({ path: change.path, problem: `leads outside the root through a symbolic link (to ${escape})` });
      continue;
    }
    const stat = await fs.lstat(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      if (error.code === 'ENOTDIR') return 'not-a-directory' as const;
      throw error;
    });

    if (change.status === 'created') {
      if (stat === 'not-a-directory') refused.push({ path: change.path, problem: 'a parent path is a file, not a directory' });
      else if (stat !== null) refused.push({ path: change.path, problem: 'already exists, but the change set expected to create it' });
      else operations.push({ kind: 'create', key: change.path, target, content: change.after ?? '', mode: (change.mode ?? 0o644) & 0o7777 });
      continue;
    }

    if (stat === null || stat === 'not-a-directory') {
      refused.push({ path: change.path, problem: 'no longer exists' });
      continue;
    }
    if (stat.isSymbolicLink()) {
      // Neither a rename nor `git apply` would write through the link; refuse rather than
      // replace the link with a regular file.
      refused.push({ path: change.path, problem: 'is a symbolic link' });
      continue;
    }
    if (!stat.isFile()) {
      refused.push({ path: change.path, problem: 'is not a regular file' });
      continue;
    }
    // Compare bytes, not decoded text: a file that is not valid UTF-8 would not round-trip.
    const current = await fs.readFile(target);
    if (!current.equals(Buffer.from(change.before ?? '', 'utf8'))) {
      refused.push({ path: change.path, problem: 'changed on disk since it was read' });
      continue;
    }
    if (change.status === 'deleted') {
      operations.push({ kind: 'delete', key: change.path, target });
    } else {
      operations.push({
        kind: 'replace',
        key: change.path,
        target,
        content: change.after ?? '',
        mode: stat.mode & 0o7777,
        uid: stat.uid,
        gid: stat.gid,
      });
    }
  }
  if (refused.length > 0) throw new WriteRefusedError('conflict', refused);
  return operations;
}

/** A path can be reported twice (e.g. staged deletion + untracked); list it once. */
function dedupe(files: RefusedFile[]): RefusedFile[] {
  const problems = new Map<string, string[]>();
  for (const file of files) {
    const list = problems.get(file.path) ?? [];
    if (!list.includes(file.problem)) list.push(file.problem);
    problems.set(file.path, list);
  }
  return [...problems].map(([file, list]) => ({ path: file, problem: list.join(', ') }));
}

/** How many refused files the message lists; the error's `files` has them all. */
const LISTED_FILES = 20;

function refusalMessage(reason: WriteRefusal, files: RefusedFile[]): string {
  const head =
    reason === 'uncommitted-changes'
      ? `refusing to write: ${files.length} file(s) to be changed have uncommitted changes; commit or stash them, or pass --force:`
      : `refusing to write: ${files.length} file(s) are not as the run found them; run again:`;
  const lines = files.slice(0, LISTED_FILES).map((f) => `  ${f.path}: ${f.problem}`);
  if (files.length > LISTED_FILES) lines.push(`  ... and ${files.length - LISTED_FILES} more`);
  return [head, ...lines].join('\n');
}
