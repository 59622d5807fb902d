/**
 * Bundles a migrated service's functions the way its generated serverless.yml deploys them:
 * serverless-esbuild with `custom.esbuild`'s settings, one bundle per function, written where
 * serverless-esbuild writes it (`.esbuild/.build/<handler dir>/<name>.js|.mjs`), so `__dirname`
 * inside a bundle is what it is in the deployed artifact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { parse } from 'yaml';

interface ServerlessYml {
  custom?: { esbuild?: Record<string, unknown> };
  functions?: Record<string, { handler?: string }>;
}

export interface DeployedBundle {
  /** Function name in serverless.yml. */
  name: string;
  /** Generated module it was built from, relative to the root. */
  module: string;
  /** Absolute path of the bundle. */
  file: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** esbuild options from serverless-esbuild's `custom.esbuild` (the keys lambdashift writes). */
export function esbuildOptionsFrom(settings: Record<string, unknown>): BuildOptions {
  const { outputFileExtension, exclude, packager, ...rest } = settings;
  void exclude;
  void packager;
  return { ...(rest as BuildOptions), ...(outputFileExtension ? { outExtension: { '.js': String(outputFileExtension) } } : {}) };
}

export async function bundleAsServerlessYml(root: string): Promise<DeployedBundle[]> {
  const doc = parse(fs.readFileSync(path.join(root, 'serverless.yml'), 'utf8')) as ServerlessYml;
  const options = esbuildOptionsFrom(doc.custom?.esbuild ?? {});
  const out: DeployedBundle[] = [];
  for (const [name, fn] of Object.entries(doc.functions ?? {})) {
    const handler = fn.handler ?? '';
    const stem = handler.slice(0, handler.lastIndexOf('.'));
    const module = SOURCE_EXTENSIONS.map((e) => stem + e).find((m) => fs.existsSync(path.join(root, m)));
    if (!module) throw new Error(`serverless.yml function ${name}: no module for handler ${handler}`);
    const ext = options.outExtension?.['.js'] ?? '.js';
    const file = path.join(root, '.esbuild', '.build', `${stem}${ext}`);
    await build({ ...options, entryPoints: [path.join(root, module)], outfile: file, absWorkingDir: root, logLevel: 'silent' });
    out.push({ name, module, file });
  }
  return out;
}
