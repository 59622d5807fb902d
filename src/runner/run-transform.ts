import * as os from 'node:os';
import { ChangeSet } from '../changes/change-set';
import type { DiscoveredFile } from '../discover/discover-files';
import type { Diagnostic } from '../model/diagnostic';
import type { RunResult } from '../model/run-result';
import { processBatch, type BatchFile, type BatchResult } from './batch';
import type { LoadedTransform } from './load-transform';
import { FileTransformer, type TransformCallOptions } from './transform-file';
import { runBatchesInWorkers } from './worker-pool';

/** Options of {@link runTransform}. */
export interface RunTransformOptions extends TransformCallOptions {
  /** Root of the ChangeSet; every file must lie inside it. */
  root: string;
  files: readonly DiscoveredFile[];
  /** The transform, already loaded here (workers load it again from `transform.path`). */
  transform: LoadedTransform;
  /** Directory the transform was named from. */
  cwd: string;
  /**
   * Most worker threads to use; defaults to {@link defaultWorkerCount}. Small runs use fewer
   * (one per {@link MIN_FILES_PER_WORKER} files), always at least one unless `inBand`.
   */
  workers?: number;
  /** Run everything in the calling thread (debugging, tiny runs). */
  inBand?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Receives console output of transforms running in workers, keeping stdout for the report. */
  transformOutput?: NodeJS.WritableStream;
  /** `performance.now()` at the start of the command, so `elapsedMs` covers discovery too. */
  startedAt?: number;
}

/** A finished run: the printers' input plus jscodeshift-style `api.stats` totals. */
export interface TransformRun {
  result: RunResult;
  stats: Record<string, number>;
}

/** Files per batch at most (jscodeshift's chunk size). */
const MAX_BATCH_SIZE = 50;
/** Aim for at least this many batches per worker so a slow batch does not leave others idle at the end. */
const BATCHES_PER_WORKER = 4;
/**
 * Fewest files worth a worker of their own: starting a thread (loading jscodeshift and the
 * transform) costs about as much as transforming a few dozen files.
 */
const MIN_FILES_PER_WORKER = 25;

/** One thread per core but one, at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/**
 * Applies a jscodeshift transform to `files` and collects a {@link RunResult}: modified files
 * with before/after text, failed files with `line:col` where known, the rest unchanged (held
 * without their text, to keep memory flat on large trees). `api.report` messages become `info`
 * diagnostics. Workers and in-band runs produce identical results.
 *
 * @example
 * import * as path from 'node:path';
 * import { runTransform, toLoadedTransform, formatUnifiedDiff } from 'lambdashift';
 * const files = [{ path: path.resolve('src/app.js'), rel: 'src/app.js', parser: 'babel' as const }];
 * const { result } = await runTransform({ root: process.cwd(), cwd: process.cwd(), transform: toLoadedTransform('./transforms/var-to-let.ts'), files });
 * process.stdout.write(formatUnifiedDiff(result.changes, { color: false }));
 */
export async function runTransform(options: RunTransformOptions): Promise<TransformRun> {
  const startedAt = options.startedAt ?? performance.now();
  const requested = Math.max(1, Math.floor(options.workers ?? defaultWorkerCount()));
  const workers = Math.min(requested, Math.ceil(options.files.length / MIN_FILES_PER_WORKER));
  const inBand = options.inBand === true || options.files.length === 0;
  const call: TransformCallOptions = { parserOverride: options.parserOverride, transformOptions: options.transformOptions };
  const collector = new OutcomeCollector(new ChangeSet(options.root), options.files);
  const batches = toBatches(options.files, inBand ? 1 : workers);
  const record = (batch: readonly BatchFile[], result: BatchResult) => {
    collector.add(batch, result);
    options.onProgress?.(collector.done, options.files.length);
  };

  if (inBand) {
    const transformer = new FileTransformer(options.transform, call);
    for (const batch of batches) record(batch, await processBatch(batch, transformer));
  } else {
    await runBatchesInWorkers(
      batches,
      { workers, setup: { transformPath: options.transform.path, cwd: options.cwd, call }, output: options.transformOutput },
      record,
    );
  }

  return {
    result: {
      command: 'run',
      changes: collector.changes,
      diagnostics: collector.diagnostics(),
      functions: [],
      elapsedMs: performance.now() - startedAt,
    },
    stats: collector.stats,
  };
}

function toBatches(files: readonly DiscoveredFile[], workers: number): BatchFile[][] {
  const size = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.ceil(files.length / (workers * BATCHES_PER_WORKER))));
  const batches: BatchFile[][] = [];
  for (let start = 0; start < files.length; start += size) {
    batches.push(files.slice(start, start + size).map((f, offset) => ({ index: start + offset, path: f.path, parser: f.parser })));
  }
  return batches;
}

/** Folds batch results, which arrive in any order, into one deterministic ChangeSet. */
class OutcomeCollector {
  done = 0;
  readonly stats: Record<string, number> = {};
  private readonly reports = new Map<number, string[]>();

  constructor(
    readonly changes: ChangeSet,
    private readonly files: readonly DiscoveredFile[],
  ) {}

  add(batch: readonly BatchFile[], result: BatchResult): void {
    const settled = new Set<number>();
    for (const { index, before, after } of result.modified) {
      this.changes.modify(this.files[index].path, before, after);
      settled.add(index);
    }
    for (const { index, error } of result.failed) {
      this.changes.fail(this.files[index].path, error);
      settled.add(index);
    }
    for (const { index } of batch) {
      if (settled.has(index)) continue;
      this.changes.put({ path: this.changes.key(this.files[index].path), status: 'unchanged', before: null, after: null });
    }
    for (const { index, message } of result.reports) {
      const list = this.reports.get(index) ?? [];
      list.push(message);
      this.reports.set(index, list);
    }
    for (const [name, quantity] of Object.entries(result.stats)) this.stats[name] = (this.stats[name] ?? 0) + quantity;
    this.done += batch.length;
  }

  /** `api.report` messages as file-level diagnostics (line 1), in file order then call order. */
  diagnostics(): Diagnostic[] {
    return [...this.reports.keys()]
      .sort((a, b) => a - b)
      .flatMap((index) =>
        (this.reports.get(index) ?? []).map(
          (message): Diagnostic => ({
            severity: 'info',
            message,
            file: this.files[index].rel,
            line: 1,
            column: 1,
            code: 'transform/report',
          }),
        ),
      );
  }
}
