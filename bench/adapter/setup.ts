/**
 * Generates a benchmark service, makes it runnable in place and migrates it with the real
 * pipeline: `migrate({ root })`, then `applyChangeSet(changes, { force: true })`.
 */
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import type { FunctionEntry } from '../../src/model/function-entry';
import { linkRepoNodeModules } from '../lib/workspace';
import type { GeneratedService } from './generate-service';

export interface MigratedService extends GeneratedService {
  /** HTTP functions of the JSON report, one entry per route. */
  functions: Array<Extract<FunctionEntry, { kind: 'http' }>>;
  migrateMs: number;
  /** Warnings and errors of the run, `file:line:col: message`. */
  problems: string[];
}

export async function migrateService(dir: string, generate: (root: string) => GeneratedService): Promise<MigratedService> {
  const service = generate(dir);
  linkRepoNodeModules(dir);
  const started = performance.now();
  const result = await migrate({ root: dir });
  const migrateMs = performance.now() - started;
  const failed = result.changes.entries().filter((c) => c.status === 'failed');
  if (failed.length > 0) throw new Error(`migrate failed on ${failed.map((f) => f.path).join(', ')}`);
  await applyChangeSet(result.changes, { force: true });
  const functions = result.functions.filter((f): f is Extract<FunctionEntry, { kind: 'http' }> => f.kind === 'http');
  const problems = result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  return { ...service, functions, migrateMs, problems };
}

/** Absolute path of the module of the function serving `method path`, or throws. */
export function functionModule(service: MigratedService, method: string, routePath: string): { file: string; name: string; exportName: string } {
  const fn = service.functions.find((f) => f.method === method && f.path === routePath);
  if (!fn) throw new Error(`no function for ${method} ${routePath}; functions: ${service.functions.map((f) => `${f.method} ${f.path}`).join(', ')}`);
  return { file: path.join(service.root, fn.module), name: fn.name, exportName: fn.export };
}
