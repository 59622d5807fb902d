/**
 * The behaviour suite for one sample service, as jest tests. Each service gets:
 *
 * - a temp copy, migrated with `migrate({ root })` and written with `applyChangeSet(..., { force: true })`;
 * - checks of the run: no failed file, no warning or error, a function for every route of the
 *   request table, API paths that route each request to its own route and fit one REST API,
 *   a second run with nothing pending, generated TypeScript that compiles with --strict;
 * - importing the main module starts no server after the rewrite;
 * - the request table replayed in order against the original service (started as `npm start`
 *   does, untouched in examples/), the rewritten service (same, in the copy) and the generated
 *   handlers with v1, v2 and ALB events; every response compared with the original's.
 *
 * Requests whose `route` is null match no route of the app: API Gateway (or the ALB's default
 * rule) answers those itself without invoking any function, so for them the Lambda tests check
 * that no function's API path claims the request, and invoke nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyChangeSet } from '../../../src/changes/writer';
import { migrate, type MigrateOptions } from '../../../src/migrate/migrate';
import type { HttpFunctionEntry } from '../../../src/model/function-entry';
import type { RunResult } from '../../../src/model/run-result';
import { loadRequests, type ReplayRequest } from '../../examples/replay';
import { compareResponses } from './compare';
import { EVENT_SOURCES, type EventSource } from './events';
import type { Recorded } from './http';
import { LAMBDA_ENV, LambdaHost, probeImport, startServer, type ListenCall } from './processes';
import { httpFunctions, matchRoute, restApiProblems, serverlessApi, serverlessRoutes } from './routing';
import { ensureRuntimeBuilt } from './runtime-build';
import { hostedModules, lambdaDifferences, replayHttp, replayLambda, serviceInfo, typecheck, type LambdaExchange, type ServiceInfo } from './service';
import { copyExample, EXAMPLES_DIR, makeTempDir, removeTempDirs } from './workspace';

export interface ServiceSpec {
  /** Directory name under examples/ (or under `baseDir`). */
  example: string;
  /** Where the service lives when it is a test fixture rather than an example (absolute). Default examples/. */
  baseDir?: string;
  /** Whether importing the example's main module starts a server before the migration. */
  listensOnImport: boolean;
  /** Extra options for `migrate` (root is the copy). */
  migrate?: Omit<MigrateOptions, 'root'>;
  /** `code` of every warning/error the migration is known to report (a gap stated, not hidden). */
  expectedWarnings?: string[];
}

const title = (r: ReplayRequest, i: number): string => `${String(i + 1).padStart(2, '0')} ${r.method} ${r.path}: ${r.name}`;

function describeListens(calls: ListenCall[]): string {
  return calls.map((c) => `listen(${c.args.join(', ')})\n${c.stack}`).join('\n');
}

interface Prepared {
  copy: string;
  result: RunResult;
  functions: HttpFunctionEntry[];
  original: ServiceInfo;
  migrated: ServiceInfo;
  originalResponses: Recorded[];
}

