import { RUNTIME_PACKAGE } from './runtime-location';

import { ownVersion } from '../version';

/** Version range of lambdashift itself, for the target's dependency on the runtime. */
const ownVersionRange = (): string => `^${ownVersion()}`;

function detectIndent(text: string): string | number {
  const m = /^[ \t]+(?=")/m.exec(text);
  return m ? m[0] : 2;
}

/** A package to make sure the target depends on. */
export interface DependencyWanted {
  name: string;
  range: string;
  dev: boolean;
}

/**
 * Adds the packages that are missing (a dev dependency already listed in dependencies counts
 * as present; a runtime dependency listed in devDependencies moves to dependencies), keeping the file's indentation, key order and trailing newline. Returns the text
 * unchanged when nothing is missing (so a second run changes nothing).
 */
export function addDependencies(text: string, wanted: readonly DependencyWanted[]): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  let changed = false;
  for (const { name, range, dev } of wanted) {
    const section = dev ? 'devDependencies' : 'dependencies';
    const deps = (pkg[section] ?? {}) as Record<string, string>;
    const other = (pkg[dev ? 'dependencies' : 'devDependencies'] ?? {}) as Record<string, string>;
    if (deps[name] || (dev && other[name])) continue;
    // Installed for the CLI (`npm install --save-dev lambdashift`) but needed by the deployed
    // code: moved to dependencies with its range, so it is listed once.
    const moved = !dev ? other[name] : undefined;
    if (moved !== undefined) {
      delete other[name];
      if (Object.keys(other).length === 0) delete pkg.devDependencies;
    }
    deps[name] = moved ?? range;
    pkg[section] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
    changed = true;
  }
  if (!changed) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(pkg, null, detectIndent(text)).replace(/\n/g, eol);
  return text.endsWith('\n') ? `${out}${eol}` : out;
}

/** Adds `lambdashift` to dependencies and `@types/aws-lambda` to devDependencies when missing (see addDependencies). */
export function addRuntimeDependencies(text: string, options: { runtime: boolean; types: boolean }, extra: readonly DependencyWanted[] = []): string {
  const wanted: DependencyWanted[] = [];
  if (options.runtime) wanted.push({ name: RUNTIME_PACKAGE.split('/')[0]!, range: ownVersionRange(), dev: false });
  if (options.types) wanted.push({ name: '@types/aws-lambda', range: '^8.10.0', dev: true });
  return addDependencies(text, [...wanted, ...extra]);
}
