import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | null = null;

/** lambdashift's own version, from its package.json (found upwards from this file: src/ or dist/src/). */
export function ownVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lambdashift' && pkg.version) return (cached = pkg.version);
    }
    if (path.dirname(dir) === dir) throw new Error('lambdashift package.json not found');
  }
}
