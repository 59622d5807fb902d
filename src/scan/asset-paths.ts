/**
 * Files the service reads at run time by a path built from its own module's location
 * (`path.join(__dirname, 'views')`, `` `${__dirname}/public` ``, `new URL('./data.json',
 * import.meta.url)`, `path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../views')`)
 * or from the working directory (`express.static('public')`, swagger-jsdoc's `apis` globs), and the modules that name
 * `__dirname`, `__filename` or `import.meta.url|dirname|filename` at all. Bundled, those
 * names would point at the bundle's folder (the IaC's esbuild plugin restores them) and the
 * files would not be in the package (the IaC's packaging patterns add them: `plan/assets.ts`).
 * npm packages that find their own files by `__dirname` (swagger-ui-dist) are found by
 * `scan/package-assets.ts`.
 *
 * Before: `app.use(express.static(path.join(__dirname, 'public')))` in src/app.js
 * After:  `{ loc: src/app.js:7:21, expression: "path.join(__dirname, 'public')", base: 'module', path: 'src/public', kind: 'dir' }`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { Node, SyntaxKind, type Project, type SourceFile } from 'ts-morph';
import type { AssetReference } from '../model/service-model';
import type { SourceLocation } from '../model/diagnostic';
import { isGenerated } from '../emit/header';
import { ReadinessFile } from '../readiness/readiness-file';
import { mayUseDirnamePackage, scanPackageAssets } from './package-assets';

const MENTIONS = /__dirname|__filename|import\.meta\.(?:url|dirname|filename)|\.static\(|serveStatic\(|swagger-jsdoc|\b(?:require|import)\s*\(\s*(?!['"])/;

/** A value an expression has: a file-system path, a file: URL, or plain text. */
type Value = { kind: 'path'; abs: string } | { kind: 'url'; href: string } | { kind: 'text'; text: string };

export interface AssetScan {
  references: AssetReference[];
  /** Root-relative files building paths from `__dirname`, `__filename` or `import.meta.url|dirname|filename`. */
  modulePathFiles: string[];
}

/** Every project file `project` holds (outside node_modules), scanned for asset paths. */
export function scanAssetPaths(project: Project, root: string): AssetScan {
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  const references: AssetReference[] = [];
  const modulePathFiles: string[] = [];
  for (const sf of serviceSourceFiles(project, root)) {
    const text = sf.getFullText();
    // Files a run wrote (the CDK construct, the esbuild plugin, the bundle script: all read
    // __dirname) are no part of the app: a second run plans from the same sources as the first.
    if (isGenerated(text)) continue;
    const file = rel(sf.getFilePath());
    // npm packages finding their own files by __dirname (swagger-ui-dist behind swagger-ui-express).
    if (mayUseDirnamePackage(text)) references.push(...scanPackageAssets(new ReadinessFile(file, sf.compilerNode), root));
    if (!MENTIONS.test(text)) continue;
    const found = scanFile(sf, root, file);
    if (found.namesModulePath) modulePathFiles.push(file);
    references.push(...found.references);
  }
  return { references, modulePathFiles };
}

/** The service's own source files `project` holds (not declarations, nothing outside `root` or in node_modules), in path order. */
export function serviceSourceFiles(project: Project, root: string): SourceFile[] {
  return project
    .getSourceFiles()
    .filter((sf) => {
      const r = path.relative(root, sf.getFilePath()).split(path.sep).join('/');
      return !r.startsWith('..') && !r.split('/').includes('node_modules') && !sf.isDeclarationFile();
    })
    .sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : 1));
}

