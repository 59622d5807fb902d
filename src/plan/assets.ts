/**
 * What the deployed package must hold besides the bundles: the files the code reads by path
 * (views, templates, public folders, data files), at their original paths, so that the module
 * locations the IaC's esbuild plugin restores (`emit/iac/module-paths-plugin.ts`) and the
 * working directory (Lambda's `/var/task`, the package root) find them as the original did.
 *
 * Before: `app.set('views', path.join(__dirname, 'views'))` in app.js, `app.set('view engine', 'ejs')`
 * After:  `{ patterns: ['views/**'], ... }`, and serverless.yml `package.patterns: ['views/**']`
 */
import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { AppModel, AssetReference, ServiceModel } from '../model/service-model';
import { viewFolderPath } from '../scan/views';

export interface AssetPlan {
  /**
   * Glob patterns (root-relative) of what to package beside the bundles: `views/**`,
   * `data/catalog.json`, `node_modules/swagger-ui-dist/**`; exclusions (`!node_modules/swagger-ui-dist/**\/*.map`)
   * come last and remove what the patterns before them match (serverless.yml's semantics).
   */
  patterns: string[];
  /** The references the patterns come from (for the IaC formats that cannot package them). */
  packaged: AssetReference[];
  /** Root-relative modules naming `__dirname`, `__filename` or `import.meta.url|dirname|filename`. */
  modulePathFiles: string[];
  /** Root-relative folders of npm packages whose modules find their files by `__dirname` (`node_modules/swagger-ui-dist`): bundled, they keep their installed location too. */
  modulePathPackages: string[];
}

/** The asset plan of `model`, and a located diagnostic for every path that cannot be packaged. */
export function planAssets(model: ServiceModel): { assets?: AssetPlan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const references = [...(model.assets?.references ?? []), ...viewFolders(model)];
  const modulePathFiles = model.assets?.modulePathFiles ?? [];
  const packaged: AssetReference[] = [];
  for (const ref of references) {
    if (ref.loads) diagnostics.push(loaderDiagnostic(ref, ref.loads));
    else if (ref.problem) {
      diagnostics.push(diagnostic('warning', ref.loc, `\`${ref.expression}\` is not packaged with the functions: ${ref.problem}; deployed, the code will not find it there`, 'iac/assets-not-packaged'));
    } else if (!ref.kind) {
      diagnostics.push(diagnostic('info', ref.loc, `\`${ref.expression}\` names ${ref.path}, which does not exist: nothing to package (on Lambda only /tmp is writable)`, 'iac/asset-missing'));
    } else packaged.push(ref);
  }
  if (!packaged.length && !modulePathFiles.length) return { diagnostics };
  // A folder packages whole; a file or a glob (swagger-jsdoc's `apis`) as it is written.
  const wanted = [...new Set(packaged.map((r) => (r.kind === 'dir' ? `${r.path}/**` : r.path!)))].sort();
  // A folder already packaged whole covers what is inside it.
  const patterns = wanted.filter((p) => !wanted.some((q) => q !== p && q.endsWith('/**') && p.startsWith(q.slice(0, -2))));
  const packages = packaged.filter((r) => r.package);
  const exclusions = [...new Set(packages.flatMap((r) => r.package!.exclude.map((e) => `!${r.path}/${e}`)))].sort();
  const modulePathPackages = [...new Set(packages.map((r) => r.path!))].sort();
  return { assets: { patterns: [...patterns, ...exclusions], packaged, modulePathFiles, modulePathPackages }, diagnostics };
}

/**
 * A module loader the bundle cannot hold: `require(path.join(__dirname, file))`, alone or fed by
 * a folder listing (`fs.readdirSync(__dirname).forEach(...)`, the sequelize models/index.js).
 */
function loaderDiagnostic(ref: AssetReference, loads: NonNullable<AssetReference['loads']>): Diagnostic {
  const at = `${loads.loc.file}:${loads.loc.line}:${loads.loc.column}`;
  const what =
    loads.expression === ref.expression
      ? `\`${ref.expression}\` loads a module by a name computed at run time`
      : `\`${ref.expression}\` lists a folder whose modules \`${loads.expression}\` (${at}) loads by a name computed at run time`;
  return diagnostic(
    'warning',
    ref.loc,
    `${what}: no bundler follows such a require, so deployed the function's bundle does not hold those modules (Cannot find module); import each module with a literal name (\`require('./user')\`), or name them with a literal prefix (\`require('./models/' + name)\`), which esbuild bundles as a glob`,
    'iac/dynamic-require',
  );
}

/**
 * The folders a literal `views` setting names, or Express's default when `view engine` is set (or
 * the service renders views) and `views` is not (nor set to a value the scan could not read, nor
 * computed: the folders a computed value builds from `__dirname` or `import.meta.url` are the
 * scan's asset references).
 */
function literalViewFolders(app: AppModel, renders: boolean): string[] {
  const views = app.settings.views;
  if (typeof views === 'string') return [views];
  if (Array.isArray(views)) return views.filter((v): v is string => typeof v === 'string');
  const unread = (app.uncarried ?? []).some((u) => u.setting === 'views') || app.computedSettings?.views !== undefined;
  return views === undefined && !unread && (typeof app.settings['view engine'] === 'string' || renders) ? ['views'] : [];
}

/**
 * Express looks up views in the `views` setting, `<cwd>/views` by default: a literal relative
 * setting, or the default when an app sets `view engine` and no `views`, names a folder
 * relative to the working directory (the package root on Lambda).
 */
function viewFolders(model: ServiceModel): AssetReference[] {
  const out: AssetReference[] = [];
  for (const app of model.apps) {
    if (app.framework !== 'express') continue;
    const views = app.settings.views;
    for (const folder of literalViewFolders(app, !!model.views?.renders.length)) {
      if (path.isAbsolute(folder)) continue;
      const rel = viewFolderPath(folder);
      const expression = views === undefined ? 'the default `views` folder (<cwd>/views)' : `app.set('views', ${JSON.stringify(views)})`;
      const ref: AssetReference = { loc: app.loc, expression, base: 'cwd' };
      if (rel.startsWith('..')) ref.problem = 'it is outside the service';
      else {
        ref.path = rel;
        const kind = model.views?.folders[rel];
        if (kind) ref.kind = kind;
      }
      out.push(ref);
    }
  }
  return out;
}
