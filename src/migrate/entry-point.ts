import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The file `npm start` / `node .` runs, relative to the root, from package.json `main` or a
 * `node <file>` / `ts-node <file>` / `tsx <file>` start script; null when it cannot be told.
 */
export function findEntryPoint(root: string): string | null {
  let pkg: { main?: string; scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return null;
  }
  const candidates: string[] = [];
  const start = pkg.scripts?.start;
  const m = start ? /(?:^|\s)(?:node|ts-node|tsx|nodemon)(?:\s+-[^\s]+)*\s+([^\s&|;]+)/.exec(start) : null;
  if (m) candidates.push(m[1]!);
  if (pkg.main) candidates.push(pkg.main);
  for (const c of candidates) {
    const base = path.posix.normalize(c.replace(/^\.\//, ''));
    for (const ext of ['', '.js', '.ts', '.mjs', '.cjs', '/index.js', '/index.ts']) {
      const rel = base + ext;
      if (fs.existsSync(path.join(root, rel)) && fs.statSync(path.join(root, rel)).isFile()) return rel;
    }
    // `dist/server.js` built from `src/server.ts`
    const fromSrc = base.replace(/^(dist|build|lib)\//, 'src/').replace(/\.js$/, '.ts');
    if (fs.existsSync(path.join(root, fromSrc))) return fromSrc;
  }
  return null;
}
