import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectInfo } from '../model/service-model';

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Version of a package as installed for the target (its node_modules, searched upwards). */
function installedVersion(root: string, name: string): string | null {
  let dir = root;
  for (;;) {
    const pkg = readJson(path.join(dir, 'node_modules', name, 'package.json'));
    if (pkg && typeof pkg.version === 'string') return pkg.version;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Packages whose installed version changes what the migration generates. */
const VERSIONED = ['express', 'koa', '@koa/router', 'koa-router', 'node-cron', 'cron', 'node-schedule'];

/** Reads what the migration needs to know about the target: language, module system, versions. */
export function readProjectInfo(root: string): ProjectInfo {
  const abs = path.resolve(root);
  const pkg = readJson(path.join(abs, 'package.json')) ?? {};
  const dependencies: Record<string, string> = {
    ...((pkg.devDependencies as Record<string, string>) ?? {}),
    ...((pkg.dependencies as Record<string, string>) ?? {}),
  };
  const installed: Record<string, string> = {};
  for (const name of VERSIONED) {
    const v = installedVersion(abs, name);
    if (v) installed[name] = v;
  }
  return {
    root: abs,
    ...(typeof pkg.name === 'string' && pkg.name ? { name: pkg.name } : {}),
    moduleSystem: pkg.type === 'module' ? 'esm' : 'cjs',
    typescript: fs.existsSync(path.join(abs, 'tsconfig.json')),
    dependencies,
    installed,
  };
}

/** Major version of a package: installed version first, else the declared range's first number. */
export function majorVersion(info: ProjectInfo, name: string): number | null {
  const v = info.installed[name] ?? info.dependencies[name];
  const m = v ? /(\d+)/.exec(v) : null;
  return m ? Number(m[1]) : null;
}
