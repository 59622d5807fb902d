import * as path from 'node:path';
import { matchTextFormat } from './text-format';

export type FileStatus = 'created' | 'modified' | 'deleted' | 'unchanged' | 'failed';

/**
 * What a file is to a reviewer: code they wrote and must read (`source`), configuration and
 * infrastructure (`config`: package.json, serverless.yml, .gitattributes), or modules a tool
 * generated (`generated`). Printers show them in that order.
 */
export type FileRole = 'source' | 'config' | 'generated';

export interface FileError {
  message: string;
  /** 1-based, when known. */
  line?: number;
  /** 1-based, when known. */
  column?: number;
}

/** One file's fate in a run. `before`/`after` are null where the file does not exist. */
export interface FileChange {
  /** Relative to the ChangeSet root, POSIX separators. */
  path: string;
  status: FileStatus;
  before: string | null;
  after: string | null;
  /** File mode (permission bits) to give a created file, or the mode of the existing file. */
  mode?: number;
  error?: FileError;
}

/** Whether `file` is already a key: relative, `/`-separated, no empty, `.` or `..` segment, no drive. */
function isKey(file: string): boolean {
  if (file === '' || file.includes('\\') || file.includes(':')) return false;
  for (const segment of file.split('/')) if (segment === '' || segment === '.' || segment === '..') return false;
  return true;
}

/**
 * The in-memory set of created / modified / deleted files a run produces. Nothing here
 * touches disk: printers read it and the writer applies it.
 *
 * @example
 * import { ChangeSet } from 'lambdashift';
 * const changes = new ChangeSet('./service');
 * changes.create('lambda/health.ts', 'export const handler = async () => ({ statusCode: 200 });\n');
 * changes.modify('src/app.ts', 'const port = 3000;\n', 'const port = Number(process.env.PORT);\n');
 * changes.counts(); // → { created: 1, modified: 1, deleted: 0, unchanged: 0, failed: 0 }
 */
export class ChangeSet {
  readonly root: string;
  private readonly files = new Map<string, FileChange>();
  private readonly generatedDirs = new Set<string>();
  private readonly configFiles = new Set<string>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Normalises an absolute or root-relative path to the POSIX, root-relative key. */
  key(file: string): string {
    // Most callers pass a key already (the IaC and IAM readers, once per file they follow).
    if (isKey(file)) return file;
    const abs = path.isAbsolute(file) ? file : path.join(this.root, file);
    const rel = path.relative(this.root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new Error(`${file} is outside the target root ${this.root}`);
    }
    return rel.split(path.sep).join('/');
  }

  absolute(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  /** Records a new file. */
  create(file: string, content: string, mode?: number): FileChange {
    return this.put({ path: this.key(file), status: 'created', before: null, after: content, mode });
  }

  /**
   * Records an edit of an existing file; an identical result counts as unchanged.
   * `after` is first brought into `before`'s text format (CRLF line endings, BOM), so the
   * printed patch and the writer produce the same bytes and a LF-only rewrite of a CRLF
   * file does not show every line as changed.
   */
  modify(file: string, before: string, after: string, mode?: number): FileChange {
    const content = matchTextFormat(before, after);
    const status: FileStatus = before === content ? 'unchanged' : 'modified';
    return this.put({ path: this.key(file), status, before, after: content, mode });
  }

  /**
   * Records the wanted content of a file that may or may not exist yet (`existing` null):
   * created, modified or unchanged as appropriate. Generators use this so a second run
   * over migrated code reports no change.
   */
  upsert(file: string, existing: string | null, content: string, mode?: number): FileChange {
    return existing === null ? this.create(file, content, mode) : this.modify(file, existing, content, mode);
  }

  delete(file: string, before: string, mode?: number): FileChange {
    return this.put({ path: this.key(file), status: 'deleted', before, after: null, mode });
  }

  unchanged(file: string, content: string): FileChange {
    return this.put({ path: this.key(file), status: 'unchanged', before: content, after: content });
  }

  fail(file: string, error: FileError, before: string | null = null): FileChange {
    return this.put({ path: this.key(file), status: 'failed', before, after: before, error });
  }

  get(file: string): FileChange | undefined {
    return this.files.get(this.key(file));
  }

  has(file: string): boolean {
    return this.files.has(this.key(file));
  }

  /** All entries sorted by path, so every printer lists files in the same, stable order. */
  entries(): FileChange[] {
    return [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Entries that the writer must apply. */
  pending(): FileChange[] {
    return this.entries().filter((f) => f.status === 'created' || f.status === 'modified' || f.status === 'deleted');
  }

  counts(): Record<FileStatus, number> {
    const counts: Record<FileStatus, number> = { created: 0, modified: 0, deleted: 0, unchanged: 0, failed: 0 };
    for (const f of this.files.values()) counts[f.status]++;
    return counts;
  }

  /** Marks every file under `dir` (root-relative), present or future, as generated. */
  markGenerated(dir: string): void {
    this.generatedDirs.add(this.key(dir));
  }

  /** Marks a file as configuration or infrastructure. */
  markConfig(file: string): void {
    this.configFiles.add(this.key(file));
  }

  /** The role of a file (see {@link FileRole}); `source` unless marked. */
  roleOf(file: string): FileRole {
    const key = this.key(file);
    for (const dir of this.generatedDirs) if (dir === '' || key === dir || key.startsWith(dir + '/')) return 'generated';
    return this.configFiles.has(key) ? 'config' : 'source';
  }

  /**
   * Copies every entry and role mark into `target`, whose root must be this root or one of
   * its ancestors: paths gain the prefix between the two (`services/api/` + `src/app.ts`).
   */
  copyInto(target: ChangeSet): void {
    const prefix = target.key(this.root);
    const moved = (key: string): string => (prefix === '' ? key : key === '' ? prefix : `${prefix}/${key}`);
    for (const change of this.files.values()) target.put({ ...change, path: moved(change.path) });
    for (const dir of this.generatedDirs) target.generatedDirs.add(moved(dir));
    for (const file of this.configFiles) target.configFiles.add(moved(file));
  }

  /** Adds a prepared entry (used when merging results from worker threads). */
  put(change: FileChange): FileChange {
    this.files.set(change.path, change);
    return change;
  }
}
