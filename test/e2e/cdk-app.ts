/**
 * Runs a generated CDK app as a team would after `npm install`: the service's packages, the CDK
 * tools and their bins linked from lambdashift's devDependencies, `cdk synth` offline (no AWS
 * credentials, lookups, telemetry or notices). NodejsFunction and the generated bundle script
 * bundle with the local esbuild (no Docker).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installServiceModules } from './offline';
import { packageDir } from './tools';

const REPO = path.resolve(__dirname, '../..');

/** Environment of the CDK CLI: no credentials, no metadata service, no telemetry or notices. */
export function cdkEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', NO_COLOR: '1', CI: 'true' };
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'CDK_DEFAULT_ACCOUNT', 'CDK_DEFAULT_REGION']) delete env[k];
  return env;
}

/** What `npm install` would give the service: its packages, the CDK tools and their bins, a lock file (NodejsFunction finds the project root by it). */
export function installCdkApp(root: string): void {
  installServiceModules(root, [path.join(REPO, 'node_modules')]);
  fs.symlinkSync(path.join(REPO, 'node_modules/.bin'), path.join(root, 'node_modules/.bin'), 'dir');
  const name = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string }).name ?? 'service';
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages: {} }));
}

export interface ToolRun {
  status: number | null;
  output: string;
}

/** Runs a Node.js script of an installed tool in `root` (stdout and stderr together). */
export function runTool(root: string, args: string[], env: NodeJS.ProcessEnv = cdkEnv()): ToolRun {
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 400000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
}

/** `cdk synth` in `root`: the templates and assets land in `<root>/cdk.out`. */
export function cdkSynth(root: string, env: NodeJS.ProcessEnv = cdkEnv()): ToolRun {
  return runTool(root, [path.join(packageDir('aws-cdk'), 'bin/cdk'), 'synth', '--no-notices', '--quiet'], env);
}

export interface SynthesizedFunction {
  /** Logical id in the template. */
  logicalId: string;
  /** Construct path (`<stack>/Functions/GetBooks/Resource`). */
  constructPath: string;
  handler: string;
  runtime: string;
  /** The code asset's folder in cdk.out (what is zipped and deployed to /var/task). */
  assetDir: string;
}

/** The Lambda functions of a synthesized stack with their code asset folders (Code.S3Key `<hash>.zip` is `cdk.out/asset.<hash>`). */
export function synthesizedFunctions(root: string, stack: string): SynthesizedFunction[] {
  const out = path.join(root, 'cdk.out');
  type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> };
  const template = JSON.parse(fs.readFileSync(path.join(out, `${stack}.template.json`), 'utf8')) as { Resources: Record<string, Resource> };
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([logicalId, r]) => {
      const key = String(r.Properties.Code?.S3Key ?? '');
      const hash = /^([0-9a-f]{64})\.zip$/.exec(key)?.[1];
      if (!hash) throw new Error(`${stack} ${logicalId}: Code.S3Key ${JSON.stringify(key)} is not a file asset`);
      return { logicalId, constructPath: String(r.Metadata?.['aws:cdk:path'] ?? ''), handler: r.Properties.Handler, runtime: r.Properties.Runtime, assetDir: path.join(out, `asset.${hash}`) };
    });
}
