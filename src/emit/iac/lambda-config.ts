/**
 * `lambdashift.config.json` (or `lambdashift.config.ts`, whose default export is the same
 * object) in the target: per-function memory and timeout, and migration transforms.
 *
 * ```json
 * {
 *   "defaults": { "memorySize": 256, "timeout": 10 },
 *   "functions": { "getUsersById": { "memorySize": 512, "timeout": 30 } },
 *   "transforms": ["./transforms/add-logger.ts", ["./transforms/naming.ts", { "prefix": "orders" }]],
 *   "readiness": { "static-files": "off", "module-state": "error" }
 * }
 * ```
 * Function names are the generated ones (the keys in serverless.yml). A function's own
 * settings win over `defaults`; anything not set is left to the provider's default.
 */
import { readFileSync } from 'node:fs';
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

export interface LambdaConfig {
  defaults: FunctionSettings;
  functions: Record<string, FunctionSettings>;
  /** Migration transforms to run after the built-in steps, in order. */
  transforms: ConfigTransformEntry[];
  /** Readiness rules by id: another severity (`error`, `warning`, `info`) or `off`. */
  readiness: Record<string, 'error' | 'warning' | 'info' | 'off'>;
}

export const EMPTY_CONFIG: LambdaConfig = { defaults: {}, functions: {}, transforms: [], readiness: {} };

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

/** Checks a config object; problems become warnings and the offending entries are ignored. */
function validateLambdaConfig(raw: unknown, file: string, diagnostics: Diagnostic[]): LambdaConfig {
  const at = { file, line: 1, column: 1 };
  const problems: string[] = [];
  const config: LambdaConfig = { defaults: {}, functions: {}, transforms: [], readiness: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('the file must hold an object');
  } else {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key === '$schema') continue;
      if (key === 'defaults') config.defaults = readSettings(value, 'defaults', problems);
      else if (key === 'functions') {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push('functions must be an object');
        else for (const [name, s] of Object.entries(value as Record<string, unknown>)) config.functions[name] = readSettings(s, `functions.${name}`, problems);
      } else if (key === 'transforms') config.transforms = readTransforms(value, problems);
      else if (key === 'readiness') config.readiness = readReadiness(value, problems);
      else problems.push(`${key} is not a known key (defaults, functions, transforms, readiness)`);
    }
  }
  for (const p of problems) diagnostics.push(diagnostic('warning', at, `${file}: ${p}; ignored`, 'iac/config'));
  return config;
}

const READINESS_LEVELS = ['error', 'warning', 'info', 'off'] as const;

/** `{ "<rule id>": "error" | "warning" | "info" | "off" }`; rule ids are checked by the readiness engine. */
function readReadiness(value: unknown, problems: string[]): LambdaConfig['readiness'] {
  const out: LambdaConfig['readiness'] = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('readiness must be an object of rule ids to error, warning, info or off');
    return out;
  }
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level === 'string' && (READINESS_LEVELS as readonly string[]).includes(level)) out[id] = level as (typeof READINESS_LEVELS)[number];
    else problems.push(`readiness.${id} must be one of ${READINESS_LEVELS.join(', ')}`);
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
