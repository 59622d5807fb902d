import * as path from 'node:path';
import type { ImportRef } from '../model/service-model';
import { isIdentifier, memberAccess, quote } from './js-literal';
import { relativeSpecifier, type ModuleStyle } from './module-style';
import { bindableName } from '../plan/naming';
import { commentText } from '../safety/escape';

interface ImportEntry {
  specifier: string;
  defaultName: string | null;
  /** `import * as name` (CommonJS: `const name = require(...)`). */
  namespace: string | null;
  named: Map<string, string>; // exported name → local name
  typeOnly: Set<string>;
}

function camel(s: string): string {
  const parts = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const out = parts.map((p, i) => (i ? p[0]!.toUpperCase() + p.slice(1) : p[0]!.toLowerCase() + p.slice(1))).join('');
  return isIdentifier(out) ? out : `_${out}`;
}

/**
 * Collects the imports of one generated module and hands out collision-free local names,
 * then renders them in the module's syntax (ESM `import` or CommonJS `require`).
 */
export class ImportTable {
  private readonly entries = new Map<string, ImportEntry>();
  private readonly used: Set<string>;

  constructor(
    private readonly moduleRel: string,
    private readonly style: ModuleStyle,
    reserved: Iterable<string>,
  ) {
    this.used = new Set(reserved);
  }

  private entry(specifier: string): ImportEntry {
    let e = this.entries.get(specifier);
    if (!e) {
      e = { specifier, defaultName: null, namespace: null, named: new Map(), typeOnly: new Set() };
      this.entries.set(specifier, e);
    }
    return e;
  }

  /** A local name for `want`: legal as a strict-mode / ES module binding, unused so far. */
  private claim(want: string): string {
    const base = bindableName(isIdentifier(want) ? want : camel(want));
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }

  /** Packages without type declarations: their TypeScript import is preceded by `// @ts-ignore` (else TS7016 under `strict`). */
  private readonly untyped = new Set<string>();
  markUntyped(specifier: string): void {
    this.untyped.add(specifier);
  }

  /** Declares that the module binds `specifier`'s default export to `local` itself (not rendered here). */
  provide(specifier: string, local: string): void {
    this.provided.set(specifier, local);
  }
  private readonly provided = new Map<string, string>();

  /** Local name bound to `specifier`'s default export (module.exports for CommonJS). */
  importDefault(specifier: string, preferred: string): string {
    const e = this.entry(specifier);
    if (!e.defaultName) e.defaultName = this.claim(preferred);
    return e.defaultName;
  }

  importNamed(specifier: string, exported: string, typeOnly = false): string {
    const e = this.entry(specifier);
    let local = e.named.get(exported);
    if (!local) {
      local = this.claim(exported);
      e.named.set(exported, local);
      if (typeOnly) e.typeOnly.add(exported);
    } else if (!typeOnly) {
      e.typeOnly.delete(exported);
    }
    return local;
  }

  /**
   * Expression text that evaluates to the referenced value, registering its import. A default
   * import is named `defaultName` when given (a class keeps its own name), else after the file.
   */
  expression(ref: ImportRef, defaultName?: string): string {
    const specifier = ref.isPackage ? ref.from : relativeSpecifier(this.moduleRel, ref.from, this.style);
    let base: string;
    const provided = ref.exportName === 'default' ? this.provided.get(specifier) : undefined;
    if (provided) {
      base = provided;
    } else if (ref.exportName === '*') {
      const e = this.entry(specifier);
      e.namespace ??= this.claim(camel(path.posix.basename(ref.from).replace(/\.[^.]+$/, '') || 'module'));
      base = e.namespace;
    } else if (ref.exportName === 'default') {
      const stem = ref.isPackage ? ref.from.split('/').pop()! : path.posix.basename(ref.from).replace(/\.[^.]+$/, '');
      const preferred = stem === 'index' && !ref.isPackage ? path.posix.basename(path.posix.dirname(ref.from)) : stem;
      base = this.importDefault(specifier, defaultName && isIdentifier(defaultName) ? defaultName : camel(preferred || 'module'));
    } else if (isIdentifier(ref.exportName)) {
      base = this.importNamed(specifier, ref.exportName);
    } else {
      base = `${this.importDefault(specifier, 'module')}${memberAccess(ref.exportName)}`;
    }
    return base + (ref.member ?? []).map(memberAccess).join('');
  }

