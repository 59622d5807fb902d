/**
 * `npm run bench:big-file`: the pathological file of issue 14, a 5 MB module with 100,000
 * exports (`export const h<i> = (req, res) => ...`) that the app imports (one route uses one
 * export), migrated with `lambdashift migrate` (dry run + JSON report, bench/migrate's child),
 * against two anchors measured in the same run:
 *
 * - jscodeshift parsing and reprinting the same files (bench/migrate's jscodeshift child), what
 *   any codemod over the file costs at the least;
 * - the same service with the big file not imported (it is then outside the entry's module
 *   graph, so the scan skips it): what the rest of the run costs.
 *
 * Goal: the imported file is scanned in time linear in its size (a small multiple of
 * jscodeshift's), never an unbounded run. Half the exports is measured too, to see how the
 * time grows. Options: --runs N (1), --exports N (100000), --keep.
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

function parseArgs(argv: readonly string[]): { runs: number; exports: number; keep: boolean } {
  const num = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  return { runs: num('--runs', 1), exports: num('--exports', 100_000), keep: argv.includes('--keep') };
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

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const dir = freshTempDir('big-file');
  if (!o.keep) process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const migrateChild = path.join(__dirname, 'migrate-child.js');
  const jscodeshiftChild = path.join(repoRoot(), 'bench', 'migrate', 'jscodeshift-child.cjs');

  log('bench:big-file: lambdashift migrate on a service importing one huge module vs jscodeshift parse + reprint of it');
  log(`at start: ${machineLine()}`);
  const rows: string[][] = [['exports', 'file', 'tool', 'process wall', 'CPU', 'peak RSS', 'ratio wall', 'ratio CPU']];
  const wallByCount = new Map<number, number>();
  for (const count of [Math.floor(o.exports / 2), o.exports]) {
    const imported = path.join(dir, `imported-${count}`);
    const alone = path.join(dir, `not-imported-${count}`);
    const bytes = writeService(imported, count, true);
    writeService(alone, count, false);
    const samples = new Map<string, Sample[]>();
    const add = (tool: string, s: Sample) => samples.set(tool, [...(samples.get(tool) ?? []), s]);
    for (let run = 0; run < o.runs; run++) {
      const js = await runNode<JscodeshiftChildResult>(jscodeshiftChild, [imported]);
      add('jscodeshift', { wallMs: js.wallMs, cpuMs: js.result.cpuMs, maxRssBytes: js.result.maxRssBytes });
      for (const [tool, root] of [['migrate (imported)', imported], ['migrate (not imported)', alone]] as const) {
        const r = await runNode<MigrateChildResult>(migrateChild, [root]);
        const expected = root === imported ? 3 : 2; // /health, /one when imported, and the fallback
        if (r.result.functions !== expected || r.result.failed !== 0) throw new Error(`${tool}: ${r.result.functions} functions, ${r.result.failed} failed\n${r.stderr}`);
        add(tool, { wallMs: r.wallMs, cpuMs: r.result.cpuMs, maxRssBytes: r.result.maxRssBytes });
      }
      log(`  ${count} exports, run ${run + 1}: ${[...samples].map(([t, s]) => `${t} ${sec(s[s.length - 1]!.wallMs)}`).join(', ')}`);
    }
    const summary = (tool: string) => {
      const s = samples.get(tool)!;
      return { wall: median(s.map((x) => x.wallMs)), cpu: median(s.map((x) => x.cpuMs)), peak: Math.max(...s.map((x) => x.maxRssBytes)) };
    };
    const anchor = summary('jscodeshift');
    for (const tool of ['migrate (imported)', 'migrate (not imported)', 'jscodeshift']) {
      const m = summary(tool);
      rows.push([String(count), `${(bytes / 1024 / 1024).toFixed(1)} MiB`, tool, sec(m.wall), sec(m.cpu), mib(m.peak), `${(m.wall / anchor.wall).toFixed(2)}×`, `${(m.cpu / anchor.cpu).toFixed(2)}×`]);
    }
    wallByCount.set(count, summary('migrate (imported)').cpu - summary('migrate (not imported)').cpu);
  }
  log('');
  for (const line of table(rows)) log(`  ${line}`);
  log('  (ratios: against jscodeshift parsing and reprinting the same files, in the same run)');
  const [half, full] = [...wallByCount.values()];
  log(`  CPU the big file adds (imported minus not imported): ${sec(half!)} at half the exports, ${sec(full!)} at all of them (${(full! / half!).toFixed(2)}×; linear = 2×)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
