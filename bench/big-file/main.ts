/**
 * `npm run bench:big-file`: the pathological file of issue 14, a 5 MB module with 100,000
 * exports (`export const h<i> = (req, res) => ...`) that the app imports (one route uses one
 * export), migrated with `lambdashift migrate` (dry run + JSON report, bench/migrate's child),
 * at several sizes, against two anchors measured in the same run:
 *
 * - jscodeshift parsing and reprinting the same files (bench/migrate's jscodeshift child), what
 *   any codemod over the file costs at the least;
 * - the same service with the big file not imported (it is then outside the entry's module
 *   graph, so the scan only parses it): what the rest of the run costs.
 *
 * Goal: the imported file is scanned in time linear in its size (a small multiple of
 * jscodeshift's), never an unbounded run. The growth table says how each cost grows from one
 * size to the next, per doubling of the file (linear = 2.00×). A file over the scan's per-file
 * budget (LAMBDASHIFT_MAX_FILE_BYTES, 10 MiB) is raised for the children, and said so.
 * Options: --sizes N,N,... (25000,50000,100000; --exports N means N/2,N), --runs N (1), --keep.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshTempDir, log, machineLine, median, repoRoot, runNode, table } from '../lib/common';
import type { MigrateChildResult } from '../migrate/migrate-child';

interface JscodeshiftChildResult {
  ms: number;
  cpuMs: number;
  maxRssBytes: number;
  files: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
}

function parseArgs(argv: readonly string[]): { runs: number; sizes: number[]; keep: boolean } {
  const whole = (flag: string, text: string | undefined): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs positive whole numbers`);
    return n;
  };
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const runs = value('--runs') === undefined ? 1 : whole('--runs', value('--runs'));
  const exports = value('--exports');
  const sizesText = value('--sizes');
  const sizes = sizesText !== undefined ? sizesText.split(',').map((t) => whole('--sizes', t)) : exports !== undefined ? [Math.floor(whole('--exports', exports) / 2), whole('--exports', exports)] : [25_000, 50_000, 100_000];
  return { runs, sizes: [...new Set(sizes)].sort((a, b) => a - b), keep: argv.includes('--keep') };
}

/** A TypeScript Express service whose app imports (or not) src/lib/big.ts with `count` exports; returns the big file's size. */
function writeService(root: string, count: number, imported: boolean): number {
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('package.json', `${JSON.stringify({ name: 'big-file', version: '1.0.0', main: 'src/server.ts', dependencies: { express: '^4.21.0' } }, null, 2)}\n`);
  write('tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', esModuleInterop: true, strict: true } }, null, 2)}\n`);
  write(
    'src/app.ts',
    [
      "import express, { type Request, type Response } from 'express';",
      ...(imported ? ["import * as big from './lib/big';"] : []),
      '',
      'export const app = express();',
      "app.get('/health', (req: Request, res: Response) => res.json({ ok: true }));",
      ...(imported ? ["app.get('/one', big.h1);"] : []),
      '',
    ].join('\n'),
  );
  write('src/server.ts', "import { app } from './app';\n\napp.listen(3000);\n");
  const lines = ["import type { Request, Response } from 'express';", ''];
  for (let i = 0; i < count; i++) lines.push(`export const h${i} = (req: Request, res: Response) => res.json({ value: ${i} });`);
  const text = `${lines.join('\n')}\n`;
  write('src/lib/big.ts', text);
  return Buffer.byteLength(text);
}

const sec = (msValue: number): string => `${(msValue / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const times = (x: number): string => `${x.toFixed(2)}×`;

/** The scan's default per-file budget (src/scan/source-health.ts DEFAULT_MAX_FILE_BYTES). */
const DEFAULT_BUDGET = 10 * 1024 * 1024;

interface Measured {
  count: number;
  bytes: number;
  tools: Map<string, { wall: number; cpu: number; peak: number }>;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = freshTempDir('big-file');
  if (!o.keep) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const migrateChild = path.join(__dirname, 'migrate-child.js');
  const jscodeshiftChild = path.join(repoRoot(), 'bench', 'migrate', 'jscodeshift-child.cjs');

  log('bench:big-file: lambdashift migrate on a service importing one huge module vs jscodeshift parse + reprint of it');
  log(`at start: ${machineLine()}`);
  const services = o.sizes.map((count) => {
    const imported = path.join(dir, `imported-${count}`);
    const alone = path.join(dir, `not-imported-${count}`);
    const bytes = writeService(imported, count, true);
    writeService(alone, count, false);
    return { count, bytes, imported, alone };
  });
  // Sizes over the default budget are measured with it raised (else the file is refused, by design).
  const largest = Math.max(...services.map((s) => s.bytes));
  const env = largest > DEFAULT_BUDGET && process.env.LAMBDASHIFT_MAX_FILE_BYTES === undefined ? { LAMBDASHIFT_MAX_FILE_BYTES: String(largest) } : {};
  if (env.LAMBDASHIFT_MAX_FILE_BYTES) log(`  (LAMBDASHIFT_MAX_FILE_BYTES=${env.LAMBDASHIFT_MAX_FILE_BYTES} for the migrate runs: the largest file is over the default 10 MiB budget)`);
  const rows: string[][] = [['exports', 'file', 'tool', 'process wall', 'CPU', 'peak RSS', 'ratio wall', 'ratio CPU']];
  const measured: Measured[] = [];
  for (const { count, bytes, imported, alone } of services) {
    const samples = new Map<string, Sample[]>();
    const add = (tool: string, s: Sample) => samples.set(tool, [...(samples.get(tool) ?? []), s]);
    for (let run = 0; run < o.runs; run++) {
      const js = await runNode<JscodeshiftChildResult>(jscodeshiftChild, [imported]);
      add('jscodeshift', { wallMs: js.wallMs, cpuMs: js.result.cpuMs, maxRssBytes: js.result.maxRssBytes });
      for (const [tool, root] of [['migrate (imported)', imported], ['migrate (not imported)', alone]] as const) {
        const r = await runNode<MigrateChildResult>(migrateChild, [root], { env });
        const expected = root === imported ? 3 : 2; // /health, /one when imported, and the fallback
        if (r.result.functions !== expected || r.result.failed !== 0) throw new Error(`${tool}: ${r.result.functions} functions, ${r.result.failed} failed\n${r.stderr}`);
        add(tool, { wallMs: r.wallMs, cpuMs: r.result.cpuMs, maxRssBytes: r.result.maxRssBytes });
      }
      log(`  ${count} exports, run ${run + 1}: ${[...samples].map(([t, s]) => `${t} ${sec(s[s.length - 1]!.wallMs)}`).join(', ')}`);
    }
    const tools = new Map<string, { wall: number; cpu: number; peak: number }>();
    for (const [tool, s] of samples) tools.set(tool, { wall: median(s.map((x) => x.wallMs)), cpu: median(s.map((x) => x.cpuMs)), peak: Math.max(...s.map((x) => x.maxRssBytes)) });
    const anchor = tools.get('jscodeshift')!;
    for (const tool of ['migrate (imported)', 'migrate (not imported)', 'jscodeshift']) {
      const m = tools.get(tool)!;
      rows.push([String(count), `${(bytes / 1024 / 1024).toFixed(1)} MiB`, tool, sec(m.wall), sec(m.cpu), mib(m.peak), times(m.wall / anchor.wall), times(m.cpu / anchor.cpu)]);
    }
    measured.push({ count, bytes, tools });
  }
  log('');
  for (const line of table(rows)) log(`  ${line}`);
  log('  (ratios: against jscodeshift parsing and reprinting the same files, in the same run)');
  if (measured.length < 2) return;
  // How each cost grows from one size to the next, scaled to a doubling of the file (linear = 2×).
  const added = (m: Measured): number => m.tools.get('migrate (imported)')!.cpu - m.tools.get('migrate (not imported)')!.cpu;
  const growthRows: string[][] = [['from → to', 'file ×', 'added CPU (imported − not)', 'migrate CPU', 'jscodeshift CPU', 'migrate peak RSS']];
  for (let i = 1; i < measured.length; i++) {
    const [a, b] = [measured[i - 1]!, measured[i]!];
    const doublings = Math.log2(b.bytes / a.bytes);
    const perDoubling = (x: number, y: number): string => times((y / x) ** (1 / doublings));
    const cpu = (m: Measured, tool: string) => m.tools.get(tool)!.cpu;
    growthRows.push([
      `${a.count} → ${b.count}`,
      times(b.bytes / a.bytes),
      `${sec(added(a))} → ${sec(added(b))}: ${perDoubling(added(a), added(b))}`,
      perDoubling(cpu(a, 'migrate (imported)'), cpu(b, 'migrate (imported)')),
      perDoubling(cpu(a, 'jscodeshift'), cpu(b, 'jscodeshift')),
      `${mib(a.tools.get('migrate (imported)')!.peak)} → ${mib(b.tools.get('migrate (imported)')!.peak)}: ${perDoubling(a.tools.get('migrate (imported)')!.peak, b.tools.get('migrate (imported)')!.peak)}`,
    ]);
  }
  log('');
  log('  growth per doubling of the file (linear = 2.00×; the file size ratio is scaled to one doubling):');
  for (const line of table(growthRows)) log(`  ${line}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
