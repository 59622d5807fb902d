/**
 * One timed `migrate` run of bench:migrate, in its own process: discover → scan → plan → emit
 * as a dry run (nothing written), then the JSON report exactly as `--format json` prints it.
 * Prints one JSON line: time of the run, report size, counts, and the process's peak RSS.
 *
 *   node migrate-child.js [--no-readiness] <service root> [<migration transform>...]
 *
 * `--no-readiness` leaves the readiness rules out, to measure what they add.
 */
import { formatJsonReport } from '../../src/changes/printers/json-report';
import { migrate } from '../../src/migrate/migrate';

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
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const readiness = !args.includes('--no-readiness');
  const [root, ...transforms] = args.filter((a) => a !== '--no-readiness');
  if (!root) throw new Error('usage: migrate-child.js <root> [<transform>...]');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await migrate({ root, transforms, readiness });
  const report = formatJsonReport(result);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const parsed = JSON.parse(report) as { summary: { functions: number; modified: number; created: number; failed: number; warnings: number } };
  const out: MigrateChildResult = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    reportBytes: Buffer.byteLength(report),
    ...parsed.summary,
    findings: result.readiness?.length ?? 0,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
