/**
 * Environment variables a generated function reads: follows the function's import graph
 * from its generated module through the user's own files (relative imports only; packages
 * are not scanned) and collects every `process.env.X`, `process.env['X']` and
 * `const { X } = process.env`.
 */
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { bracketDepth } from '../../scan/guarded-sources';
import { isStackOverflow, MAX_SYNTAX_DEPTH } from '../../scan/source-health';

/** Reads a root-relative file; null when it does not exist. Lets callers see pending changes. */
export type FileReader = (rel: string) => string | null;

/** Names Lambda sets itself and refuses in a function's configuration. */
const RESERVED = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
]);

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Resolves a relative specifier the way Node, TypeScript and bundlers would; null when not found. */
export function resolveRelative(fromRel: string, specifier: string, read: FileReader): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), specifier));
  if (base === '..' || base.startsWith('../')) return null;
  // `'..'` from a file at the root is the root folder: only its index can be imported.
  if (base === '.') return EXTENSIONS.map((ext) => `index${ext}`).find((c) => read(c) !== null) ?? null;
  const candidates = [base];
  // TypeScript under node16 resolution imports `./x.js` meaning `./x.ts`.
  const js = /\.(m|c)?js$/.exec(base);
  if (js) {
    const stem = base.slice(0, -js[0].length);
    candidates.push(`${stem}.${js[1] ?? ''}ts`, `${stem}.tsx`);
  }
  for (const ext of EXTENSIONS) candidates.push(base + ext);
  for (const ext of EXTENSIONS) candidates.push(`${base}/index${ext}`);
  return candidates.find((c) => read(c) !== null) ?? null;
}

function isProcessEnv(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'env' &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'process'
  );
}

/**
 * {@link scanSource}, but a file nested too deeply for the parser or the walk (which the scan
 * has already reported as not scanned) reads no variables instead of ending the run.
 */
function scanSourceSafely(fileName: string, text: string): { env: string[]; imports: string[] } {
  // Every variable comes from `process.env` and every kept import starts with `./` or `../`,
  // spelled so in the text unless escaped: a text with none of these cannot yield anything,
  // and is not parsed (a 5 MB generated module would cost a full parse for nothing).
  if (!/process|\.\/|\\/.test(text)) return { env: [], imports: [] };
  if (bracketDepth(text) > MAX_SYNTAX_DEPTH) return { env: [], imports: [] };
  try {
    return scanSource(fileName, text);
  } catch (error) {
    if (isStackOverflow(error)) return { env: [], imports: [] };
    throw error;
  }
}

/** Environment variable names one source text reads, and the relative specifiers it imports. */
export function scanSource(fileName: string, text: string): { env: string[]; imports: string[] } {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : /\.(c|m)?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const env = new Set<string>();
  const imports = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) env.add(node.name.text);
    else if (ts.isElementAccessExpression(node) && isProcessEnv(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      env.add(node.argumentExpression.text);
    } else if (ts.isVariableDeclaration(node) && node.initializer && isProcessEnv(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      for (const el of node.name.elements) {
        const key = el.propertyName ?? el.name;
        if (!el.dotDotDotToken && (ts.isIdentifier(key) || ts.isStringLiteralLike(key))) env.add(key.text);
      }
    } else if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      // Type-only imports load nothing at run time.
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      if (!typeOnly) imports.add(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      imports.add(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) imports.add((node.arguments[0] as ts.StringLiteralLike).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { env: [...env].filter((n) => ENV_NAME.test(n)), imports: [...imports].filter((s) => s.startsWith('./') || s.startsWith('../')) };
}

/**
 * Environment variables the code reachable from `entry` (root-relative) reads, sorted, without
 * the names Lambda reserves. Each file is parsed once per scanner instance, so scanning many
 * functions that share modules stays cheap.
 */
export class EnvScanner {
  private readonly cache = new Map<string, { env: string[]; imports: string[] }>();
  /** `resolveRelative` results by importing directory and specifier (all it depends on). */
  private readonly resolved = new Map<string, string | null>();

  /** @param maxBytes the scan's per-file budget: a larger file, which the scan reported and did not read, is not parsed here either. */
  constructor(
    private readonly read: FileReader,
    private readonly maxBytes = Infinity,
  ) {}

  /** Whether a text is over the per-file budget (not parsed by the env and IAM scans). */
  tooLarge(text: string): boolean {
    return text.length > this.maxBytes || (text.length * 3 > this.maxBytes && Buffer.byteLength(text) > this.maxBytes);
  }

  private scanned(rel: string): { env: string[]; imports: string[] } {
    let hit = this.cache.get(rel);
    if (!hit) {
      const text = this.read(rel);
      hit = text === null || this.tooLarge(text) ? { env: [], imports: [] } : scanSourceSafely(rel, text);
      this.cache.set(rel, hit);
    }
    return hit;
  }

  /** Generated modules share their imports; resolving reads candidate files, so once per directory and specifier. */
  private resolve(file: string, spec: string): string | null {
    const key = `${path.posix.dirname(file)}\0${spec}`;
    let hit = this.resolved.get(key);
    if (hit === undefined) {
      hit = resolveRelative(file, spec, this.read);
      this.resolved.set(key, hit);
    }
    return hit;
  }

  variablesReachedFrom(entry: string): string[] {
    const env = new Set<string>();
    for (const file of this.filesReachedFrom(entry)) for (const n of this.scanned(file).env) if (!RESERVED.has(n)) env.add(n);
    return [...env].sort();
  }

  /** `entry` and the service's own files it imports, transitively, breadth first. */
  filesReachedFrom(entry: string): string[] {
    const seen = new Set<string>([entry]);
    const queue = [entry];
    for (let i = 0; i < queue.length; i++) {
      const file = queue[i]!;
      for (const spec of this.scanned(file).imports) {
        const next = this.resolve(file, spec);
        if (next && !seen.has(next) && !next.split('/').includes('node_modules')) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return queue;
  }

  /** The file a relative import in `file` loads; null when it is not one of the service's files. */
  resolveImport(file: string, specifier: string): string | null {
    return this.resolve(file, specifier);
  }
}
