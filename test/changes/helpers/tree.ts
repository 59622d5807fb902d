import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A file to put on disk: its content, and optionally its mode. */
export type TreeFile = string | { content: string; mode?: number };

/** What a file looks like on disk: exact bytes and whether the owner may execute it. */
export interface FileSnapshot {
  content: Buffer;
  mode: number;
}

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by {@link removeTempDirs}. */
export function makeTempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lambdashift-${label}-`)));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeTree(root: string, files: Record<string, TreeFile>): void {
  for (const [rel, file] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
    fs.writeFileSync(abs, content);
    if (mode !== undefined) fs.chmodSync(abs, mode);
  }
}

/** Every file under `root` except `.git`, keyed by POSIX relative path, in sorted order. */
export function readTree(root: string): Map<string, FileSnapshot> {
  const out = new Map<string, FileSnapshot>();
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (name === '.git') continue;
      const abs = path.join(dir, name);
      const stat = fs.lstatSync(abs);
      if (stat.isDirectory()) walk(abs);
      else out.set(path.relative(root, abs).split(path.sep).join('/'), { content: fs.readFileSync(abs), mode: stat.mode & 0o777 });
    }
  };
  walk(root);
  return out;
}

/** Every directory under `root` except `.git`, as POSIX relative paths. */
export function listDirectories(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (name === '.git' || !fs.lstatSync(abs).isDirectory()) continue;
      out.push(path.relative(root, abs).split(path.sep).join('/'));
      walk(abs);
    }
  };
  walk(root);
  return out;
}

/** Runs git with a configuration isolated from the machine's, returning stdout. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=lambdashift test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args],
    {
      cwd,
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' },
    },
  );
}

/** Makes `root` a git repository with everything in it committed. */
export function initCommittedRepo(root: string): void {
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '--allow-empty', '-m', 'before']);
}