/** Defines the suite for one service; call at the top level of a test file, once per service. */
export function defineServiceBehaviourTests(spec: ServiceSpec): void {
  describe(spec.example, () => {
    const requests = loadRequests(spec.example, spec.baseDir);
    const rows = requests.map((r, i) => [title(r, i), r, i] as const);
    let prepared: Prepared | undefined;
    const get = (): Prepared => {
      if (!prepared) throw new Error('the migration did not complete (see the first failure in this suite)');
      return prepared;
    };

    beforeAll(async () => {
      ensureRuntimeBuilt();
      const scratch = makeTempDir(`lambdashift-${spec.example}-`);
      const copy = copyExample(spec.example, scratch, spec.baseDir);
      const result = await migrate({ ...spec.migrate, root: copy });
      await applyChangeSet(result.changes, { force: true });
      const original = serviceInfo(path.join(spec.baseDir ?? EXAMPLES_DIR, spec.example));
      // The original, untouched, started as `npm start` starts it, fresh state.
      const server = await startServer(original.entry, original.child);
      let originalResponses: Recorded[];
      try {
        originalResponses = await replayHttp(server, requests);
      } finally {
        await server.stop();
      }
      prepared = { copy, result, functions: httpFunctions(result.functions), original, migrated: serviceInfo(copy), originalResponses };
    }, 120000);

    afterAll(removeTempDirs);

    describe('migration', () => {
      it(`fails no file and reports ${spec.expectedWarnings?.length ? `only ${spec.expectedWarnings.join(', ')}` : 'no warning or error'}`, () => {
        const { result } = get();
        const failed = result.changes.entries().filter((c) => c.status === 'failed');
        expect(failed.map((c) => ({ path: c.path, error: c.error }))).toEqual([]);
        expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual(spec.expectedWarnings ?? []);
        expect(result.changes.pending().length).toBeGreaterThan(0);
      });

      it('generates a function for every route of the request table, and no other', () => {
        const { functions, copy } = get();
        const tableRoutes = [...new Set(requests.map((r) => r.route).filter((r): r is string => r !== null))].sort();
        const generated = [...new Set(functions.filter((f) => !f.fallback).map((f) => `${f.method} ${f.path}`))].sort();
        expect(generated).toEqual(tableRoutes);
        for (const fn of functions) {
          expect(fn.module).toMatch(/^lambda\/http\//);
          expect(fs.existsSync(path.join(copy, fn.module))).toBe(true);
        }
      });

      it('gives every request to the function of its route, routed the API Gateway way', () => {
        const { functions } = get();
        const wrong = requests
          .map((r) => {
            const match = matchRoute(functions, r.method, r.path.split('?')[0]!);
            const got = match ? `${match.fn.method} ${match.fn.path}` : null;
            const expected = r.route ?? (functions.some((f) => f.fallback) ? 'ANY *' : null);
            return got === expected ? null : { request: `${r.method} ${r.path}`, expected, routedTo: got };
          })
          .filter(Boolean);
        expect(wrong).toEqual([]);
      });

      it('writes a serverless.yml that routes every request to the function of its route, HEAD included', () => {
        const { copy, functions } = get();
        const file = path.join(copy, 'serverless.yml');
        expect(fs.existsSync(file)).toBe(true);
        const yml = fs.readFileSync(file, 'utf8');
        const deployed = serverlessRoutes(yml);
        const api = serverlessApi(yml);
        const nameOf = new Map(functions.map((f) => [`${f.method} ${f.path}`, f.name]));
        const fallbackName = functions.find((f) => f.fallback)?.name ?? null;
        const wrong = requests
          .map((r) => {
            // API Gateway itself: no HEAD-to-GET fallback; a HEAD request needs a HEAD or ANY route.
            const match = matchRoute(deployed, r.method, r.path.split('?')[0]!, { headViaGet: false, api });
            const expected = r.route === null ? fallbackName : (nameOf.get(r.route) ?? `<no function for ${r.route}>`);
            const got = match ? match.fn.name : null;
            return got === expected ? null : { request: `${r.method} ${r.path}`, route: r.route, expected, routedTo: got };
          })
          .filter(Boolean);
        expect(wrong).toEqual([]);
      });

      it('has API paths that one API Gateway REST API can hold', () => {
        expect(restApiProblems(get().functions)).toEqual([]);
      });

      it('changes nothing when run a second time', async () => {
        const again = await migrate({ ...spec.migrate, root: get().copy });
        expect(again.changes.pending().map((c) => `${c.status} ${c.path}`)).toEqual([]);
        expect(again.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
      });

      if (fs.existsSync(path.join(spec.baseDir ?? EXAMPLES_DIR, spec.example, 'tsconfig.json'))) {
        it('generated TypeScript compiles with the service under tsc --strict --noEmit', () => {
          const { copy, functions } = get();
          const generated = [...new Set(functions.map((f) => f.module))];
          expect(generated.every((m) => m.endsWith('.ts'))).toBe(true);
          const { status, output } = typecheck(copy, ['src', 'lambda']);
          expect(output).toBe('');
          expect(status).toBe(0);
        }, 60000);
      }
    });

    describe('importing the main module', () => {
      it(`${spec.listensOnImport ? 'starts a server before the rewrite' : 'starts no server before the rewrite either'}`, async () => {
        const { original } = get();
        const probe = await probeImport(original.main, original.esm, original.child);
        expect(probe.error).toBeNull();
        expect(probe.listenCalls.length > 0).toBe(spec.listensOnImport);
      });

      it('starts no server after the rewrite, in Lambda', async () => {
        const { migrated } = get();
        const probe = await probeImport(migrated.main, migrated.esm, { ...migrated.child, env: { ...LAMBDA_ENV, ...migrated.child.env } });
        expect(probe.error).toBeNull();
        expect(describeListens(probe.listenCalls)).toBe('');
      });

      // pm2 cluster mode, `node -r` wrappers and test runners load the entry with `require`.
      it(`${spec.listensOnImport ? 'still starts' : 'starts no'} server after the rewrite outside Lambda, as before`, async () => {
        const { migrated } = get();
        const probe = await probeImport(migrated.main, migrated.esm, migrated.child);
        expect(probe.error).toBeNull();
        expect(probe.listenCalls.length > 0).toBe(spec.listensOnImport);
      });
    });

    describe('original service (npm start, real HTTP)', () => {
      it.each(rows)('%s answers as requests.json expects', (_t, r, i) => {
        expect(get().originalResponses[i]!.status).toBe(r.expect.status);
      });
    });

    describe('rewritten service (npm start in the migrated copy, real HTTP)', () => {
      let responses: Recorded[] = [];
      let running = false;
      beforeAll(async () => {
        const { migrated } = get();
        const server = await startServer(migrated.entry, migrated.child);
        try {
          responses = await replayHttp(server, requests);
          running = server.isRunning();
        } finally {
          await server.stop();
        }
      }, 60000);

      it('is still running after the whole table', () => {
        expect(running).toBe(true);
      });

      it.each(rows)('%s: same response as the original', (_t, _r, i) => {
        expect(compareResponses(get().originalResponses[i]!, responses[i]!)).toEqual([]);
      });
    });

    describe.each(EVENT_SOURCES.map((s) => [s]))('generated handlers, %s events', (source: EventSource) => {
      let host: LambdaHost | undefined;
      let loaded: { errors: Array<{ key: string; message: string }>; listenCalls: ListenCall[] } | undefined;
      let exchanges: LambdaExchange[] = [];

      beforeAll(async () => {
        const { copy, functions, migrated } = get();
        host = await LambdaHost.start(migrated.child);
        loaded = await host.load(hostedModules(copy, functions, migrated.esm));
        exchanges = await replayLambda(host, functions, requests, source);
      }, 60000);

      afterAll(async () => {
        await host?.stop();
      });

      it('loads every generated module in one process without starting a server', () => {
        expect(loaded?.errors).toEqual([]);
        expect(describeListens(loaded?.listenCalls ?? [])).toBe('');
      });

      it.each(rows)('%s', (_t, r, i) => {
        const exchange = exchanges[i]!;
        if (r.route === null) {
          // Unrouted requests: the whole-app fallback answers them as the app does; without one,
          // the gateway answers itself and no function may claim them.
          const fallback = get().functions.find((f) => f.fallback);
          if (!fallback) {
            expect(exchange.match).toBeNull();
            return;
          }
          expect(exchange.match?.fn.name).toBe(fallback.name);
          expect(lambdaDifferences(get().originalResponses[i]!, exchange, source)).toEqual([]);
          return;
        }
        expect(exchange.match && `${exchange.match.fn.method} ${exchange.match.fn.path}`).toBe(r.route);
        expect(lambdaDifferences(get().originalResponses[i]!, exchange, source)).toEqual([]);
      });

      it('survives the whole table (no crash of the Lambda host)', () => {
        expect(host?.isRunning()).toBe(true);
      });
    });
  });
}
