import * as fs from 'node:fs';
import * as path from 'node:path';
import { scriptFiles } from '../scan/entry-graph';

/**
 * The file `npm start` / `node .` runs, relative to the root: the file the `start` script runs
 * (any runner: node, ts-node, tsx, nodemon, pm2..., with its options), else a `dev`/`serve`
 * script's, else package.json `main`; null when it cannot be told.
 */
export function findEntryPoint(root: string): string | null {
  let pkg: { main?: string; scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return null;
  }
  // The file `npm start` runs (`node -r tsconfig-paths/register dist/server.js` → dist/server.js),
  // else the one a dev/serve script runs, else main.
  const scripts = pkg.scripts ?? {};
  const candidates: string[] = ['start', 'dev', 'serve'].flatMap((name) => (typeof scripts[name] === 'string' ? scriptFiles(scripts[name]!) : []));
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