function scanFile(sf: SourceFile, root: string, file: string): { references: AssetReference[]; namesModulePath: boolean } {
  const abs = path.resolve(root, file);
  const references: AssetReference[] = [];
  const loc = (n: Node): SourceLocation => {
    const { line, column } = sf.getLineAndColumnAtPos(n.getStart());
    return { file, line, column };
  };
  const seen = new Set<Node>();
  const add = (node: Node, base: AssetReference['base'], found: Value | null): AssetReference | undefined => {
    if (seen.has(node)) return undefined;
    seen.add(node);
    const ref: AssetReference = { loc: loc(node), expression: oneLine(node.getText()), base };
    let value = found;
    if (value?.kind === 'url') value = { kind: 'path', abs: fileURLToPath(value.href) };
    if (!value || value.kind === 'text') ref.problem = 'its path is computed at run time';
    else {
      const target = path.relative(root, value.abs).split(path.sep).join('/');
      if (target === '') ref.problem = 'it names the service root';
      else if (target.startsWith('..') || path.isAbsolute(target)) ref.problem = `it names ${value.abs}, outside the service`;
      // Inside a package (bootstrap's dist/css, swagger-ui-dist) it is packaged like any folder; all of node_modules is not.
      else if (target.split('/').pop() === 'node_modules') ref.problem = `it names ${target} as a whole (every dependency, packaged beside bundles that already hold the code they use)`;
      else {
        ref.path = target;
        const stat = fs.statSync(value.abs, { throwIfNoEntry: false });
        if (stat) ref.kind = stat.isDirectory() ? 'dir' : 'file';
      }
    }
    references.push(ref);
    return ref;
  };
  let namesModulePath = false;
  // Loaders: require()/import() of names computed at run time (`require(path.join(__dirname, file))`).
  const loaders = sf.getDescendants().filter((n) => isComputedRequire(n, abs));
  let loaderReported = false;
  // Folders listed (and packaged), and the computed paths known to lie inside a folder.
  const listed: string[] = [];
  const within = new Map<AssetReference, string>();
  const addLoader = (node: Node, loader: Node): void => {
    if (seen.has(node)) return;
    seen.add(node);
    references.push({ loc: loc(node), expression: oneLine(node.getText()), base: 'module', loads: { loc: loc(loader), expression: oneLine(loader.getText()) } });
  };
  for (const node of sf.getDescendants()) {
    if (isModulePathName(node)) {
      // The outermost expression around it that still evaluates to a path.
      let top: Node = node;
      let value = evaluate(node, abs);
      for (let parent = top.getParent(); parent && buildsPath(parent); parent = parent.getParent()) {
        if (Node.isTemplateSpan(parent)) continue; // `${__dirname}`: its template is the expression
        const v = evaluate(parent, abs);
        top = parent;
        value = v;
        if (!v) break;
      }
      const bare = top === node || isDirectoryOfModule(top);
      const listing = listingOf(top);
      // A computed require's name: reported with the loader (below), not as a file to package.
      if (loaders.includes(top.getParent()!)) namesModulePath = true;
      else if (listing && loaders.length) {
        // The sequelize models/index.js shape: list a folder, require what is in it.
        addLoader(listing, loaders[0]!);
        loaderReported = true;
        namesModulePath = true;
      } else if (!bare || listing) {
        // A bare `__dirname` (require.resolve, a log line...) names the module's own folder, which
        // the bundle holds as code; only paths built on it, or a listing of it, name other files.
        const ref = add(top, 'module', value);
        namesModulePath = true;
        if (listing && value?.kind === 'path') listed.push(value.abs);
        // `path.join(__dirname, file)`: computed, but inside a folder a listing may package.
        const first = Node.isCallExpression(top) ? top.getArguments()[0] : undefined;
        const prefix = !value && first && ['join', 'resolve'].includes(calleeName(top)) ? evaluate(first, abs) : null;
        if (ref && prefix?.kind === 'path') within.set(ref, prefix.abs);
      }
      continue;
    }
    // express.static('public'), serveStatic('public'): relative to the working directory.
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
      const arg = node.getArguments()[0];
      if ((name === 'static' || name === 'serveStatic') && arg && (Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg))) {
        const dir = arg.getLiteralValue();
        if (!path.isAbsolute(dir)) add(arg, 'cwd', { kind: 'path', abs: path.resolve(root, dir) });
      }
      if (arg && isSwaggerJsdoc(callee)) references.push(...swaggerJsdocGlobs(arg, root, loc));
    }
  }
  if (!loaderReported) for (const loader of loaders) addLoader(loader, loader);
  // `fs.readFileSync(path.join(__dirname, file))` over `fs.readdirSync(__dirname)`: the listing packages what it reads.
  const covered = (ref: AssetReference): boolean => {
    const dir = within.get(ref);
    return dir !== undefined && listed.some((l) => dir === l || dir.startsWith(l + path.sep));
  };
  return { references: references.filter((r) => !covered(r)), namesModulePath };
}

/** Calls that list a folder's entries: `fs.readdirSync`, `fs.promises.readdir`, `opendir`, `glob.sync`, `globSync`. */
const LISTINGS = new Set(['readdir', 'readdirSync', 'opendir', 'opendirSync', 'glob', 'globSync', 'sync']);

/** The listing call `node` is the first argument of. */
function listingOf(node: Node): Node | undefined {
  const call = node.getParent();
  if (!Node.isCallExpression(call) || call.getArguments()[0] !== node) return undefined;
  const name = calleeName(call);
  if (name === 'sync') return /^(?:glob|fg|fastGlob|globby)\.sync$/.test(call.getExpression().getText()) ? call : undefined;
  return LISTINGS.has(name) ? call : undefined;
}

