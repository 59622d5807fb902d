/**
 * Which generated functions a place in the code affects. A generated module imports its
 * handlers from where they live, so a handler's own code affects the functions whose chain
 * holds it, and code that runs when a module loads affects every function that loads that
 * module, directly or through the modules it imports (relative imports and requires).
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { HandlerModel } from '../model/service-model';
import type { ReadinessFile } from './readiness-file';

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\1/g;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];

export class FunctionMap {
  /** `file:line:col` of an inline handler, or `file#name` of a named one → functions. */
  private readonly byHandler = new Map<string, Set<string>>();
  /** File a generated module imports a handler from → functions. */
  private readonly byFile = new Map<string, Set<string>>();
  /** File → files that import it (relative specifiers). */
  private readonly importedBy = new Map<string, Set<string>>();
  private readonly loadingCache = new Map<string, string[]>();

  constructor(functions: ReadonlyArray<{ name: string; handlers: HandlerModel[] }>, files: ReadonlyArray<{ rel: string; text: string }>) {
    const add = (map: Map<string, Set<string>>, key: string, fn: string): void => {
      (map.get(key) ?? map.set(key, new Set()).get(key)!).add(fn);
    };
    for (const fn of functions) {
      for (const h of fn.handlers) {
        add(this.byHandler, `${h.loc.file}:${h.loc.line}:${h.loc.column}`, fn.name);
        const s = h.source;
        if (s.kind === 'unsupported' || s.kind === 'package-call' || s.ref.isPackage) continue;
        add(this.byFile, s.ref.from, fn.name);
        add(this.byHandler, `${s.ref.from}#${s.ref.exportName}`, fn.name);
        if (s.ref.member?.length) add(this.byHandler, `${s.ref.from}#${s.ref.member[s.ref.member.length - 1]}`, fn.name);
        if (s.kind === 'export') add(this.byHandler, `${s.file}#${s.localName}`, fn.name);
      }
    }
    const known = new Set(files.map((f) => f.rel));
    for (const f of files) {
      if (!f.text.includes('.')) continue;
      for (const m of f.text.matchAll(IMPORT_RE)) {
        const target = resolveRelative(f.rel, m[2]!, known);
        if (target !== undefined && target !== f.rel) add(this.importedBy, target, f.rel);
      }
    }
  }

  /** Functions that load `file` (it or a module importing it, transitively, holds one of their handlers). */
  loading(file: string): string[] {
    const cached = this.loadingCache.get(file);
    if (cached) return cached;
    const seen = new Set([file]);
    const queue = [file];
    const out = new Set<string>();
    while (queue.length > 0) {
      const f = queue.pop()!;
      for (const fn of this.byFile.get(f) ?? []) out.add(fn);
      for (const importer of this.importedBy.get(f) ?? []) {
        if (!seen.has(importer)) {
          seen.add(importer);
          queue.push(importer);
        }
      }
    }
    const list = [...out].sort();
    this.loadingCache.set(file, list);
    return list;
  }

  /** Functions whose chain holds `handler` (by position when inline, by name when declared); else those loading the file. */
  handledBy(file: ReadinessFile, handler: ts.SignatureDeclaration): string[] {
    const l = file.loc(handler);
    const found = new Set<string>(this.byHandler.get(`${l.file}:${l.line}:${l.column}`) ?? []);
    const name = functionName(handler);
    if (name !== undefined) for (const fn of this.byHandler.get(`${file.rel}#${name}`) ?? []) found.add(fn);
    // A handler passed by name at the registration (`router.get('/', list)` with `function list`).
    return found.size > 0 ? [...found].sort() : this.loading(file.rel);
  }
}

/** The name a function is known by: its declaration, variable, property or method name. */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text; // exports.list = ...
  return undefined;
}

function resolveRelative(from: string, spec: string, known: Set<string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  for (const candidate of [base, stripped]) {
    for (const ext of EXTENSIONS) if (known.has(candidate + ext)) return candidate + ext;
  }
  return undefined;
}
