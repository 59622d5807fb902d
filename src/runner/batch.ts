import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSource, invalidUtf8Message } from '../scan/decode-source';
import type { FileError } from '../changes/change-set';
import { toFileError } from './error-location';
import type { ParserName } from './parsers';
import type { FileTransformer } from './transform-file';

/** A file in a batch; `index` is its position in the run's file list. */
export interface BatchFile {
  index: number;
  path: string;
  parser: ParserName;
}

/**
 * What a batch produced. Unchanged files are left out (the sender knows which files it sent),
 * so only changed sources cross the thread boundary.
 */
export interface BatchResult {
  modified: Array<{ index: number; before: string; after: string }>;
  failed: Array<{ index: number; error: FileError }>;
  /** `api.report(...)` messages, in call order. */
  reports: Array<{ index: number; message: string }>;
  /** `api.stats(...)` totals. */
  stats: Record<string, number>;
}

/** Reads and transforms each file in turn; one file's failure never stops the others. */
export async function processBatch(files: readonly BatchFile[], transformer: FileTransformer): Promise<BatchResult> {
  const result: BatchResult = { modified: [], failed: [], reports: [], stats: {} };
  for (const file of files) {
    let source: string;
    try {
      // Synchronous on purpose: a worker does nothing else meanwhile, and it skips a thread-pool hop.
      const decoded = decodeSource(fs.readFileSync(file.path));
      if (decoded.invalidUtf8) {
        // Transforming the lossy decoding would write U+FFFD over the bad bytes: refuse, as migrate does.
        const at = decoded.invalidUtf8;
        result.failed.push({ index: file.index, error: { message: `${path.basename(file.path)} ${invalidUtf8Message(at)}`, line: at.line, column: at.column } });
        continue;
      }
      source = decoded.text;
    } catch (err) {
      result.failed.push({ index: file.index, error: { message: `cannot read file: ${toFileError(err).message}` } });
      continue;
    }
    try {
      const after = await transformer.apply(
        { path: file.path, source, parser: file.parser },
        {
          stats: (name, quantity) => {
            result.stats[name] = (result.stats[name] ?? 0) + quantity;
          },
          report: (message) => result.reports.push({ index: file.index, message }),
        },
      );
      if (after !== null) result.modified.push({ index: file.index, before: source, after });
    } catch (err) {
      result.failed.push({ index: file.index, error: toFileError(err) });
    }
  }
  return result;
}
