/**
 * Entry point of a transform worker thread: loads the transform once, then transforms the
 * batches of files the main thread sends, replying with one {@link BatchResult} per batch.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { processBatch } from './batch';
import { loadTransform } from './load-transform';
import { FileTransformer } from './transform-file';
import type { BatchRequest, WorkerReply, WorkerSetup } from './worker-protocol';

function serve(port: MessagePort, setup: WorkerSetup): void {
  const reply = (message: WorkerReply) => port.postMessage(message);
  let transformer: FileTransformer;
  try {
    transformer = new FileTransformer(loadTransform(setup.transformPath, setup.cwd), setup.call);
  } catch (err) {
    reply({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  // Batches are handled strictly one after another, even when a transform is async.
  let queue = Promise.resolve();
  port.on('message', (request: BatchRequest) => {
    queue = queue.then(async () => reply({ type: 'result', result: await processBatch(request.files, transformer) }));
  });
}

if (parentPort) serve(parentPort, workerData as WorkerSetup);
