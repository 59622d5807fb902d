/**
 * View engines named only by a template's extension (issue 13, item 3): Express `require`s the
 * engine of `res.render('team.pug')` when it first renders it, a require no bundler sees.
 * Three shapes: express-generator's (ejs `view engine`, views by `path.join(__dirname, 'views')`,
 * plus pug pages rendered by extension: the whole-app function), and an app with no `view
 * engine` at all (every view named `*.pug`, <cwd>/views, split functions) as ES modules and in
 * TypeScript (its generated modules type-checked with `tsc --strict`). Each is migrated
 * with --write, bundled as its serverless.yml says (esbuild with custom.esbuild and its plugins
 * file) into a folder standing for /var/task holding only the bundles and `package.patterns`,
 * and replayed against the original over HTTP: identical pages. The control removes the
 * generated pug registration and gets the 500 the issue describes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, fixtureRequests, packageAsServerlessYml, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { ensureRuntimeBuilt, linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';
import { replayHttp, serviceInfo, typecheck } from '../behaviour/harness/service';
import { startServer } from '../behaviour/harness/processes';

jest.setTimeout(300000);

afterAll(removeTempDirs);

interface Migrated {
  original: string;
  copy: string;
  task: string;
  result: RunResult;
  bundles: DeployedBundle[];
}

/** The fixture copied twice (original, migrated with --write), the migrated one packaged into `task`. */
async function migrateAndPackage(name: string): Promise<Migrated> {
  ensureRuntimeBuilt();
  const parent = makeTempDir(`lambdashift-${name}-`);
  const packages = Object.fromEntries(['express', 'ejs', 'pug', '@types'].map((p) => [p, path.join(REPO_ROOT, 'node_modules', p)]));
  const [original, copy, task] = ['original', 'migrated', 'var-task'].map((d) => path.join(parent, d)) as [string, string, string];
  for (const dir of [original, copy]) {
    fs.cpSync(path.join(__dirname, 'fixtures', name), dir, { recursive: true });
    linkNodeModules(dir, [], { ...packages, lambdashift: REPO_ROOT });
  }
  const result = await migrate({ root: copy });
  await applyChangeSet(result.changes, { force: true });
  return { original, copy, task, result, bundles: await packageAsServerlessYml(copy, task) };
}

const http = (result: RunResult): HttpFunctionEntry[] => result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');

const SHAPES = {
  'express-views-mixed': {
    engines: ["app.engine('.ejs', ejs.__express);", "app.engine('.pug', pug.__express);"],
    statuses: [200, 200, 200, 404, 404],
    pages: ['<title>Corner Bakery</title>', '<li><a href="/team/ada">Ada</a> (Baker)</li>', '<p>Grace is our barista.</p>', 'Nothing lives at /team/nobody.', 'Nothing lives at /no/such/page.'],
  },
  'express-pug-esm': {
    engines: ["app.engine('.pug', pug.__express);"],
    statuses: [200, 503, 404],
    pages: ['<tr><td>Porridge</td><td>4.50</td></tr>', '<h1>Closed for a private party</h1>', 'Nothing lives at /no/such/page.'],
  },
  // The same in TypeScript (pug ships no declarations): the generated modules compile under tsc --strict.
  'express-pug-ts': {
    engines: ["app.engine('.pug', pug.__express);"],
    statuses: [200, 503, 404],
    pages: ['<tr><td>Porridge</td><td>4.50</td></tr>', '<h1>Closed for a private party</h1>', 'Nothing lives at /no/such/page.'],
  },
};

describe.each(Object.entries(SHAPES))('%s bundled as serverless.yml says', (name, shape) => {
  let m: Migrated;

  beforeAll(async () => {
    m = await migrateAndPackage(name);
  });

  it('registers every engine the pages need in every function, with a static import, and packages the views', () => {
    for (const fn of m.result.functions) {
      const text = fs.readFileSync(path.join(m.copy, fn.module), 'utf8');
      for (const line of shape.engines) expect(text.split('\n').filter((l) => l === line)).toHaveLength(1);
    }
    expect(fs.readdirSync(path.join(m.task, 'views')).filter((f) => f.endsWith('.pug')).length).toBeGreaterThan(0);
    expect(m.result.diagnostics.filter((d) => d.severity === 'error' || d.code?.startsWith('iac/'))).toEqual([]);
    if (name.endsWith('-ts')) expect(typecheck(m.copy, ['src', 'lambda/http'])).toEqual({ status: 0, output: '' });
  });

  it('the original renders every page (so that equal answers mean rendered pages)', async () => {
    const info = serviceInfo(m.original);
    const server = await startServer(info.entry, info.child);
    try {
      const answers = await replayHttp(server, fixtureRequests(m.original));
      expect(answers.map((a) => a.status)).toEqual(shape.statuses);
      answers.forEach((a, i) => expect(a.body.toString('utf8')).toContain(shape.pages[i]));
    } finally {
      await server.stop();
    }
  });

  it('the bundles answer like the original: same status, headers and rendered page', async () => {
    expect(await bundleDifferences(m.original, m.task, http(m.result), m.bundles, fixtureRequests(m.original), ['v2'])).toEqual([]);
  });
});

describe('control: express-views-mixed without the generated pug registration', () => {
  it('the bundle cannot load pug: the pug pages answer 500, the ejs page still renders', async () => {
    const m = await migrateAndPackage('express-views-mixed');
    // Every function (split ones too: the computed `views` is carried) loses its pug registration.
    for (const fn of http(m.result)) {
      const module = path.join(m.copy, fn.module);
      const text = fs.readFileSync(module, 'utf8');
      const without = text.replace(/^const pug = require\('pug'\);\n/m, '').replace(/^app\.engine\('\.pug', pug\.__express\);\n/m, '');
      expect(without).not.toContain('pug.__express');
      expect(without).not.toContain("const pug");
      fs.writeFileSync(module, without);
    }
    const bundles = await packageAsServerlessYml(m.copy, path.join(m.task, '..', 'without-pug'));
    const requests = fixtureRequests(m.original).filter((r) => r.name !== 'not found page');
    const differences = await bundleDifferences(m.original, path.join(m.task, '..', 'without-pug'), http(m.result), bundles, requests, ['v2']);
    expect(differences.filter((d) => d.startsWith('v2 ejs home page'))).toEqual([]);
    expect(differences.join('\n')).toMatch(/v2 pug team page: status: expected 200, got 500/);
  });
});
