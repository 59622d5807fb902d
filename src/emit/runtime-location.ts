import { relativeSpecifier, type ModuleStyle } from './module-style';
import { vendoredIndex } from './vendor-runtime';

/** Where generated modules import the runtime from: the published package, or a vendored copy. */
export type RuntimeLocation = { kind: 'package' } | { kind: 'vendored'; dir: string };

export const RUNTIME_PACKAGE = 'lambdashift/runtime';

export function runtimeSpecifier(runtime: RuntimeLocation, fromModule: string, style: ModuleStyle): string {
  if (runtime.kind === 'package') return RUNTIME_PACKAGE;
  return relativeSpecifier(fromModule, vendoredIndex(runtime.dir, style), style);
}
