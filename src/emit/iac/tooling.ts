/**
 * The packages a generated IaC file needs to deploy as written: the Serverless plugins it
 * lists and the bundler behind them, or esbuild for SAM's `BuildMethod: esbuild`. Ranges are
 * the ones lambdashift itself is tested with (its own package.json), so the service installs
 * what the end-to-end test packaged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DependencyWanted } from '../package-json';
import { ownPackageRoot } from '../../version';

/** Used when lambdashift's package.json does not name a package (it always should). */
const FALLBACK: Record<string, string> = {
  esbuild: '^0.28.0',
  'serverless-esbuild': '^1.57.0',
  'serverless-iam-roles-per-function': '^3.2.0',
  'aws-cdk': '^2.1149.0',
  'aws-cdk-lib': '^2.278.0',
  constructs: '^10.8.1',
  tsx: '^4.23.15',
};

/** Plugins whose presence in serverless.yml needs packages in the service. */
const PLUGIN_PACKAGES: Record<string, string[]> = {
  'serverless-esbuild': ['serverless-esbuild', 'esbuild'],
  'serverless-iam-roles-per-function': ['serverless-iam-roles-per-function'],
};

let ranges: Record<string, string> | null = null;

function ownRange(name: string): string {
  if (ranges === null) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(ownPackageRoot(), 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      ranges = { ...pkg.devDependencies, ...pkg.dependencies };
    } catch {
      ranges = {};
    }
  }
  const range = ranges[name];
  return range && /^[~^]?\d/.test(range) ? range : FALLBACK[name]!;
}

/** Dev dependencies for the plugins a serverless.yml lists (those lambdashift knows). */
export function serverlessDevDependencies(plugins: readonly string[]): DependencyWanted[] {
  const names = [...new Set(plugins.flatMap((p) => PLUGIN_PACKAGES[p] ?? []))];
  return names.map((name) => ({ name, range: ownRange(name), dev: true }));
}

/** Dev dependencies of a SAM template whose functions build with esbuild. */
export function samDevDependencies(): DependencyWanted[] {
  return [{ name: 'esbuild', range: ownRange('esbuild'), dev: true }];
}

/**
 * Dev dependencies of the CDK app: the library and its `constructs` peer, the CLI, tsx (cdk.json
 * runs the TypeScript app with it) and esbuild (NodejsFunction bundles locally with it, not in Docker).
 */
export function cdkDevDependencies(): DependencyWanted[] {
  return ['aws-cdk', 'aws-cdk-lib', 'constructs', 'esbuild', 'tsx'].map((name) => ({ name, range: ownRange(name), dev: true }));
}
