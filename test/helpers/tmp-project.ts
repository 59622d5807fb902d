import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Writes `files` (relative path → content) into a fresh temp directory and returns its path. */
export function writeProject(files: Record<string, string>, prefix = 'lambdashift-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** Copies a directory tree (skipping node_modules) into a fresh temp directory. */
export function copyTree(src: string, prefix = 'lambdashift-copy-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(src, dir, { recursive: true, filter: (s) => !s.split(path.sep).includes('node_modules') });
  return dir;
}
