/**
 * `npm run bench:runner`: lambdashift's transform runner against jscodeshift's own, on the
 * same generated tree of TypeScript files, with a transform that parses and reprints every
 * file. Prints the median wall time of each, their ratio and the peak memory of each process
 * tree. Options: --files N (2000), --runs N (3), --workers N (cores - 1), --in-band, --keep.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTree } from './generate-tree';
import { measure, type Measurement } from './measure';

const repo = path.resolve(__dirname, '..', '..');
const transform = path.join(__dirname, 'reprint-transform.js');
const lambdashiftBin = path.join(repo, 'bin', 'lambdashift.js');
const jscodeshiftBin = path.join(repo, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const GIB = 1024 ** 3;

interface BenchOptions {
  files: number;
  runs: number;
  workers: number;
  inBand: boolean;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  return {
    files: value('--files', 2000),
    runs: value('--runs', 3),
    workers: value('--workers', Math.max(1, os.availableParallelism() - 1)),
    inBand: argv.includes('--in-band'),
    keep: argv.includes('--keep'),
  };
}

interface Tool {
  name: string;
  args: string[];
  /** The same run with output that proves every file was processed. */
  verifyArgs: string[];
  verify(m: Measurement, files: number): string | null;
}

function tools(o: BenchOptions): Tool[] {
  const lsParallel = o.inBand ? ['--in-band'] : ['--workers', String(o.workers)];
  const jsParallel = o.inBand ? ['--run-in-band'] : ['--cpus', String(o.workers)];
  const lsBase = [lambdashiftBin, 'run', '-t', transform, '.', ...lsParallel];
  const jsBase = [jscodeshiftBin, '-t', transform, '.', '--dry', '--parser', 'ts', '--extensions', 'ts', ...jsParallel];
  return [
    {
      name: 'lambdashift',
      args: [...lsBase, '--format', 'diff'],
      verifyArgs: [...lsBase, '--format', 'json'],
      verify: (m, files) => {
        const summary = (JSON.parse(m.stdout) as { summary: Record<string, number> }).summary;
        return m.exitCode === 0 && summary.unchanged === files && summary.failed === 0 ? null : `unexpected result: exit ${m.exitCode}, ${JSON.stringify(summary)}`;
      },
    },
    {
      name: 'jscodeshift',
      args: [...jsBase, '--silent'],
      verifyArgs: jsBase,
      verify: (m, files) => {
        const unmodified = Number(/(\d+) unmodified/.exec(m.stdout)?.[1]);
        const errors = Number(/(\d+) errors/.exec(m.stdout)?.[1]);
        return m.exitCode === 0 && unmodified === files && errors === 0 ? null : `unexpected result: exit ${m.exitCode}, ${unmodified} unmodified, ${errors} errors`;
      },
    },
  ];
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(repo, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'lambdashift-bench-'));
  try {
    const bytes = generateTree(tree, options.files);
    const mode = options.inBand ? 'in band' : `${options.workers} worker${options.workers === 1 ? '' : 's'}`;
    log(`bench:runner: ${options.files} TypeScript files (${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${tree}, ${mode}, ${options.runs} timed run(s) each`);
    log(`node ${process.version}, ${os.availableParallelism()} cores, ${(os.totalmem() / GIB).toFixed(1)} GiB RAM\n`);

    const all = tools(options);
    // One untimed run each: proves both processed every file, and warms the file cache for both.
    for (const tool of all) {
      const m = await measure(process.execPath, tool.verifyArgs, { cwd: tree });
      const problem = tool.verify(m, options.files);
      if (problem) throw new Error(`${tool.name} ${problem}\n${m.stderr}`);
    }

    const results = new Map<string, Measurement[]>(all.map((t) => [t.name, []]));
    for (let run = 0; run < options.runs; run++) {
      // Alternate the order so neither tool always runs on a warmer machine.
      for (const tool of run % 2 === 0 ? all : [...all].reverse()) {
        const m = await measure(process.execPath, tool.args, { cwd: tree, discardStdout: true });
        if (m.exitCode !== 0) throw new Error(`${tool.name} exited with ${m.exitCode}\n${m.stderr}`);
        results.get(tool.name)?.push(m);
        log(`  run ${run + 1} ${tool.name.padEnd(12)} wall ${seconds(m.wallMs)}  cpu ${seconds(m.cpuMs)}  peak ${mib(m.peakRssBytes)}`);
      }
    }

    const rows = all.map((t) => summarise(t.name, results.get(t.name) ?? []));
    log('');
    log(`${'runner'.padEnd(12)}  ${'median wall'.padStart(11)}  ${'min wall'.padStart(9)}  ${'median CPU'.padStart(10)}  ${'peak RSS'.padStart(10)}`);
    for (const r of rows) {
      log(`${r.name.padEnd(12)}  ${seconds(r.median).padStart(11)}  ${seconds(r.min).padStart(9)}  ${seconds(r.cpu).padStart(10)}  ${mib(r.peak).padStart(10)}`);
    }
    const [ls, js] = rows;
    const ratio = ls.median / js.median;
    log(`\nratio lambdashift/jscodeshift, median wall: ${ratio.toFixed(3)}  (goal ≤ 1.0: ${ratio <= 1 ? 'met' : 'NOT met'})`);
    if (ls.cpu !== null && js.cpu !== null) log(`ratio lambdashift/jscodeshift, median CPU:  ${(ls.cpu / js.cpu).toFixed(3)}`);
    if (ls.peak !== null) log(`lambdashift peak RSS: ${mib(ls.peak)}  (goal < 1 GiB: ${ls.peak < GIB ? 'met' : 'NOT met'})`);
    log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (wall times are only comparable on an otherwise idle machine)`);
    return 0;
  } finally {
    if (options.keep) log(`tree kept in ${tree}`);
    else fs.rmSync(tree, { recursive: true, force: true });
  }
}

function summarise(name: string, runs: Measurement[]) {
  const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  const cpus = runs.map((r) => r.cpuMs).filter((c): c is number => c !== null).sort((a, b) => a - b);
  const peaks = runs.map((r) => r.peakRssBytes).filter((p): p is number => p !== null);
  return {
    name,
    median: walls[Math.floor(walls.length / 2)],
    min: walls[0],
    cpu: cpus.length > 0 ? cpus[Math.floor(cpus.length / 2)] : null,
    peak: peaks.length > 0 ? Math.max(...peaks) : null,
  };
}

const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MiB`);
const log = (line: string) => process.stdout.write(`${line}\n`);

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`bench:runner: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
