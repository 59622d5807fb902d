/**
 * Which infrastructure-as-code lambdashift writes, and for which API Gateway flavour.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRuntime, DEFAULT_RUNTIME } from './runtimes';

export { DEFAULT_RUNTIME, RUNTIME_PATTERN, checkRuntime, NODE_RUNTIMES } from './runtimes';

/** `serverless`: serverless.yml (Serverless Framework v3 / osls); `sam`: template.yaml; `cdk`: an AWS CDK app (cdk/); `none`: no IaC. */
export type IacFormat = 'serverless' | 'sam' | 'cdk' | 'none';

/** Where inferred IAM statements go: each function's own role (default), or one role for the stack. */
export type IamScope = 'function' | 'stack';

/** `http`: HTTP API, payload v2 (default); `rest`: REST API, payload v1. */
export type ApiKind = 'http' | 'rest';

export interface IacOptions {
  format: IacFormat;
  api: ApiKind;
  /** Lambda runtime identifier, e.g. `nodejs24.x`. */
  runtime: string;
  /** Instruction set; default x86_64, or the config's `deploy.architecture`. */
  architecture?: 'x86_64' | 'arm64';
  /** Default `function`. */
  iam?: IamScope;
}

export const SERVERLESS_FILES = ['serverless.yml', 'serverless.yaml'] as const;
export const SAM_FILES = ['template.yaml', 'template.yml'] as const;
/** Files that mark a CDK app lambdashift wrote (the generated construct) or a CDK project. */
export const CDK_FILES = ['cdk/lambdashift-functions.ts', 'cdk.json'] as const;

/** The first of `names` that exists in `root`, or null. */
export function existingFile(root: string, names: readonly string[]): string | null {
  return names.find((n) => fs.existsSync(path.join(root, n))) ?? null;
}

/**
 * Default `--iac`: `serverless` when a serverless.yml exists, else `sam` when a SAM
 * template.yaml / template.yml exists, else `cdk` when a cdk.json (or the generated
 * construct) exists, else `serverless`.
 */
export function detectIacFormat(root: string): Exclude<IacFormat, 'none'> {
  if (existingFile(root, SERVERLESS_FILES)) return 'serverless';
  if (existingFile(root, SAM_FILES)) return 'sam';
  if (existingFile(root, CDK_FILES)) return 'cdk';
  return 'serverless';
}

/** Resolves partial options (from the CLI or API) against the target's files. */
export function resolveIacOptions(root: string, partial: Partial<IacOptions> = {}): IacOptions {
  const runtime = partial.runtime ?? DEFAULT_RUNTIME;
  const check = checkRuntime(runtime);
  if (check.error) throw new Error(check.error);
  const out: IacOptions = { format: partial.format ?? detectIacFormat(root), api: partial.api ?? 'http', runtime };
  if (partial.architecture) out.architecture = partial.architecture;
  if (partial.iam) out.iam = partial.iam;
  return out;
}

/** `nodejs24.x` → `node24` (esbuild target). */
export function esbuildTarget(runtime: string): string {
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  return m ? `node${m[1]}` : 'node24';
}
