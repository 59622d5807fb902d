import * as fs from 'node:fs';
import * as path from 'node:path';
import { FRAMEWORK_PACKAGES } from '../scan/entry-graph';

type Pkg = { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; workspaces?: unknown };

function readPkg(dir: string): Pkg | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Pkg;
  } catch {
    return null;
  }
}

/** The framework packages a package.json depends on (dependencies or devDependencies). */
export function frameworkDependencies(pkg: Pkg | null): string[] {
  const deps = { ...(pkg?.devDependencies ?? {}), ...(pkg?.dependencies ?? {}) };
  return FRAMEWORK_PACKAGES.filter((p) => p in deps);
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);

/** Folders below `root` (up to 3 levels) whose package.json depends on a framework. */
function nestedServices(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 3 || out.length >= 20) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= 20) return;
      if (!e.isDirectory() || SKIP.has(e.name) || e.name.startsWith('.')) continue;
      const sub = path.join(dir, e.name);
      if (frameworkDependencies(readPkg(sub)).length) out.push(path.relative(root, sub).split(path.sep).join('/'));
      else walk(sub, depth + 1);
    }
  };
  walk(root, 1);
  return out;
}

/**
 * Why `root` is not a service folder `migrate` can work on, with what to run instead, or null
 * when it is one: it needs a package.json, and a folder whose own package.json declares no
 * framework but holds services below it (a monorepo parent) is not one.
 */
export function serviceRootProblem(root: string, shown: string): string | null {
  const pkg = readPkg(root);
  const nested = frameworkDependencies(pkg).length ? [] : nestedServices(root);
  if (nested.length) {
    const dirs = nested.map((d) => path.join(shown, d).split(path.sep).join('/'));
    const many = nested.length >= 20 ? 'many services' : nested.length === 1 ? 'a service' : `${nested.length} services`;
    const listed = nested.length > 6 ? `${nested.slice(0, 6).join(', ')}, …` : nested.join(', ');
    const run = nested.length > 6 ? `${dirs.slice(0, 6).join(' ')} …` : dirs.join(' ');
    return `${shown} holds ${many} below it (${listed}), not one service; migrate the services themselves: lambdashift migrate ${run}`;
  }
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    for (let dir = path.dirname(root); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json'))) {
        const target = path.join(shown, path.relative(root, dir)).split(path.sep).join('/');
        return `${shown} has no package.json; it belongs to the service in ${target}: run lambdashift migrate ${target}`;
      }
    }
    return `${shown} has no package.json: run lambdashift migrate in the folder that holds the service's package.json`;
  }
  return null;
}

/**
 * The error of a service that depends on a framework but in which the scan found nothing to
 * migrate (no app, router or job): located at the dependency in package.json, with a hint.
 */
export function nothingFoundProblem(root: string, found: number, entries: readonly string[]): { line: number; column: number; message: string } | null {
  if (found) return null;
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  } catch {
    return null;
  }
  const deps = frameworkDependencies(JSON.parse(text) as Pkg);
  if (!deps.length) return null;
  const at = text.indexOf(`"${deps[0]}"`);
  const before = at < 0 ? '' : text.slice(0, at);
  const line = before.split('\n').length;
  const column = at < 0 ? 1 : at - before.lastIndexOf('\n');
  const from = entries.length ? `the files reached from ${entries.join(', ')}` : 'the service\'s files';
  return {
    line,
    column,
    message: `the service depends on ${deps.join(', ')} but no app, router or job was found in ${from}; if the app is created where the scan does not look, pass --entry <file> (the file that starts it), and check --include/--exclude`,
  };
}
