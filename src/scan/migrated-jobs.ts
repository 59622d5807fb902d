import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceLocation } from '../model/diagnostic';
import { commentText } from '../safety/escape';

/** Start of the comment remove-schedules leaves where a schedule call was. */
export const MIGRATED_JOB_MARKER = '// lambdashift: this job now runs as the Lambda function ';

/** The note `migrate` asks remove-schedules to leave in place of a job's schedule call. */
export function migratedJobNote(module: string, expressions: string[], timezone: string): string {
  return commentText(`this job now runs as the Lambda function ${module} (${expressions.join(' + ')}${timezone === 'UTC' ? '' : `, ${timezone}`}).`);
}

export interface MigratedJobMarker {
  /** Generated module named by the marker, relative to the root. */
  module: string;
  loc: SourceLocation;
}

/** Finds the marker comments an earlier run left in the given sources. */
export function findMigratedJobMarkers(root: string, sources: Array<{ path: string; text: string }>): MigratedJobMarker[] {
  const out: MigratedJobMarker[] = [];
  for (const { path: file, text } of sources) {
    if (!text.includes(MIGRATED_JOB_MARKER)) continue;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const at = line.indexOf(MIGRATED_JOB_MARKER);
      if (at === -1) return;
      const module = line.slice(at + MIGRATED_JOB_MARKER.length).split(' ')[0];
      if (!module) return;
      out.push({ module, loc: { file: path.relative(root, file).split(path.sep).join('/'), line: i + 1, column: at + 1 } });
    });
  }
  return out;
}

/** Content of a file under the root, or null. */
export function readIfExists(root: string, rel: string): string | null {
  try {
    return fs.readFileSync(path.join(root, rel), 'utf8');
  } catch {
    return null;
  }
}

/** Prefix of the line that makes a generated job module self-describing. */
export const JOB_METADATA_PREFIX = '// lambdashift-job: ';

/** What a later run needs to keep a job whose in-process schedule this run removes. */
export interface JobMetadata {
  library: string;
  schedule: string;
  expressions: string[];
  timezone: string;
  options: Record<string, unknown>;
  /** The function's name when a migration transform set one other than the module's name. */
  name?: string;
  /** Which expressions have a day guard (absent: none). */
  guarded?: boolean[];
}

/** Reads the metadata line of a generated job module, or null. */
export function readJobMetadata(source: string): JobMetadata | null {
  const line = source.split('\n').find((l) => l.startsWith(JOB_METADATA_PREFIX));
  if (!line) return null;
  try {
    return JSON.parse(line.slice(JOB_METADATA_PREFIX.length)) as JobMetadata;
  } catch {
    return null;
  }
}
