/**
 * Which view engines a generated Express module registers (`plan/view-engine.ts`, facts from
 * `scan/views.ts`): the `view engine` setting's and those of literal rendered names, once each,
 * not one the app registers itself, not a package that is not a dependency or does not export
 * `__express`; and a located warning for a render whose engine cannot be known before run time.
 */
import { loadServiceModel } from '../../src/scan/scan-service';
import { unknownEngineRenders, viewEnginesFor } from '../../src/plan/view-engine';
import { writeProject } from '../helpers/tmp-project';

const engine = (name: string, entry: string, typed = false): Record<string, string> => ({
  [`node_modules/${name}/package.json`]: JSON.stringify({ name, main: 'lib/index.js', ...(typed ? { types: 'index.d.ts' } : {}) }),
  [`node_modules/${name}/lib/index.js`]: entry,
});

async function modelOf(app: string[], pages: string[], deps: Record<string, string>) {
  const root = writeProject({
    'package.json': JSON.stringify({ name: 'views', main: 'app.js', dependencies: { express: '^5.1.0', ...deps } }),
    'app.js': ["const express = require('express');", "const pages = require('./pages');", 'const app = express();', ...app, "app.use('/', pages);", 'module.exports = app;'].join('\n'),
    'pages.js': ["const router = require('express').Router();", ...pages, 'module.exports = router;'].join('\n'),
    ...engine('pug', 'exports.__express = function (path, options, fn) {};'),
    ...engine('eta', 'module.exports = { renderFile() {}, __express: renderFile };', true),
    // Installed, but no Express entry: Express itself fails on it (and app.engine would throw at load).
    ...engine('handlebars', 'module.exports = { compile() {} };'),
  });
  return loadServiceModel(root, { entries: ['app.js'] });
}

describe('view engines of generated Express modules', () => {
  it('registers the setting’s engine and every literal rendered extension that names an Express engine, once each', async () => {
    const model = await modelOf(
      ["app.set('view engine', 'pug');"],
      [
        "router.get('/', (req, res) => res.render('index'));",
        "router.get('/team', (req, res) => res.render('team.pug'));",
        "router.get('/mail', (request, reply) => reply.render('mail.eta', { to: request.query.to }));",
        "router.get('/legacy', (req, res) => res.render('legacy.hbs'));",
        "router.get('/card', (req, res) => res.render('card.handlebars'));",
        // Not Express renders: a template library's own render, React.
        "const nunjucks = { render() {} }; nunjucks.render('x.njk');",
      ],
      { pug: '^3.0.4', eta: '^3.5.0', handlebars: '^4.7.8' },
    );
    expect(model.views?.renders.map((r) => [r.loc.line, r.extension])).toEqual([
      [2, ''],
      [3, '.pug'],
      [4, '.eta'],
      [5, '.hbs'],
      [6, '.handlebars'],
    ]);
    expect(model.views?.engines).toEqual({ eta: { typed: true, expressEngine: true }, handlebars: { typed: false, expressEngine: false }, pug: { typed: false, expressEngine: true } });
    const app = model.apps[0]!;
    expect(viewEnginesFor('pug', app, model)).toEqual([
      { extension: '.pug', package: 'pug', typed: false },
      { extension: '.eta', package: 'eta', typed: true },
    ]);
    // handlebars exports no __express: nothing registered, said where it is rendered.
    expect(unknownEngineRenders(model).map((d) => [`${d.file}:${d.line}:${d.column}`, d.severity, d.code])).toEqual([['pages.js:6:35', 'info', 'iac/view-engine-unregistered']]);
  });

  it('leaves out what the app registers with app.engine', async () => {
    const model = await modelOf(["app.engine('pug', require('pug').__express);"], ["router.get('/', (req, res) => res.render('index.pug'));"], { pug: '^3.0.4' });
    expect(viewEnginesFor(undefined, model.apps[0], model)).toEqual([]);
  });

  it('warns, located, where a computed view name meets no `view engine`', async () => {
    const model = await modelOf(
      [],
      ["router.get('/pages/:page', (req, res) => res.render(req.params.page));", "router.get('/:page', (req, res) => res.render(`${req.params.page}.pug`));"],
      { pug: '^3.0.4' },
    );
    expect(viewEnginesFor(undefined, model.apps[0], model)).toEqual([{ extension: '.pug', package: 'pug', typed: false }]);
    expect(unknownEngineRenders(model).map((d) => [`${d.file}:${d.line}:${d.column}`, d.severity, d.code, d.message])).toEqual([
      [
        'pages.js:2:42',
        'warning',
        'iac/view-engine-unknown',
        "`res.render(req.params.page)` names its view at run time and no app sets `view engine`: Express will require() the engine the name's extension names, which the bundled function does not hold (Cannot find module); set `view engine`, or register the engine with `app.engine('.ext', require('ext').__express)`",
      ],
    ]);
  });
});
