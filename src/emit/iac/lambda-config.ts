/**
 * `lambdashift.config.json` (or `lambdashift.config.ts`, whose default export is the same
 * object) in the target: per-function memory and timeout, and migration transforms.
 *
 * ```json
 * {
 *   "defaults": { "memorySize": 256, "timeout": 10 },
 *   "functions": { "getUsersById": { "memorySize": 512, "timeout": 30 } },
 *   "deploy": { "region": "eu-west-1", "stage": "prod", "architecture": "arm64", "logRetentionInDays": 14, "jobTimeout": 120 },
 *   "transforms": ["./transforms/add-logger.ts", ["./transforms/naming.ts", { "prefix": "orders" }]],
 *   "readiness": { "static-files": "off", "module-state": "error" },
 *   "jobs": { "src/user/jobs.js:42": { "schedule": "0 17 * * *", "timezone": "UTC" } },
 *   "schedulers": { "libs/nodeCron": "node-cron" }
 * }
 * ```
 * `jobs` gives the schedule of a job whose source computes it (keyed by the job's name or its
 * registration's `file:line`); `schedulers` declares a vendored or wrapped module (path from
 * the root without extension, or a package name) as node-cron, cron or node-schedule.
 * Function names are the generated ones (the keys in serverless.yml). A function's own
 * settings win over `defaults`, which win over the built-in defaults (DEPLOY_DEFAULTS).
 */
import { readFileSync } from 'node:fs';
import { parseRoutePattern } from '../../plan/route-selection';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { TransformLoadError } from '../../runner/load-transform';
import type { Diagnostic } from '../../model/diagnostic';
import { diagnostic } from '../../model/diagnostic';

export const CONFIG_FILE = 'lambdashift.config.json';
export const CONFIG_FILE_TS = 'lambdashift.config.ts';

export interface FunctionSettings {
  /** MB, 128–10240. */
  memorySize?: number;
  /** Seconds, 1–900. */
  timeout?: number;
}

/** A migration transform module (relative to the config file), optionally with its options. */
export type ConfigTransformEntry = string | [string, Record<string, unknown>];

/** Stack-wide settings; see DEPLOY_DEFAULTS for what applies when one is not set. */
export interface DeploySettings {
  /** AWS region; unset: `--region`, else `AWS_REGION`, else us-east-1 (serverless.yml). */
  region?: string;
  stage?: string;
  architecture?: 'x86_64' | 'arm64';
  /** CloudWatch Logs retention of every function's log group. */
  logRetentionInDays?: number;
  /** Seconds; the timeout of scheduled functions that set none. */
  jobTimeout?: number;
}

/**
 * What a generated stack gets when nothing is configured: serverless.yml's own memory default,
 * API Gateway's 29 s integration timeout for HTTP functions, five minutes for jobs, a month of logs.
 */
export const DEPLOY_DEFAULTS = { memorySize: 1024, httpTimeout: 29, jobTimeout: 300, logRetentionInDays: 30, stage: 'dev', architecture: 'x86_64' } as const;

/** CloudWatch Logs' accepted retention periods. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** A job's schedule given in the config because the source's is not a constant (`jobs`). */
export interface JobScheduleSetting {
  /** Cron text in the job's own library dialect. */
  schedule: string;
  /** IANA timezone; omitted: the job's own option, else the host's. */
  timezone?: string;
}

export type SchedulerLibrary = 'node-cron' | 'cron' | 'node-schedule';

