/**
 * IaC emit stage: MigrationPlan → serverless.yml or template.yaml in the ChangeSet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serviceNameFrom } from '../../safety/names';
import type { ChangeSet } from '../../changes/change-set';
import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import type { MigrationPlan } from '../../model/migration-plan';
import { EnvScanner, type FileReader } from './env-scan';
import { functionSpecs, type FunctionSpec } from './function-spec';
import { esbuildTarget, existingFile, SAM_FILES, SERVERLESS_FILES, type IacOptions } from './iac-options';
import { readLambdaConfig, type LambdaConfig } from './lambda-config';
import type { IacSettings } from '../../hooks/migration-transform';
import { renderSam } from './sam';
import { CDK_CONSTRUCT_FILE, renderCdk } from './cdk';
import { renderServerless, type IacTarget } from './serverless';
import { checkRuntime } from './runtimes';
import { stackWarnings } from './stack-checks';
import { routeKeyProblems } from './route-key-checks';
import type { DependencyWanted } from '../package-json';
import type { FunctionPermissions } from '../../iam/infer-permissions';
import type { AssetReference } from '../../model/service-model';
import type { AssetPlan } from '../../plan/assets';
import { modulePathsPluginPath, modulePathsPluginSource } from './module-paths-plugin';
import { bundleScriptPath, bundleScriptSource } from './bundle-script';
import { renderSamMakefile, SAM_MAKEFILE, type SamMakeTarget } from './sam-makefile';
import { isGenerated } from '../header';

export * from './iac-options';
export { functionSpecs, handlerPath, type FunctionSpec } from './function-spec';
export { renderServerless, serverlessFunction, MANAGED_COMMENT } from './serverless';
export { renderSam, samFunction, samLogicalId } from './sam';
export { renderCdk, renderCdkConstruct, CDK_APP_FILE, CDK_CONSTRUCT_FILE, CDK_JSON_FILE } from './cdk';
export { EnvScanner } from './env-scan';
export { parseLambdaConfig, readLambdaConfig, CONFIG_FILE, CONFIG_FILE_TS } from './lambda-config';

/**
 * A reader that sees the ChangeSet's pending content before the disk's. Disk reads are
 * remembered (nothing is written before the run ends): the import-graph walks read every
 * shared module once per function and probe several candidate files per import.
 */
export function changeSetReader(changes: ChangeSet): FileReader {
  const disk = new Map<string, string | null>();
  return (rel) => {
    const change = changes.has(rel) ? changes.get(rel) : undefined;
    if (change) return change.after;
    let text = disk.get(rel);
    if (text === undefined) {
      try {
        text = fs.readFileSync(changes.absolute(rel), 'utf8');
      } catch {
        text = null;
      }
      disk.set(rel, text);
    }
    return text;
  };
}

/** What `migrate` already knows: the config it read, and settings migration transforms added per function name. */
export interface IacExtras {
  config?: { config: LambdaConfig; file: string };
  settings?: ReadonlyMap<string, IacSettings>;
  /** The import-graph scanner to reuse (inferPermissions walked the same graph). */
  scanner?: EnvScanner;
  /** Inferred IAM statements by generated module. */
  permissions?: ReadonlyMap<string, FunctionPermissions>;
}

/** A spec with a transform's settings over the config's; literal environment values win over passed-through ones. */
function withSettings(spec: FunctionSpec, settings: IacSettings | undefined): FunctionSpec {
  if (!settings) return spec;
  const out: FunctionSpec = { ...spec };
  if (settings.memorySize !== undefined) out.memorySize = settings.memorySize;
  if (settings.timeout !== undefined) out.timeout = settings.timeout;
  if (settings.environment && Object.keys(settings.environment).length) {
    out.environmentValues = settings.environment;
    out.environment = spec.environment.filter((v) => !(v in settings.environment!));
  }
  if (settings.layers?.length) out.layers = settings.layers;
  if (settings.tags && Object.keys(settings.tags).length) out.tags = settings.tags;
  return out;
}

/** `@scope/my_service` → `my-service` (serverless.yml's service name pattern). */
export function serviceNameFor(root: string): string {
  let name: string | undefined;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) name = pkg.name;
  } catch {
    // no package.json: the directory name
  }
  return serviceNameFrom(name, root);
}

