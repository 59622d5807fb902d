import pc from 'picocolors';
import { PHASES, type Phase, type ProgressEvent, type ProgressListener } from '../model/progress';

/** Reports how far a run has come. */
export interface ProgressReporter {
  update(done: number, total: number): void;
  /** Removes the progress line. */
  end(): void;
}

/** Minimum time between two redraws, so thousands of small files do not flood the terminal. */
const REDRAW_INTERVAL_MS = 80;

/**
 * A single `\r`-updated line (`lambdashift: 120/2000 files`) on `stream` when it is a TTY; a
 * reporter that does nothing otherwise, so piped and captured stderr stay clean.
 */
export function progressLine(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  label = 'lambdashift',
  now: () => number = Date.now,
): ProgressReporter {
  if (!stream.isTTY) return { update() {}, end() {} };
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const t = now();
      if (done < total && t - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = t;
      drawn = true;
      stream.write(`\r${label}: ${done}/${total} files\x1b[K`);
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Reports a multi-phase run (`migrate`): one line, redrawn as phases advance. */
export interface PhaseProgressReporter {
  update: ProgressListener;
  /** Removes the progress line. */
  end(): void;
}

/** What each phase is called on the progress line. */
const PHASE_VERBS: Record<Phase, string> = {
  discover: 'discovering',
  scan: 'scanning',
  plan: 'planning',
  emit: 'preparing changes to',
  write: 'writing',
  check: 'load-checking',
};

/**
 * A `\r`-updated line for a multi-phase run on `stream` when it is a TTY
 * (`lambdashift: scanning 560 files 43%`), nothing otherwise. Monotonic: an event for an earlier
 * phase than the one shown, or a smaller count within a phase, is ignored, so the line never
 * goes back. `color` (resolved from `--color`, `NO_COLOR`, `FORCE_COLOR`) dims the label.
 */
export function phaseProgressLine(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  options: { label?: string; color?: boolean; now?: () => number } = {},
): PhaseProgressReporter {
  if (!stream.isTTY) return { update() {}, end() {} };
  const now = options.now ?? Date.now;
  const c = pc.createColors(options.color === true);
  const label = options.label ?? 'lambdashift';
  let phase = -1;
  let done = 0;
  let lastDraw = -Infinity;
  let shown: string | null = null;
  return {
    update(event) {
      const at = PHASES.indexOf(event.phase);
      if (at < phase || (at === phase && event.done < done)) return;
      const changed = at !== phase;
      phase = at;
      done = event.done;
      const t = now();
      const finished = event.total !== null && event.done >= event.total;
      if (!changed && !finished && t - lastDraw < REDRAW_INTERVAL_MS) return;
      const text = `\r${c.dim(`${label}:`)} ${describe(event)}\x1b[K`;
      if (text === shown) return;
      lastDraw = t;
      shown = text;
      stream.write(text);
    },
    end() {
      if (shown !== null) stream.write('\r\x1b[K');
      shown = null;
    },
  };
}

function describe(event: ProgressEvent): string {
  const verb = PHASE_VERBS[event.phase];
  if (event.phase === 'discover') return `${verb} files… ${event.done} found`;
  if (event.total === null) return `${verb}…`;
  const files = event.files ?? event.total;
  const unit = event.phase === 'check' ? 'function' : 'file';
  if (event.files === undefined) return `${verb} ${event.done}/${event.total} ${unit}${event.total === 1 ? '' : 's'}`;
  const percent = Math.floor((Math.min(event.done, event.total) * 100) / Math.max(1, event.total));
  return `${verb} ${files} ${unit}${files === 1 ? '' : 's'} ${percent}%`;
}
