/**
 * findJobs: the scheduled jobs one file creates with node-cron, cron or node-schedule, for
 * plain jscodeshift transforms. The same calls the scanner (src/scan/cron.ts) reads, found
 * syntactically through this file's imports and requires.
 */
import type { ASTPath, CallExpression, Collection, JSCodeshift, NewExpression } from 'jscodeshift';
import { type AnyNode, stringValue, unwrap } from '../../transforms/lib/ast';
import type { JobLibrary } from '../model/service-model';
import { FileBindings, compareNodes, packagesIn, programOf, propertyPath, sourcePosition } from './imports';

export interface FoundJob {
  /** `cron.schedule(...)`, `new CronJob(...)`, `CronJob.from({...})`, `schedule.scheduleJob(...)`. */
  call: ASTPath<CallExpression | NewExpression>;
  library: 'node-cron' | 'cron' | 'node-schedule';
  /**
   * The schedule when it is literal text (a string literal or a template literal without
   * expressions): the cron expression, or node-schedule's `{ rule: '...' }`. Null for rule
   * objects, dates, variables and anything computed.
   */
  expression: string | null;
  /**
   * The job function argument as written: node-cron's second argument (a function, a name, or
   * node-cron 4's task file path), cron's `onTick` (the second argument, or the property value;
   * an `onTick() {}` method is the method itself), node-schedule's function. Null when the call
   * has none, or when a spread argument hides where it is.
   */
  handler: ASTPath | null;
  /** The job name when written as a literal: node-schedule's `scheduleJob('name', spec, fn)`, node-cron's and `CronJob.from`'s `name` option. */
  name?: string;
  /** 1-based line and column where the call (or `new`) starts. */
  line: number;
  column: number;
}

const LIBRARIES: ReadonlySet<string> = new Set<JobLibrary>(['node-cron', 'cron', 'node-schedule']);

/** The path of argument `index`, or null when it is missing or a spread comes first (positions unknown). */
function argumentPath(path: ASTPath<CallExpression | NewExpression>, index: number): ASTPath | null {
  const args = path.node.arguments as AnyNode[];
  if (index >= args.length || args.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return null;
  return path.get('arguments', index);
}

function literal(path: ASTPath | null): string | null {
  return path ? stringValue(unwrap(path.node as AnyNode)) : null;
}

interface JobParts {
  expression: string | null;
  handler: ASTPath | null;
  name?: string;
}

/** cron's object form, `CronJob.from({ cronTime, onTick, name })` (also `new CronJob({...})`). */
function cronObject(options: ASTPath | null): JobParts {
  if (!options) return { expression: null, handler: null };
  const name = literal(propertyPath(options, 'name'));
  return {
    expression: literal(propertyPath(options, 'cronTime')),
    handler: propertyPath(options, 'onTick'),
    ...(name !== null ? { name } : {}),
  };
}

/** The parts of a job call, or null when the call is not one. */
function jobOf(b: FileBindings, path: ASTPath<CallExpression | NewExpression>): (JobParts & { library: JobLibrary }) | null {
  const node = path.node as AnyNode;
  const target = b.resolve(node.callee);
  if (!target || !LIBRARIES.has(target.pkg)) return null;
  const library = target.pkg as JobLibrary;
  const member = target.path.join('.');
  const isNew = node.type === 'NewExpression';
  const args = node.arguments as AnyNode[];

  if (library === 'node-cron' && !isNew && (member === 'schedule' || member === 'createTask')) {
    const options = argumentPath(path, 2);
    const name = literal(options && propertyPath(options, 'name'));
    return { library, expression: literal(argumentPath(path, 0)), handler: argumentPath(path, 1), ...(name !== null ? { name } : {}) };
  }
  if (library === 'cron' && isNew && member === 'CronJob') {
    // cron before 3 also took the options object as the only argument.
    const first = argumentPath(path, 0);
    if (first && unwrap(first.node as AnyNode).type === 'ObjectExpression') return { library, ...cronObject(first) };
    return { library, expression: literal(first), handler: argumentPath(path, 1) };
  }
  if (library === 'cron' && !isNew && member === 'CronJob.from') return { library, ...cronObject(argumentPath(path, 0)) };
  if (library === 'node-schedule' && !isNew && member === 'scheduleJob') {
    // node-schedule's own rule: three or more arguments with a string first are (name, spec, fn).
    const name = args.length >= 3 ? literal(argumentPath(path, 0)) : null;
    const spec = argumentPath(path, name !== null ? 1 : 0);
    const specNode = spec ? unwrap(spec.node as AnyNode) : null;
    const expression = specNode?.type === 'ObjectExpression' ? literal(propertyPath(spec!, 'rule')) : literal(spec);
    return { library, expression, handler: argumentPath(path, name !== null ? 2 : 1), ...(name !== null ? { name } : {}) };
  }
  return null;
}

/**
 * The scheduled jobs one file creates, in source order: node-cron `cron.schedule(expr, fn)` and
 * `cron.createTask(expr, fn)` (also a named `schedule` / `createTask` import), cron's
 * `new CronJob(expr, fn, ...)`, `new cron.CronJob(...)` and `CronJob.from({ cronTime, onTick })`,
 * and node-schedule's `schedule.scheduleJob([name,] spec, fn)` (also a named `scheduleJob`
 * import). Library names are recognised through this file's imports and requires under any
 * local name, and not where a local shadows them; unknown shapes are skipped, never thrown on.
 *
 * @param j the transform's `api.jscodeshift` (any parser: `tsx`, `ts`, `babel`, ...).
 * @param root the file (`j(file.source)`), or a collection inside it to search only there.
 *
 * @example
 * import type { API, FileInfo } from 'jscodeshift';
 * import { findJobs } from 'lambdashift';
 *
 * // Lists every job with its schedule.
 * export default function transform(file: FileInfo, api: API) {
 *   const j = api.jscodeshift;
 *   const root = j(file.source);
 *   for (const job of findJobs(j, root)) {
 *     api.report(`${file.path}:${job.line}:${job.column} ${job.library} ${job.expression ?? '(computed schedule)'}`);
 *   }
 *   return undefined;
 * }
 */
export function findJobs(j: JSCodeshift, root: Collection): FoundJob[] {
  const program = programOf(root);
  if (!program) return [];
  const packages = packagesIn(program);
  if (![...LIBRARIES].some((l) => packages.has(l))) return [];
  let b: FileBindings;
  try {
    b = new FileBindings(program);
  } catch {
    return [];
  }
  const paths: Array<ASTPath<CallExpression | NewExpression>> = [
    ...root.find(j.CallExpression).paths(),
    ...root.find(j.NewExpression).paths(),
  ];
  const jobs: FoundJob[] = [];
  for (const path of paths) {
    try {
      const job = jobOf(b, path);
      if (job) jobs.push({ call: path, ...job, ...sourcePosition(path.node as AnyNode) });
    } catch {
      // An unexpected node shape: skip the call.
    }
  }
  return jobs.sort((a, b2) => compareNodes(a.call.node as AnyNode, b2.call.node as AnyNode));
}
