/**
 * Malformed-event fuzzing of the runtime, kept as a test: 10,000 events (fixed seed) made by
 * mutating real-shaped events of every source (REST v1, HTTP API v2, ALB single and multi
 * value, Function URL) with hostile values — wrong types, missing and `__proto__` keys, NUL
 * and CR/LF in headers, U+2028, lone surrogates, invalid base64, huge strings — sent to echo
 * apps of Express 5 and Koa 3. Every invocation must resolve to a valid result of its source's
 * shape, leak no stack trace (in the body or the log), and pollute no prototype.
 */
import fc from 'fast-check';
import { echoApp } from './helpers/apps';
import { lambdaContext, SOURCES, toEvent } from './helpers/events';
import { handlerFor } from './helpers/lambda';

const EVENTS = 10_000;
const SEED = 1414;

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '\u0000', 'a\r\nInjected: 1', '\u2028', '\ud800', '__proto__', 'constructor', '%', '%E0%A4%A', '/../../etc/passwd', 'not base64!!', 'x'.repeat(10_000)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.constantFrom(null, undefined, true, false, 0, -1, 1e308, Number.NaN),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
    // A JSON-parsed object with an own `__proto__` key, as API Gateway's JSON could carry.
    fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown),
  ),
})).value;

/** Where a mutation lands: a top-level field, or a field one level down (headers, requestContext...). */
const mutation = fc.record({
  path: fc.array(fc.oneof(fc.constantFrom('headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'requestContext', 'http', 'method', 'path', 'rawPath', 'rawQueryString', 'body', 'isBase64Encoded', 'cookies', 'httpMethod', 'version', 'routeKey', 'host', 'content-type', 'content-length', 'cookie', '__proto__'), hostileString), { minLength: 1, maxLength: 3 }),
  value: hostileValue,
  remove: fc.boolean(),
});

const eventArbitrary = fc.record({
  source: fc.constantFrom(...SOURCES),
  target: fc.constantFrom('/', '/users/1?x=1&x=2', '/a%20b?q=%C3%A9'),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  app: fc.constantFrom('express5' as const, 'koa3' as const),
});

function mutate(event: Record<string, unknown>, path: string[], value: unknown, remove: boolean): void {
  let node: Record<string, unknown> = event;
  for (const key of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') {
      Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  // defineProperty: an own `__proto__` key, as JSON.parse makes, not a prototype change here.
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

const STACK = /\n\s+at |\bat (?:Object\.|async )?\S+ \(.*:\d+:\d+\)/;

test(`${EVENTS} malformed events (seed ${SEED}): 0 crashes, 0 invalid results, 0 stack traces, 0 prototype pollution`, async () => {
  const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warnLog = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const handlers = { express5: handlerFor(echoApp('express5')), koa3: handlerFor(echoApp('koa3')) };
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const tally = { events: 0, crashes: 0, invalid: 0, stackTraces: 0, statuses: new Map<number, number>() };
  const failures: string[] = [];
  try {
    const samples = fc.sample(eventArbitrary, { numRuns: EVENTS, seed: SEED });
    for (const sample of samples) {
      const event = JSON.parse(JSON.stringify(toEvent(sample.source, { method: 'GET', target: sample.target, rawHeaders: ['Host', 'api.example.com', 'Cookie', 'a=1'] }))) as Record<string, unknown>;
      for (const m of sample.mutations) mutate(event, m.path, m.value, m.remove);
      tally.events++;
      errorLog.mockClear();
      let result: unknown;
      try {
        result = await handlers[sample.app](event as never, lambdaContext());
      } catch (error) {
        tally.crashes++;
        if (failures.length < 5) failures.push(`crash: ${(error as Error).stack}`);
        continue;
      }
      const r = result as { statusCode?: unknown; body?: unknown; headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown>; isBase64Encoded?: unknown };
      const valid =
        r !== null &&
        typeof r === 'object' &&
        Number.isInteger(r.statusCode) &&
        (r.statusCode as number) >= 100 &&
        (r.statusCode as number) <= 599 &&
        typeof r.body === 'string' &&
        typeof r.isBase64Encoded === 'boolean' &&
        Object.values(r.headers ?? {}).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') &&
        Object.values(r.multiValueHeaders ?? {}).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'));
      if (!valid) {
        tally.invalid++;
        if (failures.length < 5) failures.push(`invalid result: ${JSON.stringify(result).slice(0, 300)}`);
        continue;
      }
      tally.statuses.set(r.statusCode as number, (tally.statuses.get(r.statusCode as number) ?? 0) + 1);
      const logged = errorLog.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
      if (STACK.test(r.body as string) || STACK.test(logged)) {
        tally.stackTraces++;
        if (failures.length < 5) failures.push(`stack trace: ${(r.body as string).slice(0, 200)} | ${logged.slice(0, 300)}`);
      }
    }
  } finally {
    errorLog.mockRestore();
    warnLog.mockRestore();
  }
  const polluted = ({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys.join();
  expect({ events: tally.events, crashes: tally.crashes, invalid: tally.invalid, stackTraces: tally.stackTraces, polluted, failures }).toEqual({
    events: EVENTS,
    crashes: 0,
    invalid: 0,
    stackTraces: 0,
    polluted: false,
    failures: [],
  });
  // Most events are rejected as malformed; the rest reach the app. Both kinds must occur.
  expect(tally.statuses.get(400)).toBeGreaterThan(0);
  expect(tally.statuses.get(200)).toBeGreaterThan(0);
}, 180_000);
