/**
 * `lambdashift.config.json` (or `lambdashift.config.ts`, whose default export is the same
 * object) in the target: per-function memory and timeout.
 *
 * ```json
 * {
 *   "defaults": { "memorySize": 256, "timeout": 10 },
 *   "functions": { "getUsersById": { "memorySize": 512, "timeout": 30 } }
 * }
 * ```
 * Function names are the generated ones (the keys in serverless.yml). A function's own
 * settings win over `defaults`; anything not set is left to the provider's default.
 */
import { transformSync } from 'esbuild';
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

export interface LambdaConfig {
  defaults: FunctionSettings;
  functions: Record<string, FunctionSettings>;
}

export const EMPTY_CONFIG: LambdaConfig = { defaults: {}, functions: {} };

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
export function parseLambdaConfig(text: string | null, diagnostics: Diagnostic[]): LambdaConfig {
  if (text === null) return EMPTY_CONFIG;
  const at = { file: CONFIG_FILE, line: 1, column: 1 };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    diagnostics.push(diagnostic('warning', at, `cannot parse ${CONFIG_FILE}: ${(err as Error).message}; it is ignored`, 'iac/config'));
    return EMPTY_CONFIG;
  }
  return validateLambdaConfig(raw, CONFIG_FILE, diagnostics);
}

/**
 * Evaluates `lambdashift.config.ts` (compiled to CommonJS; it may import types but not other
 * files) and validates its default export like the JSON form.
 */
export function parseLambdaConfigTs(text: string | null, diagnostics: Diagnostic[]): LambdaConfig {
  if (text === null) return EMPTY_CONFIG;
  const at = { file: CONFIG_FILE_TS, line: 1, column: 1 };
  let raw: unknown;
  try {
    const { code } = transformSync(text, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: CONFIG_FILE_TS });
    const module = { exports: {} as Record<string, unknown> };
    const refuse = (spec: string): never => {
      throw new Error(`${CONFIG_FILE_TS} may not import modules (it imports ${spec}); write plain values`);
    };
    new Function('module', 'exports', 'require', code)(module, module.exports, refuse);
    raw = 'default' in module.exports ? module.exports.default : module.exports;
  } catch (err) {
    diagnostics.push(diagnostic('warning', at, `cannot load ${CONFIG_FILE_TS}: ${(err as Error).message}; it is ignored`, 'iac/config'));
    return EMPTY_CONFIG;
  }
  return validateLambdaConfig(raw, CONFIG_FILE_TS, diagnostics);
}

/** Checks a config object; problems become warnings and the offending entries are ignored. */
function validateLambdaConfig(raw: unknown, file: string, diagnostics: Diagnostic[]): LambdaConfig {
  const at = { file, line: 1, column: 1 };
  const problems: string[] = [];
  const config: LambdaConfig = { defaults: {}, functions: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('the file must hold an object');
  } else {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key === '$schema') continue;
      if (key === 'defaults') config.defaults = readSettings(value, 'defaults', problems);
      else if (key === 'functions') {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push('functions must be an object');
        else for (const [name, s] of Object.entries(value as Record<string, unknown>)) config.functions[name] = readSettings(s, `functions.${name}`, problems);
      } else problems.push(`${key} is not a known key (defaults, functions)`);
    }
  }
  for (const p of problems) diagnostics.push(diagnostic('warning', at, `${file}: ${p}; ignored`, 'iac/config'));
  return config;
}

/** Settings of one function: its own over the defaults. */
export function settingsFor(config: LambdaConfig, name: string): FunctionSettings {
  return { ...config.defaults, ...(config.functions[name] ?? {}) };
}
