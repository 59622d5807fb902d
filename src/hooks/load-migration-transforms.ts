/**
 * Finds and loads migration transforms named in `lambdashift.config` (`transforms: [...]`) or
 * on the command line (`migrate --transform`), TypeScript included.
 */
import * as path from 'node:path';
import { loadModuleExports, resolveTransformPath, TransformLoadError } from '../runner/load-transform';
import type { MigrationTransform } from './migration-transform';

/** A transform as `migrate()` accepts it: a module path, an object, or either with options. */
export type TransformSpec =
  | string
  | MigrationTransform<any>
  | [string | MigrationTransform<any>, Record<string, unknown>];

/** A transform ready to run, with its options and where it came from. */
export interface LoadedMigrationTransform {
  transform: MigrationTransform<any>;
  options: Record<string, unknown>;
  /** Absolute module path, or `(inline)` for an object passed to `migrate()`. */
  origin: string;
}

const HOOKS = ['functions', 'module', 'iac'] as const;

/**
 * Picks the transform object out of a module's exports (default export first, then
 * `module.exports`) and checks its shape.
 */
export function migrationTransformFromExports(exports: unknown, origin: string): MigrationTransform<any> {
  const mod = exports as { default?: unknown } | undefined;
  const candidates = [mod?.default, (mod?.default as { default?: unknown } | undefined)?.default, mod];
  const found = candidates.find((c) => typeof c === 'object' && c !== null && HOOKS.some((h) => typeof (c as Record<string, unknown>)[h] === 'function'));
  if (!found) {
    const fn = candidates.some((c) => typeof c === 'function');
    throw new TransformLoadError(
      fn
        ? `${origin} exports a function: that is a jscodeshift transform, which \`lambdashift run -t\` runs. A migration transform exports an object with a name and functions/module/iac hooks`
        : `${origin} does not export a migration transform (an object with a name and at least one of the hooks functions, module, iac)`,
    );
  }
  return checkTransform(found as MigrationTransform<any>, origin);
}

function checkTransform(t: MigrationTransform<any>, origin: string): MigrationTransform<any> {
  if (typeof t.name !== 'string' || t.name.trim() === '') throw new TransformLoadError(`${origin}: the transform has no \`name\` (a non-empty string)`);
  for (const h of HOOKS) {
    const v = (t as unknown as Record<string, unknown>)[h];
    if (v !== undefined && typeof v !== 'function') throw new TransformLoadError(`${origin}: \`${h}\` must be a function, got ${typeof v}`);
  }
  const unknown = Object.keys(t).filter((k) => k !== 'name' && !(HOOKS as readonly string[]).includes(k));
  if (unknown.length) throw new TransformLoadError(`${origin}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expected name, functions, module, iac)`);
  return t;
}

/**
 * Loads one transform module (`.ts`, `.js`, `.mjs`, `.cjs`, ...) relative to `cwd`.
 *
 * @example
 * import { loadMigrationTransform } from 'lambdashift';
 * const transform = loadMigrationTransform('./transforms/short-timeouts.ts', process.cwd());
 * transform.name; // → 'short-timeouts'
 */
export function loadMigrationTransform(spec: string, cwd: string): MigrationTransform<any> {
  const file = resolveTransformPath(spec, cwd);
  // Compiled transforms carry inline source maps: errors from their hooks then name the lines
  // the author wrote, not the compiled ones.
  process.setSourceMapsEnabled(true);
  return migrationTransformFromExports(loadModuleExports(file), path.relative(cwd, file) || file);
}

/**
 * Turns specs into loaded transforms; module paths resolve against `cwd`. Objects are checked
 * the same way modules are.
 *
 * @example
 * import { loadMigrationTransforms } from 'lambdashift';
 * const loaded = loadMigrationTransforms([['./transforms/naming.ts', { prefix: 'orders' }], { name: 'memory', iac: () => ({ memorySize: 512 }) }], process.cwd());
 * loaded.map((t) => t.origin); // → ['/abs/path/transforms/naming.ts', '(inline)']
 * loaded[0].options;           // → { prefix: 'orders' }
 */
export function loadMigrationTransforms(specs: readonly TransformSpec[], cwd: string): LoadedMigrationTransform[] {
  return specs.map((spec) => {
    const [target, options] = Array.isArray(spec) ? spec : [spec, {}];
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TransformLoadError(`options of transform ${typeof target === 'string' ? target : target.name} must be an object`);
    }
    if (typeof target === 'string') {
      return { transform: loadMigrationTransform(target, cwd), options, origin: resolveTransformPath(target, cwd) };
    }
    return { transform: checkTransform(target, `transform ${String(target?.name)}`), options, origin: '(inline)' };
  });
}
