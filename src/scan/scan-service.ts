import { promises as fs } from 'node:fs';
import { mentionsAny } from '../discover';
import type { ServiceModel } from '../model/service-model';
import { scanJobs } from './cron';
import { scanExpress } from './express';
import { findMigratedJobMarkers, readIfExists, readJobMetadata } from './migrated-jobs';
import { scanKoa } from './koa';
import { readProjectInfo } from './project-info';
import { ScanContext } from './scan-context';
import { createTsProject } from './ts-project';

/** Words without which a file cannot register a route or a job: cheap pre-filter before parsing. */
const FRAMEWORK_WORDS = ['express', 'koa', 'Router', 'router', 'cron', 'schedule', 'CronJob', '.use(', '.listen('] as const;

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
  const koa = scanKoa(files, ctx);
  return {
    project,
    apps: [...express.apps, ...koa.apps],
    routers: [...express.routers, ...koa.routers],
    jobs: scanJobs(files, project, ctx),
    migratedJobs: findMigratedJobMarkers(project.root, sources.map((s) => ({ path: s.f, text: s.text }))).map((m) => {
      const content = readIfExists(project.root, m.module);
      return { ...m, content, meta: content === null ? null : readJobMetadata(content) };
    }),
    diagnostics: ctx.diagnostics,
  };
}