/**
 * SAM's makefile build: the Makefile's lambdashift block for `targets`, and (when the plan has
 * assets) the build script its targets run and the module-paths plugin the script bundles with.
 * Returns why the functions cannot build that way, when the Makefile's block is broken.
 */
function emitSamBuild(changes: ChangeSet, read: FileReader, targets: SamMakeTarget[], plan: MigrationPlan, target: IacTarget, options: IacOptions, diagnostics: Diagnostic[]): string | undefined {
  const existing = read(SAM_MAKEFILE);
  const make = renderSamMakefile(existing, targets, target.outDir);
  for (const w of make.warnings) diagnostics.push(diagnostic('warning', { file: SAM_MAKEFILE, line: 1, column: 1 }, w, 'iac/conflict'));
  if (make.text === null) {
    if (existing !== null) changes.delete(SAM_MAKEFILE, existing);
  } else if (make.text !== existing) {
    changes.upsert(SAM_MAKEFILE, existing, make.text);
    changes.markConfig(SAM_MAKEFILE);
  }
  // Back to SAM's esbuild without assets: no Makefile target runs the script any more.
  emitBundleScript(changes, read, targets.length ? plan.assets : undefined, target, options);
  return make.blocked;
}

/**
 * The generated build script (`bundle-script.ts`) SAM's Makefile and the CDK construct run, with
 * the esbuild plugin it loads when modules need their original paths; without `assets` a
 * script a run generated is deleted.
 */
function emitBundleScript(changes: ChangeSet, read: FileReader, assets: AssetPlan | undefined, target: IacTarget, options: IacOptions): void {
  const script = bundleScriptPath(target.outDir);
  const current = read(script);
  if (assets) {
    changes.upsert(script, current, bundleScriptSource(target.outDir, { patterns: assets.patterns, moduleSystem: target.moduleSystem, target: esbuildTarget(options.runtime) }));
    if (assets.modulePathFiles.length || assets.modulePathPackages.length) {
      const plugin = modulePathsPluginPath(target.outDir);
      changes.upsert(plugin, read(plugin), modulePathsPluginSource(target.outDir, assets.modulePathPackages));
    }
  } else if (current !== null && isGenerated(current)) {
    changes.delete(script, current);
  }
}

export interface IacEmitResult {
  /** The functions rendered. */
  specs: FunctionSpec[];
  /** Packages the IaC needs in the service's devDependencies (plugins, bundler). */
  devDependencies: DependencyWanted[];
}

/**
 * Adds the IaC file for the plan to `changes` (created, or edited in place) and returns the
 * function specs it rendered. With `format: none`, or a plan without functions and no IaC file
 * yet, nothing is added.
 */
