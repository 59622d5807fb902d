import type { Colors } from 'picocolors/types';

/** The colour a severity is printed in on a terminal: one map for diagnostics and readiness findings. */
export const SEVERITY_COLOR = {
  error: (c: Colors) => c.red,
  warning: (c: Colors) => c.yellow,
  info: (c: Colors) => c.cyan,
} as const;