  /**
   * The original location of the module `file` (root-relative) as the generated module computes
   * it from its own: `__dirname` → `join(__dirname, '../../src')` (CommonJS) or
   * `fileURLToPath(new URL('../../src', import.meta.url))` (ES modules). Bundled, the IaC's esbuild
   * plugin gives the generated module its own location too, so the path stays right.
   */
  modulePath(kind: 'dirname' | 'filename' | 'url', file: string): string {
    const target = kind === 'dirname' ? path.posix.dirname(file) : file;
    const rel = path.posix.relative(path.posix.dirname(this.moduleRel), target) || '.';
    if (this.style.moduleSystem === 'cjs') {
      const abs = rel === '.' ? '__dirname' : `${this.importNamed('node:path', 'join')}(__dirname, ${quote(rel)})`;
      return kind === 'url' ? `${this.importNamed('node:url', 'pathToFileURL')}(${abs}).href` : abs;
    }
    if (kind === 'url') return `new URL(${quote(rel)}, import.meta.url).href`;
    const fileURLToPath = this.importNamed('node:url', 'fileURLToPath');
    if (rel === '.') return `${this.importNamed('node:path', 'dirname')}(${fileURLToPath}(import.meta.url))`;
    // A URL ending in `..` names a folder with a trailing slash, which `__dirname` has not.
    if (path.posix.basename(rel) === '..') return `${this.importNamed('node:path', 'join')}(${fileURLToPath}(new URL('.', import.meta.url)), ${quote(rel)})`;
    return `${fileURLToPath}(new URL(${quote(rel)}, import.meta.url))`;
  }

  /**
   * CommonJS: the arguments of a `join` naming module `file`'s folder, followed by the relative
   * path `then` when given: `__dirname, '../../src/views'` (null for ES modules).
   */
  dirnameArguments(file: string, then?: string): string | null {
    if (this.style.moduleSystem !== 'cjs') return null;
    const rel = path.posix.join(path.posix.relative(path.posix.dirname(this.moduleRel), path.posix.dirname(file)) || '.', then ?? '.');
    return rel === '.' ? '__dirname' : `__dirname, ${quote(rel)}`;
  }

  render(): string[] {
    const lines: string[] = [];
    const sorted = [...this.entries.values()].sort((a, b) => rank(a.specifier) - rank(b.specifier) || (a.specifier < b.specifier ? -1 : 1));
    for (const e of sorted) {
      const named = [...e.named].map(([exp, local]) => {
        const type = e.typeOnly.has(exp) && this.style.language === 'ts' ? 'type ' : '';
        if (this.style.moduleSystem === 'cjs' && this.style.language === 'js') return exp === local ? exp : `${exp}: ${local}`;
        return `${type}${exp === local ? exp : `${exp} as ${local}`}`;
      });
      if (this.style.language === 'js' && this.style.moduleSystem === 'cjs') {
        if (e.defaultName) lines.push(`const ${e.defaultName} = require(${quote(e.specifier)});`);
        if (e.namespace) lines.push(`const ${e.namespace} = require(${quote(e.specifier)});`);
        if (named.length) lines.push(`const { ${named.join(', ')} } = require(${quote(e.specifier)});`);
        continue;
      }
      const allTypes = e.named.size > 0 && !e.defaultName && [...e.named.keys()].every((k) => e.typeOnly.has(k));
      const parts: string[] = [];
      if (e.defaultName) parts.push(e.defaultName);
      if (named.length) parts.push(`{ ${allTypes ? named.map((n) => n.replace(/^type /, '')).join(', ') : named.join(', ')} }`);
      if (this.style.language === 'ts' && this.untyped.has(e.specifier)) lines.push(`// @ts-ignore -- ${commentText(e.specifier)} ships no type declarations`);
      if (parts.length) lines.push(`import ${allTypes ? 'type ' : ''}${parts.join(', ')} from ${quote(e.specifier)};`);
      if (e.namespace) lines.push(`import * as ${e.namespace} from ${quote(e.specifier)};`);
    }
    return lines;
  }
}

/** Packages first, then relative imports (closest last), the order most formatters use. */
function rank(spec: string): number {
  return spec.startsWith('.') ? 1 : 0;
}
