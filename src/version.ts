import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: { root: string; version: string } | null = null;

/** lambdashift's package root and version, from its package.json (found upwards from src/ or dist/src/). */
function ownPackage(): { root: string; version: string } {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lambdashift' && pkg.version) return (cached = { root: dir, version: pkg.version });
    }
    if (path.dirname(dir) === dir) throw new Error('lambdashift package.json not found');
  }
}

/** lambdashift's own version. */
export function ownVersion(): string {
  return ownPackage().version;
}

/** Directory of lambdashift's package.json. */
export function ownPackageRoot(): string {
  return ownPackage().root;
}
