import type { ImportCycle } from '../model/migration-plan';
import { quote } from './js-literal';
import { relativeSpecifier, type ModuleStyle } from './module-style';

/**
 * Side-effect imports that make a generated module enter each import cycle it needs where the
 * service's entry enters it (see `plan/import-cycles.ts`); placed before the module's other
 * project imports, which then find the cycle loaded.
 *
 * ```ts
 * // Enter the import cycle at src/server.ts, as the service's entry does (it is reported).
 * import '../../src/server';
 * ```
 */
export function cycleEntryImports(moduleRel: string, cycles: readonly ImportCycle[] | undefined, style: ModuleStyle): string[] {
  if (!cycles?.length) return [];
  const cjs = style.language === 'js' && style.moduleSystem === 'cjs';
  const first = [...new Set(cycles.map((c) => c.loadsFirst))];
  const lines = [`// Enter the import cycle${first.length > 1 ? 's' : ''} at ${first.join(', ')}, as the service's entry does (see the report).`];
  for (const file of first) {
    const spec = quote(relativeSpecifier(moduleRel, file, style));
    lines.push(cjs ? `require(${spec});` : `import ${spec};`);
  }
  return lines;
}