/**
 * `require(x)` / `import(x)` whose name is computed at run time: not a literal, not a path the
 * scan can compute (`__dirname + '/config.json'` is packaged), and not the literal-prefixed
 * form esbuild bundles as a glob (`require('./routes/' + name)`, `` import(`./locales/${lang}.js`) ``).
 */
function isComputedRequire(node: Node, file: string): boolean {
  if (!Node.isCallExpression(node)) return false;
  const callee = node.getExpression();
  if (!(Node.isIdentifier(callee) && callee.getText() === 'require') && callee.getKind() !== SyntaxKind.ImportKeyword) return false;
  const arg = node.getArguments()[0];
  if (!arg || Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)) return false;
  let head: Node = arg;
  while (Node.isBinaryExpression(head) && head.getOperatorToken().getKind() === SyntaxKind.PlusToken) head = head.getLeft();
  const prefix = Node.isTemplateExpression(arg) ? arg.getHead().getLiteralText() : Node.isStringLiteral(head) ? head.getLiteralValue() : '';
  if (/^\.\.?\//.test(prefix)) return false;
  return evaluate(arg, file)?.kind !== 'path';
}

/** `swaggerJsdoc(...)` where the name is swagger-jsdoc's default export (`require`d or imported). */
function isSwaggerJsdoc(callee: Node): boolean {
  if (!Node.isIdentifier(callee)) return false;
  const decl = callee.getSymbol()?.getDeclarations()[0];
  const from = Node.isVariableDeclaration(decl) ? decl.getInitializer() : Node.isImportClause(decl) ? decl.getParent() : undefined;
  if (Node.isImportDeclaration(from)) return from.getModuleSpecifierValue() === 'swagger-jsdoc';
  return !!from && Node.isCallExpression(from) && from.getExpression().getText() === 'require' && from.getArguments()[0]?.getText().slice(1, -1) === 'swagger-jsdoc';
}

/**
 * swagger-jsdoc reads the JSDoc of the files its `apis` globs match, relative to the working
 * directory, when the spec is built (usually at load): bundled, those files are not in the
 * package and the docs lose their paths. Each literal glob is packaged as it is.
 */
function swaggerJsdocGlobs(options: Node, root: string, loc: (n: Node) => SourceLocation): AssetReference[] {
  if (!Node.isObjectLiteralExpression(options)) return [];
  const apis = options.getProperty('apis');
  let list: Node | undefined = Node.isPropertyAssignment(apis) ? apis.getInitializer() : Node.isShorthandPropertyAssignment(apis) ? apis.getNameNode() : undefined;
  if (!list) return [];
  // `const apis = [...]` in the module: its array.
  const symbol = Node.isShorthandPropertyAssignment(apis) ? apis.getValueSymbol() : Node.isIdentifier(list) ? list.getSymbol() : undefined;
  const decl = symbol?.getDeclarations()[0];
  const init = Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const' ? decl.getInitializer() : undefined;
  if (init && Node.isArrayLiteralExpression(init)) list = init;
  const ref = (n: Node, glob: string | null): AssetReference => {
    const out: AssetReference = { loc: loc(n), expression: oneLine(n.getText()), base: 'cwd' };
    if (glob === null) out.problem = 'its path is computed at run time';
    else if (path.isAbsolute(glob) || path.posix.normalize(glob).startsWith('..')) out.problem = `it names ${glob}, outside the service`;
    else {
      out.path = path.posix.normalize(glob);
      if (globMatches(root, out.path)) out.kind = picomatch.scan(out.path).isGlob ? 'glob' : 'file';
    }
    return out;
  };
  if (!Node.isArrayLiteralExpression(list)) return [ref(list, null)];
  return list.getElements().map((e) => ref(e, Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e) ? e.getLiteralValue() : null));
}

/** Whether a root-relative glob (or plain path) matches a file now. */
function globMatches(root: string, glob: string): boolean {
  const { base, isGlob } = picomatch.scan(glob);
  if (!isGlob) return fs.statSync(path.join(root, glob), { throwIfNoEntry: false })?.isFile() ?? false;
  const match = picomatch(glob, { dot: false });
  let names: string[];
  try {
    names = fs.readdirSync(path.join(root, base), { recursive: true }) as string[];
  } catch {
    return false;
  }
  return names.some((n) => match(path.posix.join(base, n.split(path.sep).join('/'))));
}

/** `text` on one line, shortened to 120 characters: how a diagnostic quotes an expression. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*(?=\.)/g, '').replace(/\s*\n\s*/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** `__dirname`, `__filename` (not a property name) or `import.meta.url|dirname|filename`. */
function isModulePathName(node: Node): boolean {
  if (Node.isIdentifier(node)) {
    const t = node.getText();
    if (t !== '__dirname' && t !== '__filename') return false;
    const parent = node.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return false;
    if ((Node.isPropertyAssignment(parent) || Node.isVariableDeclaration(parent)) && parent.getNameNode() === node) return false;
    return true;
  }
  return Node.isPropertyAccessExpression(node) && Node.isMetaProperty(node.getExpression()) && ['url', 'dirname', 'filename'].includes(node.getName());
}

