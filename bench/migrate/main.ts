/**
 * `npm run bench:migrate`: `lambdashift migrate` (dry run, JSON report) on a generated Express
 * service of 2,000 route files (100 routers × 20 route files, 3–6 routes each; see
 * generate-service.ts) against jscodeshift parsing and reprinting the same files, in the same
 * run; and the same at 500 route files (25 routers), to see how time grows.
 *
 * Both run in one thread of a fresh process each (migrate-child.js: `migrate()` +
 * `formatJsonReport()`; jscodeshift-child.cjs: `j.withParser('ts')(source).toSource()` over
 * every .ts file of the service, what a jscodeshift transform does at the least, in process
 * as `jscodeshift --run-in-band` would). For each: wall time of the process (spawn to exit:
 * node start, module loading, the work), the work alone (timed inside the process), its CPU
 * time, and its peak RSS (`process.resourceUsage().maxRSS`). --runs processes per tool and
 * size, alternating the order; medians. Ratios are against jscodeshift in the same run.
 * At the larger size `migrate+transforms` also runs migrate with the two example migration
 * transforms of examples/custom-transforms (team-naming: a functions hook on every function;
 * powertools-logger: a jscodeshift parse + edit + reprint of every generated module, and an iac
 * hook), to show what hooks cost; and `migrate-no-readiness` runs migrate without the readiness
 * rules (`lambdashift check`'s work), to show what they add to a migrate run (goal: at most 25%).
 * Where migrate's time goes: CPU per phase (scan, plan, emit of rewrites and modules,
 * permissions, IaC, readiness, report; from migrate's progress events) and inside the migration
 * transforms' own hooks, each also as a ratio to jscodeshift's CPU at the same size.
 * Options: --runs N (3), --keep (leave .bench-tmp/migrate-<pid> for inspection).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshTempDir, goal, log, machineLine, median, repoRoot, runNode, table } from '../lib/common';
import { generateService, type GeneratedService } from './generate-service';
import type { MigrateChildResult } from './migrate-child';
import { PHASE_NAMES, type PhaseName } from './phases';

interface JscodeshiftChildResult {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  files: number;
  outputBytes: number;
  changed: number;
}

interface Sample {
  wallMs: number;
  workMs: number;
  cpuMs: number;
  maxRssBytes: number;
  /** migrate only: CPU ms per phase, and inside the transforms' hooks. */
  phaseCpuMs?: Record<PhaseName | 'hooks', number>;
}

type Tool = 'migrate' | 'jscodeshift' | 'migrate+transforms' | 'migrate-no-readiness';

const EXAMPLE_TRANSFORMS = ['team-naming/team-naming.ts', 'powertools-logger/powertools-logger.ts'].map((t) =>
  path.join(repoRoot(), 'examples', 'custom-transforms', t),
);

const GIB = 1024 ** 3;
const SIZES = [
  { routers: 25, label: '500 route files' },
  { routers: 100, label: '2,000 route files' },
] as const;

