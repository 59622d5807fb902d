import { promises as fs } from 'node:fs';
import { mentionsAny } from '../discover';
import type { ServiceModel } from '../model/service-model';
import { scanJobs } from './cron';
import { scanExpress } from './express';
import { readProjectInfo } from './project-info';
import { ScanContext } from './scan-context';
import { createTsProject } from './ts-project';

/** Words without which a file cannot register a route or a job: cheap pre-filter before parsing. */
const FRAMEWORK_WORDS = ['express', 'koa', 'Router', 'router', 'cron', 'schedule', 'CronJob'] as const;

export interface ScanInput {
  root: string;
  /** Absolute paths of the discovered source files. */
  files: string[];
}

/**
 * Reads a service into a ServiceModel: files that mention a framework are parsed with
 * ts-morph, and imports are followed into the rest (controllers, middleware) on demand.
 */
export async function scanService(input: ScanInput): Promise<ServiceModel> {
  const project = readProjectInfo(input.root);
  const ctx = new ScanContext(project.root);
  const sources = await Promise.all(input.files.map(async (f) => ({ f, text: await fs.readFile(f, 'utf8') })));
  const candidates = sources.filter((s) => mentionsAny(s.text, FRAMEWORK_WORDS));
  const tsProject = createTsProject(candidates.map((s) => ({ path: s.f, text: s.text })));
  const files = candidates.map((s) => tsProject.getSourceFileOrThrow(s.f));
  const express = scanExpress(files, ctx);
  return {
    project,
    apps: express.apps,
    routers: express.routers,
    jobs: scanJobs(files, project, ctx),
    diagnostics: ctx.diagnostics,
  };
}
