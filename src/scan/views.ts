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
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Node, type CallExpression, type Project } from 'ts-morph';
import type { AppModel, EnginePackage, ProjectInfo, ViewRender, ViewsModel } from '../model/service-model';
import { oneLine, serviceSourceFiles } from './asset-paths';
import { installedFolder } from './package-assets';

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

/** Declarations and Express entry of the installed `pkg`, found as Node finds it from the service root. */
function describeEngine(info: ProjectInfo, pkg: string): EnginePackage {
  const typesName = `@types/${pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg}`;
  let typed = Object.prototype.hasOwnProperty.call(info.dependencies, typesName) || installedFolder(typesName, info.root) !== undefined;
  const own = installedFolder(pkg, info.root);
  if (!own) return { typed };
  const manifest = JSON.parse(fs.readFileSync(path.join(own, 'package.json'), 'utf8')) as { types?: unknown; typings?: unknown };
  typed ||= typeof manifest.types === 'string' || typeof manifest.typings === 'string' || fs.existsSync(path.join(own, 'index.d.ts'));
  return { typed, expressEngine: entryNamesExpress(info.root, pkg) };
}

/** Whether the module `require(pkg)` loads from the service root (Node's own resolution: `exports`, `main`, index.js) names `__express`. */
function entryNamesExpress(root: string, pkg: string): boolean {
  try {
    const entry = createRequire(path.join(root, 'package.json')).resolve(pkg);
    return fs.readFileSync(entry, 'utf8').includes('__express');
  } catch {
    return false;
  }
}
