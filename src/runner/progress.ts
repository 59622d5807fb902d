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
