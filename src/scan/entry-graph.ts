import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node, type Project, type SourceFile, type StringLiteral, SyntaxKind, ts } from 'ts-morph';
import { wrappedOfKind } from './descendants';

/**
 * Files that are never part of what a service runs: tests, mocks, fixtures and tooling
 * scripts. They are not scanned and never rewritten.
 */
const NOT_SERVICE_CODE = [
  /(^|\/)(__tests__|__mocks__|__fixtures__|fixtures|test|tests|spec|e2e|scripts)\//,
  /\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/,
];

export function isTestOrTooling(rel: string): boolean {
  return NOT_SERVICE_CODE.some((re) => re.test(rel));
}

/** Runners a package.json script starts a file with. */
const RUNNERS = new Set(['node', 'ts-node', 'ts-node-dev', 'tsx', 'nodemon', 'node-dev', 'bun', 'babel-node', 'esno', 'esr', 'vite-node', 'pm2']);
/** Runner options whose value is not the file to run. */
const OPTION_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-P', '--project', '-w', '--watch', '-e', '--ext', '--exec', '-x', '--ignore', '-i', '--env-file', '--inspect-port', '-C', '--conditions']);

/** The files a script runs (`node -r tsconfig-paths/register dist/server.js` → `dist/server.js`). */
export function scriptFiles(script: string): string[] {
  const out: string[] = [];
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const words = command.trim().split(/\s+/);
    let running = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!.replace(/^['"]|['"]$/g, '');
      const base = path.posix.basename(w);
      if (RUNNERS.has(base)) {
        running = true;
        continue;
      }
      if (!running) continue;
      if (w.startsWith('-')) {
        if (OPTION_WITH_VALUE.has(w)) i++;
        continue;
      }
      if (/^(start|run|watch|exec)$/.test(w)) continue; // `pm2 start x`, `bun run x`
      out.push(w);
      running = false;
    }
  }
  return out;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The source file a run path names: itself, with Node's extensions/index, or `dist/x.js` built from `src/x.ts`. */
function sourceFileOf(root: string, rel: string): string | null {
  const base = path.posix.normalize(rel.replace(/^\.\//, ''));
  if (base.startsWith('..') || path.isAbsolute(base)) return null;
  const exists = (r: string) => fs.existsSync(path.join(root, r)) && fs.statSync(path.join(root, r)).isFile();
  const built = base.replace(/^(dist|build|lib|out)\//, 'src/');
  const stems = built !== base ? [built.replace(/\.(c|m)?js$/, ''), base] : [base];
  for (const stem of stems) {
    for (const ext of ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js']) {
      if (exists(stem + ext)) return stem + ext;
    }
  }
  return null;
}

/** Where services without a declared entry start, by convention (`node .` runs index.js). */
const COMMON_ENTRY_STEMS = ['src/index', 'src/server', 'src/app', 'src/main', 'index', 'server', 'app', 'main'];
const ENTRY_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * The files a service starts from, relative to the root: `entries` given by the user, else
 * package.json `main`, `exports`, `bin` and the files the `start`/`dev`/`serve` scripts run
 * (`dist/server.js` mapped to `src/server.ts`), else every common entry name that exists
 * (`src/index.ts`, `src/server.ts`, `src/app.ts`, `src/main.ts`, `index.js`, `server.js`,
 * `app.js`, `main.js`, any JS/TS extension). Empty when none of these exist. A file outside
 * the graph that imports a framework is reported by the scan, so a wrong guess is not silent.
 */
export function findEntryPoints(root: string, entries: readonly string[] = []): string[] {
  const found = new Set<string>();
  const add = (rel: string) => {
    const src = sourceFileOf(root, rel);
    if (src && /\.[cm]?[jt]sx?$/.test(src) && !isTestOrTooling(src)) found.add(src);
  };
  if (entries.length) {
    for (const e of entries) add(e);
    return [...found];
  }
  let pkg: { main?: unknown; exports?: unknown; bin?: unknown; scripts?: Record<string, string> } = {};
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    // no package.json: common names only
  }
  for (const [name, script] of Object.entries(pkg.scripts ?? {})) {
    if (/^(start|dev|serve)([:-]|$)/.test(name) && typeof script === 'string') scriptFiles(script).forEach(add);
  }
  [pkg.main, pkg.exports, pkg.bin].flatMap(stringsIn).forEach(add);
  if (!found.size) for (const stem of COMMON_ENTRY_STEMS) for (const ext of ENTRY_EXTENSIONS) add(stem + ext);
  return [...found];
}

/** `require('x')` or `import('x')` with a literal specifier (compiler nodes: only these get wrapped). */
function isLoadCall(n: ts.Node, sf: ts.SourceFile): boolean {
  if (!ts.isCallExpression(n)) return false;
  const arg = n.arguments[0];
  if (!arg || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) return false;
  const callee = n.expression;
  return (ts.isIdentifier(callee) && callee.getText(sf) === 'require') || callee.kind === SyntaxKind.ImportKeyword;
}

const LOADING_KINDS = [SyntaxKind.CallExpression, SyntaxKind.ExternalModuleReference] as const;

/** The module specifiers a file loads: imports, re-exports, `import x = require()`, `require()`, `import()`. */
function specifiers(sf: SourceFile): string[] {
  const out: string[] = [];
  for (const d of sf.getImportDeclarations()) out.push(d.getModuleSpecifierValue());
  for (const d of sf.getExportDeclarations()) {
    const v = d.getModuleSpecifierValue();
    if (v) out.push(v);
  }
  for (const call of wrappedOfKind(sf, LOADING_KINDS, (n) => isLoadCall(n, sf.compilerNode) || ts.isExternalModuleReference(n))) {
    if (Node.isCallExpression(call)) out.push((call.getArguments()[0] as StringLiteral).getLiteralValue());
    else if (Node.isExternalModuleReference(call)) {
      const e = call.getExpression();
      if (e && Node.isStringLiteral(e)) out.push(e.getLiteralValue());
    }
  }
  return out;
}

/**
 * Every project file reachable from the entry points through the module graph, resolved with
 * TypeScript's resolver and the project's options (aliases, `imports`, `.js` → `.ts`).
 * Packages (node_modules) are not followed. Resolutions are cached per directory and
 * specifier (one `express` lookup for the whole service, not one per file).
 */
export function reachableFiles(project: Project, entries: readonly string[]): Set<string> {
  const options = project.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(process.cwd(), (f) => (ts.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()), options);
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const sf = project.getSourceFile(file) ?? project.addSourceFileAtPathIfExists(file);
    if (!sf) continue;
    for (const spec of specifiers(sf)) {
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (!target.split(path.sep).includes('node_modules')) queue.push(target);
    }
  }
  return seen;
}

/** Packages whose import makes a file part of the migration (it creates an app, router or job). */
export const FRAMEWORK_PACKAGES = ['express', 'koa', '@koa/router', 'koa-router', 'node-cron', 'cron', 'node-schedule'];

/** The first import/require of a framework package in a file, if any. */
export function frameworkImport(sf: SourceFile): { node: Node; pkg: string } | undefined {
  for (const d of sf.getImportDeclarations()) {
    const v = d.getModuleSpecifierValue();
    if (FRAMEWORK_PACKAGES.includes(v)) return { node: d, pkg: v };
  }
  const requiresFramework = (n: ts.Node): boolean =>
    ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.getText(sf.compilerNode) === 'require' && n.arguments[0] !== undefined && ts.isStringLiteral(n.arguments[0]) && FRAMEWORK_PACKAGES.includes(n.arguments[0].text);
  const call = wrappedOfKind(sf, SyntaxKind.CallExpression, requiresFramework)[0];
  if (call && Node.isCallExpression(call)) return { node: call, pkg: (call.getArguments()[0] as StringLiteral).getLiteralValue() };
  return undefined;
}
