import { relativeSpecifier, type ModuleStyle } from './module-style';

/** Where generated modules import the runtime from: the published package, or a vendored copy. */
export type RuntimeLocation = { kind: 'package' } | { kind: 'vendored'; dir: string };

export const RUNTIME_PACKAGE = 'lambdashift/runtime';

export function runtimeSpecifier(runtime: RuntimeLocation, fromModule: string, style: ModuleStyle): string {
  if (runtime.kind === 'package') return RUNTIME_PACKAGE;
  const index = `${runtime.dir}/index${style.language === 'ts' ? '.ts' : style.extension}`;
  return relativeSpecifier(fromModule, index, style);
}
