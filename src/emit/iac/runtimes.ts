/**
 * Lambda's Node.js runtimes and their deprecation schedule, as published on the Lambda
 * developer guide's "Lambda runtimes" page (no npm package ships it; the SDK's `Runtime`
 * enum lists every runtime ever offered without dates). A runtime past its "block function
 * create" date cannot be deployed as a new function, so `--runtime` refuses it; one past its
 * deprecation date still deploys and is warned about.
 */

export interface NodeRuntime {
  runtime: string;
  /** ISO dates: end of patches, no more new functions, no more updates. */
  deprecated: string;
  blockCreate: string;
  blockUpdate: string;
}

/** Newest first. */
export const NODE_RUNTIMES: readonly NodeRuntime[] = [
  { runtime: 'nodejs24.x', deprecated: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
  { runtime: 'nodejs22.x', deprecated: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' },
  { runtime: 'nodejs20.x', deprecated: '2026-04-30', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  { runtime: 'nodejs18.x', deprecated: '2025-09-01', blockCreate: '2026-02-03', blockUpdate: '2026-03-09' },
];

export const DEFAULT_RUNTIME = 'nodejs24.x';

/** Accepted shape of `--runtime` values. */
export const RUNTIME_PATTERN = /^nodejs\d+\.x$/;

export interface RuntimeCheck {
  /** Set when the runtime cannot be deployed: a usage error. */
  error?: string;
  /** Set when it deploys but should not be chosen. */
  warning?: string;
}

/** Checks a `--runtime` value against the schedule on `today` (`YYYY-MM-DD`, default now). */
export function checkRuntime(runtime: string, today: string = new Date().toISOString().slice(0, 10)): RuntimeCheck {
  const supported = NODE_RUNTIMES.filter((r) => today < r.deprecated).map((r) => r.runtime);
  const choices = supported.join(', ');
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!m) return { error: `--runtime must be a Lambda Node.js runtime (${choices}), got ${runtime}` };
  const known = NODE_RUNTIMES.find((r) => r.runtime === runtime);
  if (!known) {
    const oldest = Number(/\d+/.exec(NODE_RUNTIMES[NODE_RUNTIMES.length - 1]!.runtime)![0]);
    if (Number(m[1]) < oldest) return { error: `--runtime ${runtime} can no longer be deployed on Lambda; use ${supported[0] ?? DEFAULT_RUNTIME}` };
    return { warning: `runtime ${runtime} is not among the Lambda Node.js runtimes lambdashift knows (${choices}); check that Lambda offers it` };
  }
  if (today >= known.blockCreate) return { error: `--runtime ${runtime} can no longer be deployed: Lambda blocks creating functions with it since ${known.blockCreate}; use ${supported[0] ?? DEFAULT_RUNTIME}` };
  if (today >= known.deprecated) {
    return { warning: `runtime ${runtime} is deprecated since ${known.deprecated}: Lambda blocks creating functions with it from ${known.blockCreate}; use ${supported[0] ?? DEFAULT_RUNTIME}` };
  }
  return {};
}
