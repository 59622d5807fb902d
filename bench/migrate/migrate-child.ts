/**
 * One timed `migrate` run of bench:migrate, in its own process: discover → scan → plan → emit
 * as a dry run (nothing written), then the JSON report exactly as `--format json` prints it.
 * Prints one JSON line: time of the run, report size, counts, and the process's peak RSS.
 *
 *   node migrate-child.js <service root> [<migration transform>...]
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
}

async function main(): Promise<void> {
  const [root, ...transforms] = process.argv.slice(2);
  if (!root) throw new Error('usage: migrate-child.js <root> [<transform>...]');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await migrate({ root, transforms });
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
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
