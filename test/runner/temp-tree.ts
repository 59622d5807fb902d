import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Creates a temporary directory holding `files` (POSIX relative path → content). */
export function makeTree(files: Record<string, string>, prefix = 'lambdashift-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  writeTree(dir, files);
  return dir;
}

/** Writes `files` under `dir`, creating directories as needed. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Reads every regular file under `dir` (skipping `.git`) into a POSIX relative path → content map. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') visit(rel);
      } else if (entry.isFile()) {
        out[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
      }
    }
  };
  visit('');
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
