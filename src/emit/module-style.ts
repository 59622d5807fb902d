import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ProjectInfo } from '../model/service-model';

/** How generated modules are written for a target: language, module system, import paths. */
export interface ModuleStyle {
  language: 'ts' | 'js';
  moduleSystem: 'esm' | 'cjs';
  /** File extension of generated modules. */
  extension: '.ts' | '.js' | '.mjs' | '.cjs';
  /** TS only: relative imports carry `.js` (node16/nodenext resolution) instead of no extension. */
  tsImportExtensions: boolean;
  /** TS only: the tsconfig allows `import x from 'cjs-package'`. */
  defaultInterop: boolean;
}

/** Reads tsconfig.json (with `extends`) to learn module resolution and interop settings. */
function tsOptions(root: string): ts.CompilerOptions | null {
  const file = path.join(root, 'tsconfig.json');
  if (!fs.existsSync(file)) return null;
  const read = ts.readConfigFile(file, (f) => fs.readFileSync(f, 'utf8'));
  if (read.error) return {};
  return ts.parseJsonConfigFileContent(read.config, ts.sys, root).options;
}

export function moduleStyleFor(project: ProjectInfo): ModuleStyle {
  const opts = project.typescript ? tsOptions(project.root) : null;
  if (opts) {
    const mod = opts.module;
    const node16 = mod === ts.ModuleKind.Node16 || mod === ts.ModuleKind.NodeNext || opts.moduleResolution === ts.ModuleResolutionKind.Node16 || opts.moduleResolution === ts.ModuleResolutionKind.NodeNext;
    return {
      language: 'ts',
      moduleSystem: project.moduleSystem,
      extension: '.ts',
      tsImportExtensions: node16 && project.moduleSystem === 'esm',
      defaultInterop: opts.esModuleInterop === true || opts.allowSyntheticDefaultImports === true || project.moduleSystem === 'esm',
    };
  }
  return {
    language: 'js',
    moduleSystem: project.moduleSystem,
    extension: '.js',
    tsImportExtensions: false,
    defaultInterop: true,
  };
}

/** Specifier for importing `targetRel` (root-relative) from a module at `fromRel`. */
export function relativeSpecifier(fromRel: string, targetRel: string, style: ModuleStyle): string {
  let spec = path.posix.relative(path.posix.dirname(fromRel), targetRel);
  if (!spec.startsWith('.')) spec = `./${spec}`;
  if (style.language === 'ts') {
    const m = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.exec(spec);
    if (m && /^(ts|tsx|mts|cts)$/.test(m[1]!)) {
      const base = spec.slice(0, -m[0].length);
      if (!style.tsImportExtensions) return base;
      return `${base}${m[1] === 'mts' ? '.mjs' : m[1] === 'cts' ? '.cjs' : '.js'}`;
    }
    // A JS file imported from TS keeps its extension only under node16 resolution.
    if (m && !style.tsImportExtensions && (m[1] === 'js' || m[1] === 'jsx')) return spec.slice(0, -m[0].length);
  }
  return spec;
}
