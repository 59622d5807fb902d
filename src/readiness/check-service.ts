import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from '../changes/change-set';
import { readLambdaConfig, readLambdaConfigFile } from '../emit/iac/lambda-config';
import { moduleStyleFor } from '../emit/module-style';
import { functionEntries } from '../migrate/migrate';
import type { Diagnostic } from '../model/diagnostic';
import type { RunResult } from '../model/run-result';
import { planMigration } from '../plan/plan-migration';
import { loadServiceScan } from '../scan/scan-service';
import { checkReadiness, readinessFunctions } from './check-readiness';

export interface CheckServiceOptions {
  root: string;
  include?: string[];
  exclude?: string[];
  /** Directory of generated modules, left out. Default `lambda`. */
  outDir?: string;
  /** A lambdashift.config file (absolute) instead of the service's own. */
  config?: string;
}

/**
 * `lambdashift check` as a function: scans the service, plans it as `migrate` would by default
 * (to know the functions), and runs the readiness rules. Nothing is emitted or written; the
 * result has no file changes, the functions, and `readiness`. Its diagnostics are only
 * problems with the config: migration diagnostics belong to `migrate`.
 *
 * @example
 * import { checkService } from 'lambdashift';
 * const result = await checkService({ root: './service' });
 * for (const f of result.readiness ?? []) console.log(`${f.file}:${f.line}:${f.column} ${f.rule}: ${f.message}`);
 */
export async function checkService(options: CheckServiceOptions): Promise<RunResult> {
  const started = Date.now();
  const root = path.resolve(options.root);
  const outDir = options.outDir ?? 'lambda';
  const diagnostics: Diagnostic[] = [];
  const read = (rel: string): string | null => {
    try {
      return fs.readFileSync(path.join(root, rel), 'utf8');
    } catch {
      return null;
    }
  };
  const config = options.config === undefined ? readLambdaConfig(read, diagnostics) : readLambdaConfigFile(options.config, root, diagnostics);
  const scan = await loadServiceScan(root, { include: options.include, exclude: options.exclude, outDir });
  const plan = planMigration(scan.model, { granularity: 'route', outDir, vendorRuntime: false, keepSchedules: false, extension: moduleStyleFor(scan.model.project).extension });
  const readiness = checkReadiness({
    scan,
    functions: readinessFunctions(plan),
    planDiagnostics: [...scan.model.diagnostics, ...plan.diagnostics],
    config: config.config.readiness,
    configFile: config.file,
  });
  diagnostics.push(...readiness.diagnostics);
  return { command: 'check', changes: new ChangeSet(root), diagnostics, functions: functionEntries(plan), elapsedMs: Date.now() - started, readiness: readiness.findings };
}