export interface LambdaConfig {
  defaults: FunctionSettings;
  /** Stack-wide settings; absent in configs built by hand. */
  deploy?: DeploySettings;
  functions: Record<string, FunctionSettings>;
  /** Migration transforms to run after the built-in steps, in order. */
  transforms: ConfigTransformEntry[];
  /** `fallback`: what answers requests no split function serves (`app`, `proxy` or `none`). */
  fallback?: 'app' | 'proxy' | 'none';
  /** `proxyUrl`: with `fallback: 'proxy'`, the running service's absolute http(s) URL. */
  proxyUrl?: string;
  /** `routes`: route selection patterns (only matching routes get functions of their own). */
  routes?: string[];
  /** Schedules per job, keyed by the job's name or its registration's `file:line`. */
  jobs?: Record<string, JobScheduleSetting>;
  /**
   * Modules that vendor or wrap a scheduling library, keyed by path from the root without
   * extension (`libs/nodeCron`) or package name: their calls are read as that library's.
   */
  schedulers?: Record<string, SchedulerLibrary>;
  /** Readiness rules by id: another severity (`error`, `warning`, `info`) or `off` (docs/readiness.md). */
  readiness?: Record<string, ReadinessLevel>;
}

type ReadinessLevel = 'error' | 'warning' | 'info' | 'off';

export const EMPTY_CONFIG: LambdaConfig = { defaults: {}, functions: {}, deploy: {}, transforms: [] };

const LIMITS: Record<keyof FunctionSettings, [number, number]> = { memorySize: [128, 10240], timeout: [1, 900] };

function readSettings(value: unknown, where: string, problems: string[]): FunctionSettings {
  const out: FunctionSettings = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${where} must be an object`);
    return out;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key !== 'memorySize' && key !== 'timeout') {
      problems.push(`${where}.${key} is not a known setting (memorySize, timeout)`);
      continue;
    }
    const [min, max] = LIMITS[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push(`${where}.${key} must be a whole number from ${min} to ${max}`);
      continue;
    }
    out[key] = v;
  }
  return out;
}

function readDeploy(value: unknown, problems: string[]): DeploySettings {
  const out: DeploySettings = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('deploy must be an object');
    return out;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'region' || key === 'stage') {
      if (typeof v === 'string' && /^[a-z0-9-]+$/i.test(v)) out[key] = v;
      else problems.push(`deploy.${key} must be a name such as ${key === 'region' ? 'eu-west-1' : 'dev'}`);
    } else if (key === 'architecture') {
      if (v === 'x86_64' || v === 'arm64') out.architecture = v;
      else problems.push('deploy.architecture must be x86_64 or arm64');
    } else if (key === 'logRetentionInDays') {
      if (typeof v === 'number' && RETENTION_DAYS.includes(v)) out.logRetentionInDays = v;
      else problems.push(`deploy.logRetentionInDays must be one of CloudWatch Logs' periods (${RETENTION_DAYS.join(', ')})`);
    } else if (key === 'jobTimeout') {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 900) out.jobTimeout = v;
      else problems.push('deploy.jobTimeout must be a whole number from 1 to 900');
    } else problems.push(`deploy.${key} is not a known setting (region, stage, architecture, logRetentionInDays, jobTimeout)`);
  }
  return out;
}

/**
 * Parses the config text; problems become warnings on the config file and the offending
 * entries are ignored. `null` text (no file) gives the empty config.
 */
export function parseLambdaConfig(text: string | null, diagnostics: Diagnostic[], file: string = CONFIG_FILE): LambdaConfig {
  if (text === null) return EMPTY_CONFIG;
  const at = { file, line: 1, column: 1 };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    diagnostics.push(diagnostic('warning', at, `cannot parse ${file}: ${(err as Error).message}; it is ignored`, 'iac/config'));
    return EMPTY_CONFIG;
  }
  return validateLambdaConfig(raw, file, diagnostics);
}

/**
 * Evaluates `lambdashift.config.ts` (compiled to CommonJS; it may import types but not other
 * files) and validates its default export like the JSON form.
 */
