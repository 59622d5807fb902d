import { RUNTIME_PACKAGE } from './runtime-location';

import { ownVersion } from '../version';

/** Version range of lambdashift itself, for the target's dependency on the runtime. */
const ownVersionRange = (): string => `^${ownVersion()}`;

function detectIndent(text: string): string | number {
  const m = /^[ \t]+(?=")/m.exec(text);
  return m ? m[0] : 2;
}

/**
 * Adds `lambdashift` to dependencies and `@types/aws-lambda` to devDependencies when missing,
 * keeping the file's indentation, key order and trailing newline. Returns the text unchanged
 * when nothing is missing (so a second run changes nothing).
 */
export function addRuntimeDependencies(text: string, options: { runtime: boolean; types: boolean }): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  let changed = false;
  const ensure = (section: string, name: string, range: string): void => {
    const deps = (pkg[section] ?? {}) as Record<string, string>;
    const other = (pkg[section === 'dependencies' ? 'devDependencies' : 'dependencies'] ?? {}) as Record<string, string>;
    if (deps[name] || (section === 'devDependencies' && other[name])) return;
    deps[name] = range;
    pkg[section] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1)));
    changed = true;
  };
  if (options.runtime) ensure('dependencies', RUNTIME_PACKAGE.split('/')[0]!, ownVersionRange());
  if (options.types) ensure('devDependencies', '@types/aws-lambda', '^8.10.0');
  if (!changed) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = JSON.stringify(pkg, null, detectIndent(text)).replace(/\n/g, eol);
  return text.endsWith('\n') ? `${out}${eol}` : out;
}
