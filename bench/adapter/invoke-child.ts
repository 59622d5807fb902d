/**
 * One measurement process of bench:adapter's per-invocation benchmark: loads ONE handler (as
 * one Lambda container would), invokes it `--warmup` times, then `--batches` batches of
 * `--batch` sequential invocations with fresh events and contexts, and prints one JSON line:
 * ns/op of each batch and the first result (to check every adapter answered the same).
 *
 *   node invoke-child.js --adapter lambdashift|serverless-http|serverless-express
 *        --module <generated module or app.js> --event-kind v2|v1 --request <json> ...
 */
import { createRequire } from 'node:module';
import { eventFactory, lambdaContext, type BenchRequest, type EventKind } from './events';

type Handler = (event: unknown, context: unknown) => Promise<LambdaResult>;

export interface LambdaResult {
  statusCode: number;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

export type Adapter = 'lambdashift' | 'serverless-http' | 'serverless-express';

export interface InvokeChildResult {
  /** Wall time per invocation, each batch. */
  nsPerOp: number[];
  /** CPU time (user + system) of the process per invocation, each batch: less disturbed by other load. */
  cpuNsPerOp: number[];
  /** Mean wall time per invocation over the warm-up (invocations 2 to warmup + 1), while the JIT settles. */
  warmupNsPerOp: number;
  first: LambdaResult;
}

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : process.argv[i + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

/**
 * Loads the handler the way each adapter is used: our generated module, or the whole app
 * wrapped. With `listener`, the module exports a bare Node request listener that every adapter
 * wraps (lambdashift through `createHttpHandler`): the bridges' own cost, without a framework.
 */
export function loadHandler(adapter: Adapter, file: string, exportName: string, listener: boolean): Handler {
  const load = createRequire(file);
  if (adapter === 'lambdashift' && listener) return (load('lambdashift/runtime') as { createHttpHandler: (l: unknown) => Handler }).createHttpHandler(load(file));
  if (adapter === 'lambdashift') return (load(file) as Record<string, Handler>)[exportName]!;
  const app = load(file) as unknown;
  if (adapter === 'serverless-http') return (load('serverless-http') as (app: unknown) => Handler)(app);
  return (load('@codegenie/serverless-express') as (options: { app: unknown }) => Handler)({ app });
}

async function main(): Promise<void> {
  const adapter = arg('adapter') as Adapter;
  const handler = loadHandler(adapter, arg('module'), arg('export'), process.argv.includes('--listener'));
  const makeEvent = eventFactory(arg('event-kind') as EventKind, JSON.parse(arg('request')) as BenchRequest);
  const warmup = Number(arg('warmup'));
  const batches = Number(arg('batches'));
  const size = Number(arg('batch'));

  const first = await handler(makeEvent(), lambdaContext(0));
  if (first.statusCode !== 200) throw new Error(`status ${first.statusCode}: ${first.body}`);
  let n = 1;
  const warmupStarted = process.hrtime.bigint();
  for (let i = 0; i < warmup; i++) await handler(makeEvent(), lambdaContext(n++));
  const warmupNsPerOp = Number(process.hrtime.bigint() - warmupStarted) / warmup;
  const nsPerOp: number[] = [];
  const cpuNsPerOp: number[] = [];
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: size }, makeEvent);
    const contexts = Array.from({ length: size }, () => lambdaContext(n++));
    // No forced gc() between batches: V8's testing GC (--expose-gc) throws away optimised
    // code, and lambdashift's bridge then ran ~3× slower for whole batches, which no real
    // (incremental, concurrent) GC in a Lambda container does.
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      const result = await handler(events[i], contexts[i]);
      if (result.statusCode !== 200) throw new Error(`status ${result.statusCode} during batch ${b}`);
    }
    nsPerOp.push(Number(process.hrtime.bigint() - started) / size);
    const used = process.cpuUsage(cpu);
    cpuNsPerOp.push(((used.user + used.system) * 1000) / size);
  }
  const out: InvokeChildResult = { nsPerOp, cpuNsPerOp, warmupNsPerOp, first };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