export function parseLambdaConfigTs(text: string | null, diagnostics: Diagnostic[], file: string = CONFIG_FILE_TS): LambdaConfig {
  if (text === null) return EMPTY_CONFIG;
  const at = { file, line: 1, column: 1 };
  let raw: unknown;
  try {
    const { code } = transformSync(text, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: file });
    const module = { exports: {} as Record<string, unknown> };
    const refuse = (spec: string): never => {
      throw new Error(`${file} may not import modules (it imports ${spec}); write plain values`);
    };
    new Function('module', 'exports', 'require', code)(module, module.exports, refuse);
    raw = 'default' in module.exports ? module.exports.default : module.exports;
  } catch (err) {
    diagnostics.push(diagnostic('warning', at, `cannot load ${file}: ${(err as Error).message}; it is ignored`, 'iac/config'));
    return EMPTY_CONFIG;
  }
  return validateLambdaConfig(raw, file, diagnostics);
}

function routePatternProblem(text: string): string | null {
  try {
    parseRoutePattern(text);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Checks a config object; problems become warnings and the offending entries are ignored. */
function validateLambdaConfig(raw: unknown, file: string, diagnostics: Diagnostic[]): LambdaConfig {
  const at = { file, line: 1, column: 1 };
  const problems: string[] = [];
  const config: LambdaConfig = { defaults: {}, functions: {}, deploy: {}, transforms: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('the file must hold an object');
  } else {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key === '$schema') continue;
      if (key === 'defaults') config.defaults = readSettings(value, 'defaults', problems);
      else if (key === 'functions') {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push('functions must be an object');
        else for (const [name, s] of Object.entries(value as Record<string, unknown>)) config.functions[name] = readSettings(s, `functions.${name}`, problems);
      } else if (key === 'deploy') config.deploy = readDeploy(value, problems);
      else if (key === 'transforms') config.transforms = readTransforms(value, problems);
      else if (key === 'jobs') config.jobs = readJobSchedules(value, problems);
      else if (key === 'schedulers') config.schedulers = readSchedulers(value, problems);
      else if (key === 'readiness') config.readiness = readReadiness(value, problems);
      else if (key === 'fallback') {
        if (value === 'app' || value === 'proxy' || value === 'none') config.fallback = value;
        else problems.push('fallback must be "app", "proxy" or "none"');
      } else if (key === 'proxyUrl') {
        // Checked with the mode (resolveProxyUrl): a bad URL in proxy mode stops the run with the reason.
        if (typeof value === 'string') config.proxyUrl = value;
        else problems.push('proxyUrl must be a string, an absolute http(s) URL');
      } else if (key === 'routes') {
        const bad = Array.isArray(value) ? value.find((v) => typeof v !== 'string' || routePatternProblem(v) !== null) : value;
        if (Array.isArray(value) && bad === undefined) config.routes = value as string[];
        else problems.push(typeof bad === 'string' && routePatternProblem(bad) ? routePatternProblem(bad)! : 'routes must be a list of route patterns');
      } else problems.push(`${key} is not a known key (defaults, functions, deploy, transforms, jobs, schedulers, readiness, fallback, proxyUrl, routes)`);
    }
  }
  for (const p of problems) diagnostics.push(diagnostic('warning', at, `${file}: ${p}; ignored`, 'iac/config'));
  return config;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const READINESS_LEVELS: readonly ReadinessLevel[] = ['error', 'warning', 'info', 'off'];

/** `{ "<rule id>": "error" | "warning" | "info" | "off" }`; rule ids are checked by the readiness engine. */
function readReadiness(value: unknown, problems: string[]): Record<string, ReadinessLevel> {
  const out: Record<string, ReadinessLevel> = {};
  if (!isObject(value)) {
    problems.push('readiness must be an object of rule ids to error, warning, info or off');
    return out;
  }
  for (const [id, level] of Object.entries(value)) {
    if (typeof level === 'string' && (READINESS_LEVELS as readonly string[]).includes(level)) out[id] = level as ReadinessLevel;
    else problems.push(`readiness.${id} must be one of ${READINESS_LEVELS.join(', ')}`);
  }
  return out;
}

function readJobSchedules(value: unknown, problems: string[]): Record<string, JobScheduleSetting> {
  const out: Record<string, JobScheduleSetting> = {};
  if (!isObject(value)) {
    problems.push('jobs must be an object of job name or file:line → { schedule, timezone? }');
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (!isObject(v) || typeof v.schedule !== 'string' || !v.schedule.trim()) {
      problems.push(`jobs.${key} must be an object with a schedule string`);
      continue;
    }
    if (v.timezone !== undefined && typeof v.timezone !== 'string') {
      problems.push(`jobs.${key}.timezone must be a string`);
      continue;
    }
    const extra = Object.keys(v).filter((k) => k !== 'schedule' && k !== 'timezone');
    if (extra.length) problems.push(`jobs.${key}.${extra[0]} is not a known setting (schedule, timezone)`);
    out[key] = { schedule: v.schedule, ...(typeof v.timezone === 'string' ? { timezone: v.timezone } : {}) };
  }
  return out;
}

const LIBRARIES: SchedulerLibrary[] = ['node-cron', 'cron', 'node-schedule'];

function readSchedulers(value: unknown, problems: string[]): Record<string, SchedulerLibrary> {
  const out: Record<string, SchedulerLibrary> = {};
  if (!isObject(value)) {
    problems.push('schedulers must be an object of module → node-cron | cron | node-schedule');
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' || !LIBRARIES.includes(v as SchedulerLibrary)) problems.push(`schedulers.${key} must be one of ${LIBRARIES.join(', ')}`);
    else out[key.replace(/^\.\//, '').replace(/\.[cm]?[jt]s$/, '')] = v as SchedulerLibrary;
  }
  return out;
}

function readTransforms(value: unknown, problems: string[]): ConfigTransformEntry[] {
  if (!Array.isArray(value)) {
    problems.push('transforms must be a list of module paths or [path, options] pairs');
    return [];
  }
  const out: ConfigTransformEntry[] = [];
  value.forEach((entry: unknown, i) => {
    if (typeof entry === 'string' && entry) out.push(entry);
    else if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'object' && entry[1] !== null && !Array.isArray(entry[1])) {
      out.push([entry[0], entry[1] as Record<string, unknown>]);
    } else problems.push(`transforms[${i}] must be a module path or a [path, options] pair`);
  });
  return out;
}

/**
 * Reads `lambdashift.config.json`, else `lambdashift.config.ts`, through `read` (root-relative
 * path → text or null). Returns the config and the file it came from.
 */
export function readLambdaConfig(read: (rel: string) => string | null, diagnostics: Diagnostic[]): { config: LambdaConfig; file: string } {
  const json = read(CONFIG_FILE);
  if (json !== null) return { config: parseLambdaConfig(json, diagnostics), file: CONFIG_FILE };
  const ts = read(CONFIG_FILE_TS);
  if (ts !== null) return { config: parseLambdaConfigTs(ts, diagnostics), file: CONFIG_FILE_TS };
  return { config: EMPTY_CONFIG, file: CONFIG_FILE };
}

/**
 * Reads a config file named explicitly (`migrate --config`), `.ts` or JSON; diagnostics name it
 * by its path from the service root. A missing file is a usage error.
 */
export function readLambdaConfigFile(file: string, root: string, diagnostics: Diagnostic[]): { config: LambdaConfig; file: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TransformLoadError(`config file not found: ${file}`);
  }
  const name = path.relative(root, file).split(path.sep).join('/');
  const config = /\.[cm]?ts$/.test(file) ? parseLambdaConfigTs(text, diagnostics, name) : parseLambdaConfig(text, diagnostics, name);
  return { config, file: name };
}

/** Settings of one function: its own over the defaults. */
export function settingsFor(config: LambdaConfig, name: string): FunctionSettings {
  return { ...config.defaults, ...(config.functions[name] ?? {}) };
}
