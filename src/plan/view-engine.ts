/**
 * Express loads a view engine lazily, `require(ext)` inside express/lib/view.js when a view
 * with that extension is first rendered: the `view engine` setting's, or the extension of a
 * rendered name (`res.render('about.pug')`). A bundler cannot see that require, so the bundle
 * has no engine and every such page answers 500 ("Cannot find module 'pug'"). Generated
 * modules register the engines Express would have loaded, `app.engine('.pug', pug.__express)`,
 * with a static import the bundler follows. Pure: the scan read the packages (`scan/views.ts`).
 *
 * Before: `app.set('view engine', 'ejs')`, `res.render('about.pug')` (ejs and pug dependencies, no `app.engine`)
 * After:  `[{ extension: '.ejs', package: 'ejs' }, { extension: '.pug', package: 'pug' }]`
 *         → `app.engine('.ejs', ejs.__express); app.engine('.pug', pug.__express);`
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { AppModel, ServiceModel } from '../model/service-model';

export interface ViewEngine {
  /** `.ejs` */
  extension: string;
  /** The package Express would require: the extension without its dot. */
  package: string;
  /** Whether TypeScript finds declarations for it (its own, or `@types/<name>`). */
  typed: boolean;
}

/**
 * The engines to register on `app`'s generated app whose `view engine` is `setting`: that one,
 * then those of literal rendered names anywhere in the service (in extension order). Left out:
 * what the app registers itself with `app.engine` (Express uses that), packages that are not
 * dependencies or, installed, do not export `__express` (the original fails the same way).
 */
export function viewEnginesFor(setting: unknown, app: AppModel | undefined, model: ServiceModel): ViewEngine[] {
  const extensions = new Set<string>();
  if (typeof setting === 'string' && setting) extensions.add(setting.startsWith('.') ? setting : `.${setting}`);
  for (const ext of [...new Set((model.views?.renders ?? []).map((r) => r.extension))].sort()) if (ext) extensions.add(ext);
  const out: ViewEngine[] = [];
  for (const extension of extensions) {
    if (app?.engines?.some((e) => e === extension || e === '*')) continue;
    const pkg = extension.slice(1);
    const facts = model.views?.engines[pkg];
    if (!facts || facts.expressEngine === false) continue;
    out.push({ extension, package: pkg, typed: facts.typed });
  }
  return out;
}

/**
 * A located warning for each render whose engine cannot be known before run time: its name is
 * computed and no Express app sets `view engine` or registers an engine. Express then takes the
 * engine from the name's extension and `require`s it, which the bundle does not hold. Also an
 * info where an engine package exports no `__express` (nothing is registered for it).
 */
export function unknownEngineRenders(model: ServiceModel): Diagnostic[] {
  const express = model.apps.filter((a) => a.framework === 'express');
  const known = express.some((a) => typeof a.settings['view engine'] === 'string' || a.conditionalSettings?.some((s) => s.name === 'view engine') || a.engines?.length);
  return [...(known ? [] : computedNames(model)), ...enginesWithoutEntry(model, express)];
}

/**
 * An info at the first render of an extension whose package is installed without `__express`
 * (handlebars, not hbs), unless an app registers that extension: nothing is registered for it;
 * the original fails the same way (Express: "does not provide a view engine").
 */
function enginesWithoutEntry(model: ServiceModel, express: AppModel[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [pkg, facts] of Object.entries(model.views?.engines ?? {})) {
    const extension = `.${pkg}`;
    if (facts.expressEngine !== false || express.some((a) => a.engines?.some((e) => e === extension || e === '*'))) continue;
    const render = model.views?.renders.find((r) => r.extension === extension);
    const app = express.find((a) => a.settings['view engine'] === pkg || a.settings['view engine'] === extension);
    const loc = render?.loc ?? app?.loc;
    if (loc) out.push(diagnostic('info', loc, `${pkg} (installed) exports no \`__express\`, so no engine is registered for ${extension} views; Express fails on them the same way ("does not provide a view engine"): register one with \`app.engine('${extension}', ...)\``, 'iac/view-engine-unregistered'));
  }
  return out;
}

function computedNames(model: ServiceModel): Diagnostic[] {
  return (model.views?.renders ?? [])
    .filter((r) => r.extension === undefined)
    .map((r) =>
      diagnostic(
        'warning',
        r.loc,
        `\`${r.expression}\` names its view at run time and no app sets \`view engine\`: Express will require() the engine the name's extension names, which the bundled function does not hold (Cannot find module); set \`view engine\`, or register the engine with \`app.engine('.ext', require('ext').__express)\``,
        'iac/view-engine-unknown',
      ),
    );
}
