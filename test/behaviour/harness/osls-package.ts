/**
 * Packages a migrated service with the real `osls package` (serverless-esbuild, as its
 * generated serverless.yml says) and unzips every function's artifact into one folder standing
 * for Lambda's /var/task, so its bundles can be loaded from there (cwd = that folder) and
 * replayed with `bundleDifferences`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { RunResult } from '../../../src/model/run-result';
import { runSls } from '../../e2e/offline';
import { oslsDir } from '../../e2e/tools';
import type { DeployedBundle } from './deployed-bundles';
import { keepOriginalTimes } from './workspace';

interface Zip {
  files: Record<string, { dir: boolean; async(kind: 'nodebuffer'): Promise<Buffer> }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require(require.resolve('jszip', { paths: [oslsDir()] })) as { loadAsync(data: Buffer): Promise<Zip> };

/** Unzips `zip` into `into`; files keep the original's modification time (Last-Modified is the package's, not behaviour). */
export async function unzip(zip: string, into: string, original: string): Promise<string[]> {
  const archive = await JSZip.loadAsync(fs.readFileSync(zip));
  const out: string[] = [];
  for (const [name, entry] of Object.entries(archive.files)) {
    if (entry.dir) continue;
    const target = path.join(into, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, await entry.async('nodebuffer'));
    keepOriginalTimes(target, original, name);
    out.push(name);
  }
  return out.sort();
}

export interface OslsPackage {
  /** Every file of every artifact (root-relative, sorted; a file in several zips is listed once per zip). */
  files: string[];
  /** The artifacts: file name and size in bytes. */
  zips: Array<{ name: string; bytes: number }>;
  /** Each function's bundle inside `task`. */
  bundles: DeployedBundle[];
}

/**
 * Runs `osls package` in the migrated `copy` and unzips the artifacts into `task`
 * (modification times taken from `original`). `result` is the migration of `copy`.
 */
export async function packageWithOsls(copy: string, task: string, original: string, result: RunResult): Promise<OslsPackage> {
  const packed = await runSls(copy, ['package'], 240000);
  if (packed.code !== 0) throw new Error(`osls package failed:\n${packed.output}`);
  const out = path.join(copy, '.serverless');
  const zips = fs.readdirSync(out).filter((f) => f.endsWith('.zip')).sort();
  const files: string[] = [];
  for (const zip of zips) files.push(...(await unzip(path.join(out, zip), task, original)));
  const yml = parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: { outputFileExtension?: string } }; functions: Record<string, { handler: string }> };
  const bundles = Object.entries(yml.functions).map(([fnName, fn]) => {
    const stem = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
    const module = result.functions.find((f) => f.name === fnName)!.module;
    return { name: fnName, module, file: path.join(task, `${stem}${yml.custom.esbuild.outputFileExtension ?? '.js'}`) };
  });
  return { files: files.sort(), zips: zips.map((name) => ({ name, bytes: fs.statSync(path.join(out, name)).size })), bundles };
}
