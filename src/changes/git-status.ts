import { execFile } from 'node:child_process';

/** A path with uncommitted changes, relative to the directory git was asked about. */
export interface UncommittedFile {
  /** POSIX path relative to the queried directory. */
  path: string;
  /** The two-letter porcelain status, e.g. ` M`, `A `, `??`. */
  status: string;
}

/** What `git status` reports for a porcelain code, in words for error messages. */
export function describeGitStatus(status: string): string {
  if (status === '??') return 'untracked';
  if (status.includes('U') || status === 'AA' || status === 'DD') return 'unmerged';
  const staged = status[0] !== ' ';
  const unstaged = status[1] !== ' ';
  if (staged && unstaged) return 'staged and modified';
  return staged ? 'staged' : 'modified';
}

/**
 * Lists the files under `dir` that have uncommitted changes: modified, staged, deleted,
 * unmerged or untracked (each untracked file individually, not just its directory).
 * Resolves null when `dir` is not inside a git work tree or git is not installed; any other
 * git failure rejects, because then nothing can be promised about the files.
 */
export async function uncommittedFiles(dir: string): Promise<UncommittedFile[] | null> {
  let prefix: string;
  try {
    const out = await git(dir, ['rev-parse', '--is-inside-work-tree', '--show-prefix']);
    const [inside, shownPrefix = ''] = out.split('\n');
    if (inside !== 'true') return null;
    prefix = shownPrefix;
  } catch (error) {
    if (isNotARepository(error)) return null;
    throw new Error(`cannot check the git status of ${dir}: ${(error as Error).message}`);
  }

  // --no-optional-locks: do not refresh the index (a write) behind a concurrent git's back.
  // Porcelain paths are relative to the top level, so the prefix of `dir` is stripped.
  const out = await git(dir, ['--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all', '--', '.']);
  return parsePorcelainZ(out)
    .filter((entry) => entry.path.startsWith(prefix))
    .map((entry) => ({ path: entry.path.slice(prefix.length), status: entry.status }));
}

/**
 * Parses `git status --porcelain -z`: NUL-terminated `XY path` records; a rename or copy is
 * followed by one more field, its source path, which is reported as changed too.
 */
export function parsePorcelainZ(output: string): UncommittedFile[] {
  const fields = output.split('\0');
  const files: UncommittedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const record = fields[i];
    if (record.length < 4) continue;
    const status = record.slice(0, 2);
    files.push({ status, path: record.slice(3) });
    if (/[RC]/.test(status) && i + 1 < fields.length) files.push({ status, path: fields[++i] });
  }
  return files;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      // LC_ALL=C: error messages are matched below. The buffer allows huge untracked trees.
      { cwd, env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          reject(Object.assign(new Error(stderr.trim() || error.message), { code }));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

function isNotARepository(error: unknown): boolean {
  const err = error as NodeJS.ErrnoException;
  // ENOENT: no git binary, so there is no work tree we could be asked to protect.
  return err.code === 'ENOENT' || /not a git repository/i.test(err.message);
}
