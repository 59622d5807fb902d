import type { BatchFile, BatchResult } from './batch';
import type { TransformCallOptions } from './transform-file';

/** `workerData` of a transform worker. */
export interface WorkerSetup {
  /** Absolute path of the transform module; each worker loads it itself. */
  transformPath: string;
  /** Directory the transform was named from. */
  cwd: string;
  call: TransformCallOptions;
}

/** Main thread → worker. */
export interface BatchRequest {
  type: 'batch';
  files: BatchFile[];
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'result'; result: BatchResult }
  /** The transform failed to load in the worker; nothing else will follow. */
  | { type: 'fatal'; message: string };
