import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

/** What one measured command did. */
export interface Measurement {
  wallMs: number;
  /** User + system CPU time of the process and its waited-for children (from GNU time); null without it. */
  cpuMs: number | null;
  /** Highest summed RSS of the process and all its descendants seen while sampling; null without /proc. */
  peakRssBytes: number | null;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const SAMPLE_INTERVAL_MS = 20;
/** GNU time reports CPU time of the whole tree: wait4() counts reaped children, e.g. jscodeshift's worker processes. */
const GNU_TIME = '/usr/bin/time';
const TIME_MARKER = '__bench_time__';

/**
 * Runs `command args` and measures its wall time and the peak resident memory of its whole
 * process tree (worker processes included; worker threads are inside the process already),
 * sampled from /proc, and its CPU time when GNU time is installed (on a busy machine, CPU time
 * compares better than wall time). `discardStdout` sends stdout nowhere, as `> /dev/null` would.
 */
export function measure(command: string, args: readonly string[], options: { cwd: string; discardStdout?: boolean }): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const timed = fs.existsSync(GNU_TIME);
    const [file, argv] = timed ? [GNU_TIME, ['-f', `${TIME_MARKER} %U %S`, command, ...args]] : [command, [...args]];
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const canSample = fs.existsSync('/proc/self/status');
    let peak = 0;
    const sample = () => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = canSample ? setInterval(sample, SAMPLE_INTERVAL_MS) : null;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      const wallMs = performance.now() - started;
      const times = new RegExp(`^${TIME_MARKER} ([\\d.]+) ([\\d.]+)$`, 'm').exec(stderr);
      const cpuMs = times ? (Number(times[1]) + Number(times[2])) * 1000 : null;
      if (times) stderr = stderr.replace(times[0], '').trimEnd();
      resolve({ wallMs, cpuMs, peakRssBytes: canSample ? peak : null, exitCode: code, stdout, stderr });
    });
  });
}

/** Summed VmRSS of `pid` and its descendants, in bytes (0 once it has exited). */
function treeRss(pid: number): number {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop() as number;
    total += rssOf(current);
    pending.push(...childrenOf(current));
  }
  return total;
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      fs
        .readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}