export function emitIac(
  plan: MigrationPlan,
  changes: ChangeSet,
  options: IacOptions,
  diagnostics: Diagnostic[],
  extras: IacExtras = {},
): IacEmitResult {
  const none: IacEmitResult = { specs: [], devDependencies: [] };
  if (options.format === 'none') return none;
  const read = changeSetReader(changes);
  const names = options.format === 'sam' ? SAM_FILES : options.format === 'cdk' ? [CDK_CONSTRUCT_FILE] : SERVERLESS_FILES;
  const file = existingFile(plan.project.root, names) ?? names[0]!;
  const existing = read(file);
  if (existing === null && plan.functions.length === 0 && plan.jobs.length === 0) return none;

  const { config, file: configFile } = extras.config ?? readLambdaConfig(read, diagnostics);
  const specs = functionSpecs(plan, config, extras.scanner ?? new EnvScanner(read)).map((spec) => {
    const out = withSettings(spec, extras.settings?.get(spec.name));
    const permissions = extras.permissions?.get(spec.module);
    return permissions ? { ...out, permissions } : out;
  });
  for (const name of Object.keys(config.functions)) {
    if (!specs.some((s) => s.name === name)) {
      diagnostics.push(diagnostic('warning', { file: configFile, line: 1, column: 1 }, `functions.${name} names no generated function`, 'iac/config'));
    }
  }
  const target: IacTarget = {
    serviceName: serviceNameFor(plan.project.root),
    outDir: plan.options.outDir,
    moduleSystem: plan.project.moduleSystem,
    deploy: config.deploy,
    ...(plan.proxy ? { proxyUrl: plan.proxy.url } : {}),
    ...(plan.assets ? { assets: plan.assets } : {}),
  };
  const effective: IacOptions = { ...options, architecture: options.architecture ?? config.deploy?.architecture ?? 'x86_64' };
  const at = { file, line: 1, column: 1 };
  const runtimeWarning = checkRuntime(effective.runtime).warning;
  if (runtimeWarning) diagnostics.push(diagnostic('warning', at, runtimeWarning, 'iac/runtime'));
  for (const w of stackWarnings(specs, effective)) diagnostics.push(diagnostic('warning', at, w, 'iac/limits'));
  for (const w of routeKeyProblems(specs, effective.api, target.proxyUrl)) diagnostics.push(diagnostic('warning', at, `${w}: the ${effective.api === 'rest' ? 'REST' : 'HTTP'} API will not deploy`, 'iac/route-keys'));
  let devDependencies: DependencyWanted[] = [];
  const unpackaged = (refs: AssetReference[], why: string): void => {
    for (const ref of refs) diagnostics.push(diagnostic('warning', ref.loc, `\`${ref.expression}\` (${ref.path}) is not packaged with the functions: ${why}; deployed, the code will not find it`, 'iac/assets-not-packaged'));
  };
  if (options.format === 'cdk') {
    const rendered = renderCdk(read, specs, effective, target);
    for (const f of rendered.files) {
      changes.upsert(f.file, f.existing, f.text);
      changes.markConfig(f.file);
    }
    // With assets the construct bundles each function with the generated script (and its plugin).
    if (rendered.files.some((f) => f.file === CDK_CONSTRUCT_FILE)) {
      emitBundleScript(changes, read, plan.assets, target, effective);
      for (const ref of plan.assets?.packaged ?? []) if (ref.package) diagnostics.push(packagedPackage(ref, CDK_CONSTRUCT_FILE));
    }
    for (const w of rendered.warnings) diagnostics.push(diagnostic('warning', at, w, 'iac/conflict'));
    return { specs, devDependencies: rendered.devDependencies ?? [] };
  }
  try {
    const rendered = options.format === 'sam' ? renderSam(existing, specs, effective, target) : renderServerless(existing, specs, effective, target);
    changes.upsert(file, existing, rendered.text);
    changes.markConfig(file);
    devDependencies = rendered.devDependencies ?? [];
    if (options.format === 'sam' && rendered.makeTargets) {
      const blocked = emitSamBuild(changes, read, rendered.makeTargets, plan, target, effective, diagnostics);
      if (blocked && plan.assets) unpackaged(plan.assets.packaged, blocked);
      else if (rendered.makeTargets.length) for (const ref of plan.assets?.packaged ?? []) if (ref.package) diagnostics.push(packagedPackage(ref, file));
    }
    if ('unpackaged' in rendered && rendered.unpackaged) unpackaged(rendered.unpackaged.refs, rendered.unpackaged.why);
    else if ('modulePathsPlugin' in rendered && rendered.modulePathsPlugin) for (const ref of plan.assets?.packaged ?? []) if (ref.package) diagnostics.push(packagedPackage(ref, file));
    if ('modulePathsPlugin' in rendered && rendered.modulePathsPlugin) changes.upsert(rendered.modulePathsPlugin, read(rendered.modulePathsPlugin), modulePathsPluginSource(plan.options.outDir, plan.assets?.modulePathPackages));
    for (const w of rendered.warnings) diagnostics.push(diagnostic('warning', at, w, 'iac/conflict'));
  } catch (err) {
    const e = err as Error & { linePos?: Array<{ line: number; col: number }> };
    const pos = e.linePos?.[0];
    changes.fail(file, { message: `cannot edit ${file}: ${e.message.split('\n')[0]}`, line: pos?.line, column: pos?.col }, existing);
  }
  return { specs, devDependencies };
}

/** Says where an npm package finding its files by `__dirname` is packaged, and what is left out. */
function packagedPackage(ref: AssetReference, file: string): Diagnostic {
  const left = ref.package!.exclude.length ? `; left out: ${ref.package!.exclude.join(', ')}${ref.package!.excludeWhy ? ` (${ref.package!.excludeWhy})` : ''}, so requests for them get the app's answer for a missing file` : '';
  return diagnostic('info', ref.loc, `\`${ref.expression}\` reads ${ref.package!.name}'s files by its \`__dirname\`: ${file} packages ${ref.path} and its esbuild plugin gives ${ref.package!.name} that location in the bundle${left}`, 'iac/package-assets');
}