function parseArgs(argv: readonly string[]): { runs: number; keep: boolean } {
  const i = argv.indexOf('--runs');
  const runs = i === -1 ? 3 : Number(argv[i + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive whole number');
  return { runs, keep: argv.includes('--keep') };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const migrateChild = path.join(__dirname, 'migrate-child.js');
  const jscodeshiftChild = path.join(repoRoot(), 'bench', 'migrate', 'jscodeshift-child.cjs');
  const dir = freshTempDir('migrate');
  // Removed however the run ends, unless kept for inspection.
  if (!o.keep) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

  log('bench:migrate: lambdashift migrate (dry run + JSON report) vs jscodeshift parse + reprint of the same files');
  log(`at start: ${machineLine()}`);
  log(`each tool runs in one thread of its own process, ${o.runs} processes per tool and size, order alternating; medians`);

  const results = new Map<string, Sample[]>();
  const services = new Map<number, GeneratedService>();
  for (const size of SIZES) {
    const root = path.join(dir, `service-${size.routers * 20}`);
    const service = generateService(root, size.routers);
    services.set(size.routers, service);
    log('');
    log(`${size.label}: ${size.routers} routers, ${service.routes} routes (${service.inlineHandlers} inline handlers), ${service.files} .ts files, ${(service.bytes / 1024 / 1024).toFixed(1)} MiB`);
    for (let run = 0; run < o.runs; run++) {
      const base: Tool[] = run % 2 === 0 ? ['migrate', 'jscodeshift'] : ['jscodeshift', 'migrate'];
      const order: Tool[] = size === SIZES[1] ? [...base, 'migrate+transforms', 'migrate-no-readiness'] : base;
      for (const tool of order) {
        let sample: Sample;
        if (tool !== 'jscodeshift') {
          const r = await runNode<MigrateChildResult>(migrateChild, [
            ...(tool === 'migrate-no-readiness' ? ['--no-readiness'] : []),
            root,
            ...(tool === 'migrate+transforms' ? EXAMPLE_TRANSFORMS : []),
          ]);
          // One function per route, plus the whole-app fallback.
          if (r.result.failed !== 0 || r.result.functions !== service.routes + 1) {
            throw new Error(`migrate: ${r.result.failed} failed files, ${r.result.functions} functions for ${service.routes} routes and the fallback\n${r.stderr}`);
          }
          if (run === 0) log(`  ${tool}: ${r.result.functions} functions, ${r.result.created} files created, ${r.result.modified} modified, ${r.result.warnings} warnings, ${r.result.findings} readiness findings; JSON report ${(r.result.reportBytes / 1024).toFixed(0)} KiB`);
          const phaseCpuMs = { ...Object.fromEntries(PHASE_NAMES.map((p) => [p, r.result.phases[p].cpuMs])), hooks: r.result.hooks.cpuMs } as Record<PhaseName | 'hooks', number>;
          sample = { wallMs: r.wallMs, workMs: r.result.ms, cpuMs: r.result.cpuMs, maxRssBytes: r.result.maxRssBytes, phaseCpuMs };
        } else {
          const r = await runNode<JscodeshiftChildResult>(jscodeshiftChild, [root]);
          if (r.result.files !== service.files) throw new Error(`jscodeshift read ${r.result.files} files, expected ${service.files}`);
          if (run === 0) log(`  jscodeshift: ${r.result.files} files parsed and reprinted (${r.result.changed} printed differently)`);
          sample = { wallMs: r.wallMs, workMs: r.result.ms, cpuMs: r.result.cpuMs, maxRssBytes: r.result.maxRssBytes };
        }
        const key = `${size.routers}:${tool}`;
        results.set(key, [...(results.get(key) ?? []), sample]);
        log(`  run ${run + 1} ${tool.padEnd(18)} process ${sec(sample.wallMs)}  work ${sec(sample.workMs)}  cpu ${sec(sample.cpuMs)}  peak RSS ${mib(sample.maxRssBytes)}`);
      }
    }
  }

  const summary = (routers: number, tool: Tool) => {
    const s = results.get(`${routers}:${tool}`)!;
    return {
      wall: median(s.map((x) => x.wallMs)),
      work: median(s.map((x) => x.workMs)),
      cpu: median(s.map((x) => x.cpuMs)),
      peak: Math.max(...s.map((x) => x.maxRssBytes)),
    };
  };

  log('');
  const rows: string[][] = [['size', 'tool', 'process wall', 'work', 'CPU', 'peak RSS', 'ratio wall', 'ratio work', 'ratio CPU']];
  for (const size of SIZES) {
    const js = summary(size.routers, 'jscodeshift');
    for (const tool of ['migrate', 'migrate-no-readiness', 'migrate+transforms', 'jscodeshift'] as const) {
      if (!results.has(`${size.routers}:${tool}`)) continue;
      const m = summary(size.routers, tool);
      rows.push([size.label, tool, sec(m.wall), sec(m.work), sec(m.cpu), mib(m.peak), x(m.wall / js.wall), x(m.work / js.work), x(m.cpu / js.cpu)]);
    }
  }
  for (const line of table(rows)) log(`  ${line}`);
  log('  (ratios: against jscodeshift at the same size; "work" excludes node start and module loading)');

  log('');
  log('where migrate\'s CPU time goes (median seconds, and × jscodeshift\'s CPU at the same size; "hooks" is inside the transforms\' own code, already counted in its phase):');
  const parts = [...PHASE_NAMES, 'hooks'] as const;
  const phaseRows: string[][] = [['size', 'tool', ...parts]];
  for (const size of SIZES) {
    const js = summary(size.routers, 'jscodeshift');
    for (const tool of ['migrate', 'migrate-no-readiness', 'migrate+transforms'] as const) {
      const s = results.get(`${size.routers}:${tool}`);
      if (!s) continue;
      phaseRows.push([
        size.label,
        tool,
        ...parts.map((p) => {
          const v = median(s.map((x) => x.phaseCpuMs![p]));
          return `${(v / 1000).toFixed(2)} ${x(v / js.cpu)}`;
        }),
      ]);
    }
  }
  for (const line of table(phaseRows)) log(`  ${line}`);

  log('');
  const [small, large] = [SIZES[0].routers, SIZES[1].routers];
  const files = services.get(large)!.routeFiles / services.get(small)!.routeFiles;
  const growth = (tool: Tool, field: 'wall' | 'work' | 'cpu') => summary(large, tool)[field] / summary(small, tool)[field];
  log(`growth from ${SIZES[0].label} to ${SIZES[1].label} (${files}× the files; linear = ${files.toFixed(2)}×):`);
  for (const tool of ['migrate', 'jscodeshift'] as const) {
    const perFile = (summary(large, tool).work - summary(small, tool).work) / ((large - small) * 20);
    log(`  ${tool.padEnd(11)} process ${x(growth(tool, 'wall'))}, work ${x(growth(tool, 'work'))}, CPU ${x(growth(tool, 'cpu'))}; marginal ${perFile.toFixed(1)} ms per extra route file`);
  }

  const m = summary(large, 'migrate');
  const js = summary(large, 'jscodeshift');
  log('');
  log(`goals at ${SIZES[1].label}:`);
  log(`  time ≤ 2× jscodeshift: ${(m.wall / js.wall).toFixed(2)}× process wall, ${(m.work / js.work).toFixed(2)}× work, ${(m.cpu / js.cpu).toFixed(2)}× CPU (${goal(m.wall / js.wall, 2)} on process wall)`);
  log(`  peak memory < 2 GiB: ${mib(m.peak)} (${m.peak < 2 * GIB ? 'met' : 'NOT met'})`);
  const t = summary(large, 'migrate+transforms');
  log(`  with the two example transforms: ${(t.wall / m.wall).toFixed(2)}× plain migrate process wall, ${(t.work / m.work).toFixed(2)}× work, ${(t.cpu / m.cpu).toFixed(2)}× CPU; ${(t.wall / js.wall).toFixed(2)}× jscodeshift; peak ${mib(t.peak)}`);
  const n = summary(large, 'migrate-no-readiness');
  const added = (field: 'wall' | 'work' | 'cpu') => (m[field] / n[field] - 1) * 100;
  log(`  readiness rules (check) add ≤ 25% to migrate: +${added('work').toFixed(1)}% work, +${added('cpu').toFixed(1)}% CPU, +${added('wall').toFixed(1)}% process wall (${goal(1 + added('work') / 100, 1.25)} on work)`);
  log(`  no worse than linear from 500 to 2,000 files: ${x(growth('migrate', 'work'))} work, ${x(growth('migrate', 'wall'))} process wall for ${files}× the files (${goal(growth('migrate', 'work'), files)} on work)`);
  log(`at end: ${machineLine()} (wall times on a loaded machine are noisy; CPU time is steadier)`);
  if (o.keep) log(`kept ${dir}`);
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;
const x = (r: number): string => `${r.toFixed(2)}×`;

main().catch((err: unknown) => {
  process.stderr.write(`bench:migrate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
