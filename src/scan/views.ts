/**
 * What Express views need, read once by the scan so that planning reads no files: the
 * `res.render(name)` / `app.render(name)` calls (Express `require`s the engine a name's
 * extension names, `.pug` → `pug`, when it first renders it), the engine packages those
 * extensions and the `view engine` settings name (typed? does the installed package export
 * `__express`?), and what exists at the folders the apps name as `views`.
 *
 * Before: `res.render('about.pug')` in routes/pages.js, pug a dependency
 * After:  `{ renders: [{ loc: routes/pages.js:6:3, expression: "res.render('about.pug')", extension: '.pug' }],
 *           engines: { pug: { typed: false, expressEngine: true } }, folders: { views: 'dir' } }`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node, type CallExpression, type Project } from 'ts-morph';
import type { AppModel, EnginePackage, ProjectInfo, ViewRender, ViewsModel } from '../model/service-model';
import { oneLine, serviceSourceFiles } from './asset-paths';

/** The views facts of an Express service; undefined when it has no Express app. */
export function scanViews(project: Project, info: ProjectInfo, apps: AppModel[]): ViewsModel | undefined {
  const express = apps.filter((a) => a.framework === 'express');
  if (!express.length) return undefined;
  const renders = serviceSourceFiles(project, info.root).flatMap((sf) => {
    const file = path.relative(info.root, sf.getFilePath()).split(path.sep).join('/');
    if (!sf.getFullText().includes('.render(')) return [];
    return sf.getDescendants().flatMap((node): ViewRender[] => {
      if (!isViewRender(node)) return [];
      const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
      const render: ViewRender = { loc: { file, line, column }, expression: oneLine(node.getText()) };
      const name = node.getArguments()[0]!;
      if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) render.extension = path.posix.extname(name.getLiteralValue());
      // `${page}.pug`: the extension is literal even if the name is not.
      const tail = Node.isTemplateExpression(name) ? /\.[\w-]+$/.exec(name.getTemplateSpans().at(-1)!.getLiteral().getLiteralText()) : null;
      if (tail) render.extension = tail[0];
      return [render];
    });
  });
  const extensions = new Set(renders.map((r) => r.extension).filter((e): e is string => !!e));
  for (const app of express) {
    const settings = [app.settings['view engine'], ...(app.conditionalSettings ?? []).filter((s) => s.name === 'view engine').map((s) => s.value)];
    for (const s of settings) if (typeof s === 'string' && s) extensions.add(s.startsWith('.') ? s : `.${s}`);
  }
  const engines: Record<string, EnginePackage> = {};
  for (const ext of [...extensions].sort()) {
    const pkg = ext.slice(1);
    if (Object.prototype.hasOwnProperty.call(info.dependencies, pkg)) engines[pkg] = describeEngine(info, pkg);
  }
  const folders: Record<string, 'dir' | 'file'> = {};
  for (const app of express) {
    const views = app.settings.views;
    for (const folder of ['views', ...(Array.isArray(views) ? views : [views])]) {
      if (typeof folder !== 'string' || path.isAbsolute(folder)) continue;
      const rel = viewFolderPath(folder);
      const stat = rel.startsWith('..') ? undefined : fs.statSync(path.join(info.root, rel), { throwIfNoEntry: false });
      if (stat) folders[rel] = stat.isDirectory() ? 'dir' : 'file';
    }
  }
  return { renders, engines, folders };
}

/** A relative `views` folder as a root-relative POSIX path (the key of `ViewsModel.folders`). */
export function viewFolderPath(folder: string): string {
  return path.posix.normalize(folder.replace(/\\/g, '/')).replace(/\/$/, '');
}

/** Response objects by the names handlers give them. */
const RESPONSE_NAMES = new Set(['res', 'response', 'resp']);

/**
 * `res.render(...)`, `response.render(...)`, `req.app.render(...)`, `app.render(...)`, or a
 * `.render(...)` on a handler's response parameter (`(req, reply) => reply.render(...)`): not
 * `ctx.render` (koa-views), `nunjucks.render`, `ReactDOM.render`.
 */
function isViewRender(node: Node): node is CallExpression {
  if (!Node.isCallExpression(node) || !node.getArguments().length) return false;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'render') return false;
  const target = callee.getExpression();
  if (Node.isPropertyAccessExpression(target)) return target.getName() === 'app';
  if (!Node.isIdentifier(target)) return false;
  const name = target.getText();
  if (RESPONSE_NAMES.has(name) || name === 'app') return true;
  // The response position of the enclosing handler: (req, res, next) or (err, req, res, next).
  const fn = node.getFirstAncestor((a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isFunctionDeclaration(a) || Node.isMethodDeclaration(a));
  if (!fn || !Node.isFunctionLikeDeclaration(fn)) return false;
  const params = fn.getParameters().map((p) => p.getName());
  return (params.length === 4 ? params[2] : params.length >= 2 ? params[1] : undefined) === name;
}

/** Declarations and Express entry of the installed `pkg` (its node_modules, searched upwards from the root). */
function describeEngine(info: ProjectInfo, pkg: string): EnginePackage {
  const typesName = `@types/${pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg}`;
  let typed = Object.prototype.hasOwnProperty.call(info.dependencies, typesName);
  for (let dir = info.root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', typesName, 'package.json'))) typed = true;
    const own = path.join(dir, 'node_modules', pkg);
    const manifest = readManifest(own);
    if (manifest) {
      typed ||= typeof manifest.types === 'string' || typeof manifest.typings === 'string' || fs.existsSync(path.join(own, 'index.d.ts'));
      return { typed, expressEngine: mainNamesExpressEntry(own, manifest) };
    }
    if (path.dirname(dir) === dir) return { typed };
  }
}

interface Manifest {
  main?: unknown;
  types?: unknown;
  typings?: unknown;
  exports?: unknown;
}

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Whether the module `require(pkg)` loads (package.json `exports` require/default, else `main`, else index.js) names `__express`. */
function mainNamesExpressEntry(dir: string, manifest: Manifest): boolean {
  const main = requireTarget(manifest.exports) ?? (typeof manifest.main === 'string' ? manifest.main : 'index.js');
  for (const candidate of [main, `${main}.js`, path.join(main, 'index.js')]) {
    const file = path.join(dir, candidate);
    try {
      if (fs.statSync(file).isFile()) return fs.readFileSync(file, 'utf8').includes('__express');
    } catch {
      // not this candidate
    }
  }
  return false;
}

/** `exports` → the file `require()` loads: `"./x.js"`, `{ ".": ... }`, `{ require | node | default: ... }`. */
function requireTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return requireTarget(map['.']);
  for (const condition of ['require', 'node', 'default']) if (condition in map) return requireTarget(map[condition]);
  return undefined;
}
