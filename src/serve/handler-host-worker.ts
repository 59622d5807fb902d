/**
 * Worker thread that hosts a target's generated handlers: loads each module once, in place,
 * and runs invocations sent by {@link HandlerHost}. All handlers share this thread's module
 * registry, so they share in-memory state the way one process serving the whole app would.
 */
import { parentPort } from 'node:worker_threads';
import { lambdaContext } from './lambda-context';
import { serializeError, type InvokeReply, type InvokeRequest } from './host-protocol';
import { installTargetLoaders, loadTargetModule } from './target-loader';

type Handler = (event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => unknown;

installTargetLoaders();
const modules = new Map<string, Promise<Record<string, unknown>>>();

async function handlerFor(module: string, exportName: string): Promise<Handler> {
  let loaded = modules.get(module);
  if (!loaded) {
    loaded = loadTargetModule(module);
    modules.set(module, loaded);
  }
  const ns = await loaded;
  // An ES module namespace of a CommonJS module keeps its exports under `default` too.
  const fn = ns[exportName] ?? (ns.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof fn !== 'function') throw new Error(`${module} does not export a function named ${exportName}`);
  return fn as Handler;
}

async function invoke(req: InvokeRequest): Promise<unknown> {
  const handler = await handlerFor(req.module, req.exportName);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, result?: unknown): void => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(result);
    };
    const context = lambdaContext(req.functionName, req.timeoutMs, 1024, settle);
    try {
      const out = handler(req.event, context, settle);
      if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then((r) => settle(null, r), (e: unknown) => settle(e ?? new Error('rejected')));
    } catch (err) {
      settle(err);
    }
  });
}

parentPort!.on('message', (req: InvokeRequest) => {
  const started = performance.now();
  invoke(req).then(
    (result) => parentPort!.postMessage({ type: 'result', id: req.id, ok: true, result, durationMs: performance.now() - started } satisfies InvokeReply),
    (err: unknown) => {
      const error = serializeError(err);
      console.error(`[lambdashift] ${req.functionName} failed: ${error.stack ?? error.message}`);
      parentPort!.postMessage({ type: 'result', id: req.id, ok: false, error, durationMs: performance.now() - started } satisfies InvokeReply);
    },
  );
});