/** `path.dirname(fileURLToPath(import.meta.url))` and the like: the module's own folder. */
function isDirectoryOfModule(node: Node): boolean {
  const text = node.getText().replace(/\s+/g, '');
  return /^(?:\w+\.)?dirname\((?:\w+\.)?fileURLToPath\(import\.meta\.url\)\)$/.test(text) || /^(?:\w+\.)?fileURLToPath\(newURL\(['"]\.\/?['"],import\.meta\.url\)\)$/.test(text);
}

const PATH_CALLS = new Set(['join', 'resolve', 'dirname', 'fileURLToPath']);

/** Whether `node` is an expression that builds a path from its parts. */
function buildsPath(node: Node): boolean {
  if (Node.isCallExpression(node)) return PATH_CALLS.has(calleeName(node));
  if (Node.isNewExpression(node)) return node.getExpression().getText() === 'URL';
  if (Node.isTemplateSpan(node)) return true;
  if (Node.isTemplateExpression(node) || Node.isParenthesizedExpression(node)) return true;
  if (Node.isPropertyAccessExpression(node)) return node.getName() === 'pathname';
  return Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken;
}

function calleeName(call: Node): string {
  if (!Node.isCallExpression(call)) return '';
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : '';
}

/** The value of a path expression in module `file`, or null when it depends on run time. */
function evaluate(node: Node, file: string): Value | null {
  if (Node.isTemplateSpan(node)) return null;
  if (Node.isIdentifier(node)) {
    if (node.getText() === '__dirname') return { kind: 'path', abs: path.dirname(file) };
    if (node.getText() === '__filename') return { kind: 'path', abs: file };
    return null;
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return { kind: 'text', text: node.getLiteralValue() };
  if (Node.isParenthesizedExpression(node)) return evaluate(node.getExpression(), file);
  if (Node.isPropertyAccessExpression(node)) {
    if (Node.isMetaProperty(node.getExpression())) {
      const name = node.getName();
      return name === 'url' ? { kind: 'url', href: pathToFileURL(file).href } : name === 'dirname' ? { kind: 'path', abs: path.dirname(file) } : name === 'filename' ? { kind: 'path', abs: file } : null;
    }
    if (node.getName() === 'pathname') {
      const v = evaluate(node.getExpression(), file);
      return v?.kind === 'url' ? { kind: 'path', abs: fileURLToPath(v.href) } : null;
    }
    return null;
  }
  const concat = (parts: Array<Value | null>): Value | null => {
    const [head, ...rest] = parts;
    if (!head || head.kind === 'url' || rest.some((p) => !p || p.kind !== 'text')) return null;
    const tail = rest.map((p) => (p as { text: string }).text).join('');
    return head.kind === 'path' ? { kind: 'path', abs: path.resolve(head.abs + tail) } : { kind: 'text', text: head.text + tail };
  };
  if (Node.isTemplateExpression(node)) {
    const head = node.getHead().getLiteralText();
    const parts: Array<Value | null> = [];
    for (const span of node.getTemplateSpans()) parts.push(evaluate(span.getExpression(), file), { kind: 'text', text: span.getLiteral().getLiteralText() });
    if (head) return null;
    return concat(parts);
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) return concat([evaluate(node.getLeft(), file), evaluate(node.getRight(), file)]);
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'URL') {
    const [rel, base] = (node.getArguments() ?? []).map((a) => evaluate(a, file));
    if (rel?.kind !== 'text' || base?.kind !== 'url') return null;
    return { kind: 'url', href: new URL(rel.text, base.href).href };
  }
  if (Node.isCallExpression(node)) {
    const name = calleeName(node);
    const args = node.getArguments().map((a) => evaluate(a, file));
    if (name === 'fileURLToPath') return args[0]?.kind === 'url' ? { kind: 'path', abs: fileURLToPath(args[0].href) } : null;
    if (name === 'dirname') return args[0]?.kind === 'path' ? { kind: 'path', abs: path.dirname(args[0].abs) } : null;
    if (name === 'join' || name === 'resolve') {
      const [first, ...rest] = args;
      if (first?.kind !== 'path' || rest.some((a) => a?.kind !== 'text')) return null;
      const parts = rest.map((a) => (a as { text: string }).text);
      return { kind: 'path', abs: name === 'join' ? path.join(first.abs, ...parts) : path.resolve(first.abs, ...parts) };
    }
  }
  return null;
}
