import type { ChangeSet } from '../changes/change-set';
import type { Diagnostic } from './diagnostic';
import type { FunctionEntry, RouteEntry } from './function-entry';
import type { ReadinessFinding } from './readiness-finding';

/** Everything one command run produced; the input of every printer. */
export interface RunResult {
  command: 'run' | 'migrate' | 'check';
  changes: ChangeSet;
  diagnostics: Diagnostic[];
  functions: FunctionEntry[];
  /** migrate: every route and middleware-served mount the scan found, and what serves it. */
  routes?: RouteEntry[];
  /** migrate: what answers requests no split function serves. */
  fallback?: 'app' | 'proxy' | 'none';
  /** migrate with `fallback: 'proxy'`: the URL unsplit requests are forwarded to. */
  proxyUrl?: string;
  /** With `proxyUrl`: the catch-all's API path (`$default`; REST `/{proxy+}`). */
  proxyApiPath?: string;
  elapsedMs: number;
  /** Readiness findings (`migrate` and `check`); absent for `run`. */
  readiness?: ReadinessFinding[];
}
