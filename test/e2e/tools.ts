/**
 * Resolves the test-only tools (osls, serverless-offline, serverless-esbuild, ajv) from the
 * project's devDependencies. `LAMBDASHIFT_E2E_TOOLS` may name another directory with its own
 * node_modules, for trying the tests before the packages are added to package.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Directories to resolve tools from: the project, then `LAMBDASHIFT_E2E_TOOLS`. */
export function toolPaths(): string[] {
  const extra = process.env.LAMBDASHIFT_E2E_TOOLS;
  return extra ? [ROOT, path.resolve(extra)] : [ROOT];
}

/** Absolute path of `specifier` (a package or a file inside one). */
export function resolveTool(specifier: string): string {
  try {
    return require.resolve(specifier, { paths: toolPaths() });
  } catch {
    throw new Error(`${specifier} is not installed: it is a devDependency of lambdashift (npm ci), or set LAMBDASHIFT_E2E_TOOLS to a directory that has it`);
  }
}

/** The directory of an installed package (`<...>/node_modules/<name>`), found as Node would look for it. */
export function packageDir(name: string): string {
  for (const start of toolPaths()) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`${name} is not installed: it is a devDependency of lambdashift (npm ci), or set LAMBDASHIFT_E2E_TOOLS to a directory that has it`);
}

export function requireTool<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(resolveTool(name)) as T;
}

/**
 * The osls package: installed as `osls`, or as `serverless` through the npm alias
 * `serverless@npm:osls`, which also satisfies serverless-offline's peer dependency on
 * `serverless` without installing the Serverless Framework v4 package (whose install step
 * downloads a binary).
 */
export function oslsDir(): string {
  try {
    return packageDir('osls');
  } catch {
    const dir = packageDir('serverless');
    const name = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name;
    if (name !== 'osls') throw new Error(`node_modules/serverless is ${name}, not osls: install it as "serverless": "npm:osls@^4.3.1"`);
    return dir;
  }
}
