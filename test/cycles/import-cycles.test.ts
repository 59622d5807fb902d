/**
 * Import cycles (issue 13): `userService` imports `logger` from `server`, which imports the
 * routers, which import the controllers, which import `userService`. Each fixture (TypeScript
 * compiled to CommonJS; the same TypeScript as ES modules under node16, derived by `esmVariant`; JavaScript ES modules; JavaScript CommonJS, where the service destructures `logger` from `require('../server')` and the entry exports it before requiring the routers) is migrated with --write in a temp copy, every
 * function is bundled as the generated serverless.yml says (serverless-esbuild's settings, one
 * bundle per function, each with its own copy of the app as in Lambda), loaded with Lambda's
 * environment, and the fixture's requests.json is replayed against the original server over
 * HTTP and against the bundles with HTTP API (v2) and REST (v1) events: identical answers.
 * The same bundle without the cycle's entry import fails to load, which is what the generated
 * modules did before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { loadCheck } from '../../src/migrate/load-check';
import type { HttpFunctionEntry } from '../../src/model/function-entry';
import type { RunResult } from '../../src/model/run-result';
import { bundleDifferences, migrateAndBundle, esbuildOptionsFrom, fixtureRequests, type DeployedBundle } from '../behaviour/harness/deployed-bundles';
import { LambdaHost, makeTempDir, removeTempDirs } from '../behaviour/harness';
import { parse } from 'yaml';

jest.setTimeout(180000);

const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * The TypeScript fixture as an ES-module service (`"type": "module"`, node16 resolution,
 * `.js` specifiers for `.ts` files), written under a temp folder: the same service in the
 * other module system, so the two cannot drift apart.
 */
function esmVariant(name: string): string {
  const dir = path.join(makeTempDir('lambdashift-cycle-variant-'), `${name}-esm`);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const pkgFile = path.join(dir, 'package.json');
  fs.writeFileSync(pkgFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(pkgFile, 'utf8')), name: `${name}-esm`, type: 'module' }, null, 2));
  const tsconfig = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(tsconfig, fs.readFileSync(tsconfig, 'utf8').replace('"module": "commonjs"', '"module": "node16"').replace('"moduleResolution": "node"', '"moduleResolution": "node16"'));
  for (const file of fs.readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const abs = path.join(dir, 'src', file);
    fs.writeFileSync(abs, fs.readFileSync(abs, 'utf8').replace(/from '(\.[^']*)';/g, "from '$1.js';"));
  }
  return dir;
}

afterAll(removeTempDirs);

describe.each([
  ['express-cycle-ts', { cycle: ['src/server.ts', 'src/routes/users.routes.ts', 'src/controllers/users.controller.ts', 'src/services/users.service.ts'], outside: ['getHealth'], closes: [1, 1], get: 'getUsers' }],
  ['express-cycle-ts-esm', { cycle: ['src/server.ts', 'src/routes/users.routes.ts', 'src/controllers/users.controller.ts', 'src/services/users.service.ts'], outside: ['getHealth'], closes: [1, 1], get: 'getUsers' }],
  ['express-cycle-esm', { cycle: ['src/server.js', 'src/routes/users.routes.js', 'src/controllers/users.controller.js', 'src/services/users.service.js'], outside: [] as string[], closes: [1, 1], get: 'getUsers' }],
  // `const { logger } = require('../server')` closes the cycle on line 4, inside the declaration.
  ['express-cycle-cjs', { cycle: ['src/server.js', 'src/routes/user.js', 'src/controllers/user.js', 'src/services/user.js'], outside: ['getApiStatus'], closes: [4, 20], get: 'getApiUsers' }],
])('%s', (name, expected) => {
  let original: string;
  let copy: string;
  let result: RunResult;
  let bundles: DeployedBundle[];

  beforeAll(async () => {
    const dir = name.endsWith('-esm') && !fs.existsSync(path.join(FIXTURES, name)) ? esmVariant(name.slice(0, -'-esm'.length)) : path.join(FIXTURES, name);
    ({ original, copy, result, bundles } = await migrateAndBundle(dir, ['express']));
  });

  it('reports the cycle once, where it closes, naming it and the functions that load it', () => {
    const cycles = result.diagnostics.filter((d) => d.code === 'plan/import-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ severity: 'warning', file: expected.cycle[3], line: expected.closes[0], column: expected.closes[1] });
    expect(cycles[0]!.message).toContain(`import cycle ${[...expected.cycle, expected.cycle[0]].join(' → ')}`);
    const http = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    for (const fn of http) {
      if (expected.outside.includes(fn.name)) expect(fn.importCycles).toBeUndefined();
      else expect(fn.importCycles).toEqual([{ loadsFirst: expected.cycle[0], modules: expected.cycle }]);
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('generated modules import the module the entry enters the cycle at before anything else of the project', () => {
    const get = fs.readFileSync(path.join(copy, result.functions.find((f) => f.name === expected.get)!.module), 'utf8');
    const firstProjectImport = get.split('\n').find((l) => /^(import|require\(|const .* = require\().*'\.\.\//.test(l));
    expect(firstProjectImport).toMatch(/^(import '\.\.\/\.\.\/src\/server(\.js)?'|require\('\.\.\/\.\.\/src\/server\.js'\));$/);
  });

  it('every bundle loads as in Lambda (the load check) and answers like the original over HTTP', async () => {
    expect(await loadCheck(copy, bundles.map((b) => ({ name: b.name, module: b.module })))).toEqual([]);
    const functions = result.functions.filter((f): f is HttpFunctionEntry => f.kind === 'http');
    expect(await bundleDifferences(original, copy, functions, bundles, fixtureRequests(original))).toEqual([]);
  });

  it('without the cycle entry import the same bundle fails at load (what the modules did before)', async () => {
    const module = result.functions.find((f) => f.name === expected.get)!.module;
    const text = fs.readFileSync(path.join(copy, module), 'utf8');
    const without = path.join(copy, path.dirname(module), `withoutCycleEntry${path.extname(module)}`);
    fs.writeFileSync(without, text.replace(/^\/\/ Enter the import cycle.*\n^(import '.*'|require\('.*'\));\n/m, ''));
    const settings = (parse(fs.readFileSync(path.join(copy, 'serverless.yml'), 'utf8')) as { custom: { esbuild: Record<string, unknown> } }).custom.esbuild;
    const outfile = path.join(copy, '.esbuild', 'without', `${expected.get}${String(settings.outputFileExtension ?? '.js')}`);
    await build({ ...esbuildOptionsFrom(settings), entryPoints: [without], outfile, absWorkingDir: copy, logLevel: 'silent' });
    const probe = await LambdaHost.start({ cwd: copy });
    try {
      const loaded = await probe.load([{ key: 'without', file: outfile, exportName: 'handler', esm: outfile.endsWith('.mjs') }]);
      expect(loaded.errors.map((e) => e.message.split('\n')[0])).toEqual([expect.stringMatching(/TypeError|ReferenceError/)]);
    } finally {
      await probe.stop();
    }
  });
});
