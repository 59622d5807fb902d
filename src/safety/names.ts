import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** Lambda's limit on a function name, which the IaC prefixes with `<service>-<stage>-`. */
export const LAMBDA_NAME_MAX = 64;

/** The stage serverless deploys to unless told otherwise (`provider.stage`, `--stage`). */
export const DEFAULT_STAGE = 'dev';

/** Shortest budget we shorten to: beyond this a service name is what is too long. */
const MIN_BUDGET = 24;

/**
 * How long a generated function's name may be so that `<service>-<stage>-<name>` stays within
 * Lambda's 64 characters (at the default stage; a longer stage needs a shorter service name).
 */
export function functionNameBudget(serviceName: string, stage = DEFAULT_STAGE): number {
  return Math.max(MIN_BUDGET, LAMBDA_NAME_MAX - serviceName.length - stage.length - 2);
}

/**
 * `name` cut to at most `max` characters, deterministically: a longer name keeps its start and
 * ends in `_` and 8 hex digits of its SHA-256, so two long names that share a start stay
 * distinct and a second run picks the same name. Names are identifiers (and so also valid
 * file names and Lambda names); the result is one too.
 *
 * @example capName('getApiVeryLong...Path', 24) // → 'getApiVeryLong_1a2b3c4d'
 */
export function capName(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, Math.max(1, max - hash.length - 1))}_${hash}`;
}

/** `@scope/my_service` → `my-service` (serverless.yml's service name pattern), from a package name already read (the directory name when none). */
export function serviceNameFrom(packageName: string | undefined, root: string): string {
  const name = packageName || path.basename(root);
  const cleaned = name.replace(/^@[^/]+\//, '').replace(/[^0-9A-Za-z-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '');
  // Capped: Lambda names are `<service>-<stage>-<function>`, 64 characters at most.
  return cleaned.length >= 2 ? capName(cleaned, 32).replace(/_/g, '-') : `service-${cleaned || 'lambda'}`;
}
