/**
 * Express loads a view engine lazily, `require(ext)` inside express/lib/view.js when a view
 * with that extension is first rendered. A bundler cannot see that require, so the bundle has
 * no engine and every page answers 500 ("Cannot find module 'ejs'"). Generated modules
 * register the engine Express would have loaded, `app.engine('.ejs', ejs.__express)`, with a
 * static import the bundler follows.
 *
 * Before: `app.set('view engine', 'ejs')` (ejs a dependency, no `app.engine` for `.ejs`)
 * After:  `{ extension: '.ejs', package: 'ejs' }` → `app.engine('.ejs', ejs.__express);`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppModel, ProjectInfo } from '../model/service-model';

export interface ViewEngine {
  /** `.ejs` */
  extension: string;
  /** The package Express would require: the extension without its dot. */
  package: string;
  /** Whether TypeScript finds declarations for it (its own, or `@types/<name>`). */
  typed: boolean;
}

/** The engine to register for `setting` (the `view engine` value), or undefined when Express's own lookup is kept. */
export function viewEngineFor(setting: unknown, app: AppModel | undefined, project: ProjectInfo): ViewEngine | undefined {
  if (typeof setting !== 'string' || !setting) return undefined;
  const extension = setting.startsWith('.') ? setting : `.${setting}`;
  const pkg = extension.slice(1);
  // The app registers its own engine for it (or some engine we cannot name): Express uses that.
  if (app?.engines?.some((e) => e === extension || e === '*')) return undefined;
  // Not a dependency: the original fails the same way; nothing to import.
  if (!Object.prototype.hasOwnProperty.call(project.dependencies, pkg)) return undefined;
  return { extension, package: pkg, typed: hasTypes(project, pkg) };
}

/** Declarations shipped by the package (`types`/`typings`, index.d.ts) or `@types/<name>` installed or declared. */
function hasTypes(project: ProjectInfo, pkg: string): boolean {
  const typesName = `@types/${pkg.startsWith('@') ? pkg.slice(1).replace('/', '__') : pkg}`;
  if (Object.prototype.hasOwnProperty.call(project.dependencies, typesName)) return true;
  for (let dir = project.root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', typesName, 'package.json'))) return true;
    const own = path.join(dir, 'node_modules', pkg);
    if (fs.existsSync(path.join(own, 'package.json'))) {
      try {
        const manifest = JSON.parse(fs.readFileSync(path.join(own, 'package.json'), 'utf8')) as { types?: unknown; typings?: unknown };
        return typeof manifest.types === 'string' || typeof manifest.typings === 'string' || fs.existsSync(path.join(own, 'index.d.ts'));
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}
