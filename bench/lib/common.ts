/**
 * Helpers shared by bench:adapter and bench:migrate: paths, statistics, machine load,
 * a seeded PRNG, child processes that report one JSON line.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repo root (set by bench/lib/launch.js; bundled code cannot use its own __dirname). */
export function repoRoot(): string {
  const repo = process.env.LAMBDASHIFT_BENCH_REPO;
  if (!repo) throw new Error('run the benchmarks through bench/lib/launch.js (npm run bench:adapter / bench:migrate)');
  return repo;
}

/** `<repo>/.bench-tmp/<name>-<pid>`, empty (gitignored; per process, as runs may overlap in a shared tree). */
export function freshTempDir(name: string): string {
  const dir = path.join(repoRoot(), '.bench-tmp', `${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
}

/** Load averages, cores and node version, for the header and footer of a benchmark. */
export function machineLine(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  return `load average ${load} on ${os.availableParallelism()} cores; node ${process.version}; ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`;
}

/** Small seeded PRNG, so generated services are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export function writeFile(root: string, rel: string, content: string): number {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  return Buffer.byteLength(content);
}

export interface ChildRun<T> {
  /** From spawn to exit, as seen by the parent. */
  wallMs: number;
  /** The last stdout line that parses as JSON. */
  result: T;
  stderr: string;
}

/**
 * Runs `node [execArgv] file args` in a fresh process and returns the last JSON line it printed
 * on stdout. Fails with the child's output when it exits non-zero or prints no JSON.
 */
export function runNode<T>(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; execArgv?: readonly string[] } = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.execArgv ?? []), file, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      const line = stdout
        .trim()
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${path.basename(file)} ${args.join(' ')} exited with ${code ?? signal}\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`));
        return;
      }
      resolve({ wallMs, result: JSON.parse(line) as T, stderr });
    });
  });
}

export const log = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export function ms(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';
}

export function ratio(value: number, anchor: number): string {
  return Number.isFinite(value / anchor) ? `${(value / anchor).toFixed(2)}×` : 'n/a';
}

/** `met` / `NOT met` for a goal `value ≤ limit`. */
export function goal(value: number, limit: number): string {
  return value <= limit ? 'met' : 'NOT met';
}

/** Rows padded into columns (first column left-aligned, the rest right-aligned). */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}
