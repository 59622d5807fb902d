/**
 * One timed `migrate` run of bench:migrate, in its own process: discover → scan → plan → emit
 * as a dry run (nothing written), then the JSON report exactly as `--format json` prints it.
 * Prints one JSON line: time of the run, report size, counts, the process's peak RSS, and where
 * the time went (`phases`, from migrate's progress events; `hooks`, the migration transforms'
 * own code, measured around each hook call).
 *
 *   node migrate-child.js [--no-readiness] <service root> [<migration transform>...]
 *
 * `--no-readiness` leaves the readiness rules out, to measure what they add.
 */
import { formatJsonReport } from '../../src/changes/printers/json-report';
import { loadMigrationTransforms } from '../../src/hooks/load-migration-transforms';
import type { MigrationTransform } from '../../src/hooks/migration-transform';
import { migrate } from '../../src/migrate/migrate';
import type { ProgressEvent } from '../../src/model/progress';
import { PHASE_NAMES, type PhaseName, type Span } from './phases';

export interface MigrateChildResult {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  reportBytes: number;
  functions: number;
  modified: number;
  created: number;
  failed: number;
  warnings: number;
  /** Readiness findings (0 with --no-readiness). */
  findings: number;
  /** `emit` is the rewrites and generated modules (with the transforms' module hooks in it). */
  phases: Record<PhaseName, Span>;
  /** Time inside the migration transforms' hooks (and loading them), wherever it fell. */
  hooks: Span;
}

function clock(): Span {
  const c = process.cpuUsage();
  return { ms: performance.now(), cpuMs: (c.user + c.system) / 1000 };
}

const since = (a: Span, b: Span = clock()): Span => ({ ms: b.ms - a.ms, cpuMs: b.cpuMs - a.cpuMs });

/** The transforms, with every hook timed into `total`. */
function timedTransforms(specs: string[], total: Span): MigrationTransform<any>[] {
  const started = clock();
  const loaded = loadMigrationTransforms(specs, process.cwd()).map(({ transform }) => {
    const timed: Record<string, unknown> = { ...transform };
    for (const hook of ['functions', 'module', 'iac'] as const) {
      const fn = transform[hook] as ((...args: unknown[]) => unknown) | undefined;
      if (!fn) continue;
      timed[hook] = async function (this: unknown, ...args: unknown[]) {
        const at = clock();
        try {
          return await fn.apply(transform, args);
        } finally {
          const d = since(at);
          total.ms += d.ms;
          total.cpuMs += d.cpuMs;
        }
      };
    }
    return timed as unknown as MigrationTransform<any>;
  });
  const d = since(started);
  total.ms += d.ms;
  total.cpuMs += d.cpuMs;
  return loaded;
}

/**
 * The phase the time up to a progress event belongs to. Events come at the start of the plan,
 * of the emit and of each rewritten file and module; the emit's last three steps are counted
 * when the permissions, the IaC and the readiness rules are done (migrate.ts).
 */
function phaseBefore(e: ProgressEvent): PhaseName | null {
  if (e.phase === 'discover' || e.phase === 'scan' || e.phase === 'plan') return 'scan';
  if (e.phase !== 'emit' || e.total === null) return null;
  if (e.done === 0) return 'plan';
  const after = e.done - (e.total - 3);
  return after <= 0 ? 'emit' : after === 1 ? 'permissions' : after === 2 ? 'iac' : 'readiness';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const readiness = !args.includes('--no-readiness');
  const [root, ...transformPaths] = args.filter((a) => a !== '--no-readiness');
  if (!root) throw new Error('usage: migrate-child.js <root> [<transform>...]');
  const zero = (): Span => ({ ms: 0, cpuMs: 0 });
  const phases = Object.fromEntries(PHASE_NAMES.map((p) => [p, zero()])) as Record<PhaseName, Span>;
  const hooks = zero();
  const started = clock();
  let last = started;
  const count = (phase: PhaseName): void => {
    const now = clock();
    const d = since(last, now);
    phases[phase].ms += d.ms;
    phases[phase].cpuMs += d.cpuMs;
    last = now;
  };
  const transforms = transformPaths.length ? timedTransforms(transformPaths, hooks) : [];
  const result = await migrate({
    root,
    transforms,
    readiness,
    onProgress: (e) => {
      const phase = phaseBefore(e);
      if (phase) count(phase);
    },
  });
  count('readiness');
  const report = formatJsonReport(result);
  count('report');
  const total = since(started);
  const parsed = JSON.parse(report) as { summary: { functions: number; modified: number; created: number; failed: number; warnings: number } };
  const out: MigrateChildResult = {
    ms: total.ms,
    cpuMs: total.cpuMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    reportBytes: Buffer.byteLength(report),
    ...parsed.summary,
    findings: result.readiness?.length ?? 0,
    phases,
    hooks,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
