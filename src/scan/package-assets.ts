/**
 * npm packages that find their own files by `__dirname` and serve or read them at run time.
 * Bundled, such a package's `__dirname` is the bundle's folder: swagger-ui-express serves
 * `require('swagger-ui-dist').absolutePath()`, so `/docs/swagger-ui.css` answers the docs page
 * and `/docs/appFallback.js` the bundle itself. When the code uses one of them, the scan records
 * the package's installed folder (found as Node finds it from the code, so a copy nested under
 * swagger-ui-express/node_modules is the one named): the IaC packages that folder and its
 * esbuild plugin gives the package's modules their installed location back (`plan/assets.ts`,
 * `emit/iac/module-paths-plugin.ts`).
 *
 * Before: `app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec))` in app.js
 * After:  `{ loc: app.js:9:18, expression: 'swaggerUi.serve', base: 'module', path: 'node_modules/swagger-ui-dist', kind: 'dir', package: { name: 'swagger-ui-dist', exclude: ['**\/*.map'] } }`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { AssetReference } from '../model/service-model';
import type { ReadinessFile } from '../readiness/readiness-file';

/** A package whose modules find their files by `__dirname`, and the code that makes a function read them. */
export interface DirnamePackage {
  /** The package holding the files. */
  name: string;
  /** The package the service's code calls (`name` itself, or a package depending on it). */
  usedThrough: string;
  /** Members of `usedThrough` that read the files (`swaggerUi.serve`). */
  members: readonly string[];
  /** Files of the package left out of the deployed package (package-relative globs), and why. */
  exclude: readonly string[];
  excludeWhy?: string;
}

/** swagger-ui-dist first: swagger-ui-express serves it, code serving it itself calls `absolutePath()`. */
export const DIRNAME_PACKAGES: readonly DirnamePackage[] = [
  // `setup` only renders the page (its HTML names ./swagger-ui.css and the scripts under the mount).
  { name: 'swagger-ui-dist', usedThrough: 'swagger-ui-express', members: ['serve', 'serveFiles', 'serveWithOptions'], exclude: ['**/*.map'], excludeWhy: 'source maps, 7 MB, which only a browser\'s developer tools ask for' },
  { name: 'swagger-ui-dist', usedThrough: 'swagger-ui-dist', members: ['absolutePath', 'getAbsoluteFSPath'], exclude: ['**/*.map'], excludeWhy: 'source maps, 7 MB, which only a browser\'s developer tools ask for' },
];

const MODULES = [...new Set(DIRNAME_PACKAGES.map((p) => p.usedThrough))];

/** Whether `text` may use one of the packages (cheap pre-filter). */
export function mayUseDirnamePackage(text: string): boolean {
  return MODULES.some((m) => text.includes(m));
}

/** `swaggerUi.serve` (a namespace or default binding of the module), a destructured or named `serve`, `require('m').member`. */
export function memberReferences(file: ReadinessFile, module: string, members: readonly string[]): ts.Node[] {
  const out: ts.Node[] = [];
  for (const access of file.propertyAccesses) {
    if (!members.includes(access.name.text)) continue;
    const target = access.expression;
    if (ts.isIdentifier(target)) {
      const binding = file.imports.get(target.text);
      if (binding?.module === module && (binding.name === '*' || binding.name === 'default')) out.push(access);
    } else if (isRequireOf(target, module)) out.push(access);
  }
  const named = [...file.imports].filter(([, b]) => b.module === module && members.includes(b.name)).map(([local]) => local);
  if (named.length) {
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && named.includes(node.text) && isReference(node)) out.push(node);
      ts.forEachChild(node, visit);
    };
    visit(file.sf);
  }
  return out.sort((a, b) => a.getStart(file.sf) - b.getStart(file.sf));
}

/**
 * One reference per package use in `file` (the first use of each table entry), its folder
 * resolved from the file as Node resolves it. `root` is the service root.
 */
export function scanPackageAssets(file: ReadinessFile, root: string): AssetReference[] {
  const out: AssetReference[] = [];
  const from = path.dirname(path.resolve(root, file.rel));
  for (const pkg of DIRNAME_PACKAGES) {
    const [first] = memberReferences(file, pkg.usedThrough, pkg.members);
    if (!first) continue;
    const ref: AssetReference = { loc: file.loc(first), expression: first.getText(file.sf), base: 'module', package: { name: pkg.name, exclude: [...pkg.exclude], ...(pkg.excludeWhy ? { excludeWhy: pkg.excludeWhy } : {}) } };
    const user = installedFolder(pkg.usedThrough, from);
    const folder = user && (pkg.usedThrough === pkg.name ? user : installedFolder(pkg.name, user));
    const realRoot = fs.realpathSync(root);
    const rel = folder && path.relative(realRoot, folder).split(path.sep).join('/');
    if (!folder) ref.problem = `${pkg.name} is not installed (run npm install, then migrate again)`;
    else if (rel!.startsWith('..') || path.isAbsolute(rel!)) ref.problem = `${pkg.name} is installed at ${folder}, outside the service (a workspace's hoisted or linked node_modules), where the service's packaging cannot reach it`;
    else {
      ref.path = rel!;
      ref.kind = 'dir';
    }
    out.push(ref);
  }
  return out;
}

/** The real folder of package `name` as Node finds it from folder `from` (`<dir>/node_modules/<name>` up the tree). */
export function installedFolder(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `require('m')`. */
function isRequireOf(node: ts.Expression, module: string): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]!) && node.arguments[0].text === module;
}

/** An identifier used as a value (not the name in its own import or binding, nor a property name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isBindingElement(p) || ts.isVariableDeclaration(p)) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name === id) return ts.isShorthandPropertyAssignment(p);
  return true;
}
