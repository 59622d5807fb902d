/**
 * `verify` on a TypeScript service that imports through tsconfig `paths` aliases (`@/app`,
 * `@services/greeter`) and declares its entry only in scripts (`node -r tsconfig-paths/register
 * dist/server.js`, no `main`): the entry is found (src/server.ts), the original starts with its
 * aliases resolved, and every derived request (unmatched ones included) matches.
 * The same for an ES-module service (`"type": "module"`, NodeNext, `@/app.js` aliases and
 * `.js` specifiers naming `.ts` files, run by `tsx` in dev): and a control where the original
 * answers differently after the migration is reported as a mismatch, so the original really runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { findEntryPoint } from '../../src/migrate/entry-point';
import { migrate } from '../../src/migrate/migrate';
import { formatVerifyReport } from '../../src/verify/report';
import { verify, type VerifyReport } from '../../src/verify/verify';
import { ensureRuntimeBuilt, linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';

jest.setTimeout(180000);

afterAll(removeTempDirs);

/** A copy of the fixture, migrated and written (no errors), then verified. */
async function migrateAndVerify(fixture: string): Promise<{ root: string; report: VerifyReport }> {
  ensureRuntimeBuilt();
  const root = path.join(makeTempDir(`lambdashift-verify-${fixture}-`), fixture);
  fs.cpSync(path.join(__dirname, 'fixtures', fixture), root, { recursive: true });
  linkNodeModules(root, [], { express: path.join(REPO_ROOT, 'node_modules/express'), lambdashift: REPO_ROOT });
  expect(findEntryPoint(root)).toBe('src/server.ts');
  const result = await migrate({ root });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  await applyChangeSet(result.changes, { force: true });
  return { root, report: await verify({ root, api: 'http' }) };
}

it('starts a TS project with path aliases from its start script and verifies it', async () => {
  const { report } = await migrateAndVerify('alias-ts');
  expect(report.loadFailures).toEqual([]);
  expect(report.entry).toBe('src/server.ts');
  expect(report.results.map((r) => `${r.request.method} ${r.request.path} ${r.original.status}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/greetings\/\S+ 200$/)]));
  expect(formatVerifyReport(report)).toMatch(/0 mismatch/);
  expect(report.mismatches).toBe(0);
});

it('verifies an ESM TypeScript service whose imports go through paths aliases with .js specifiers', async () => {
  const { root, report } = await migrateAndVerify('alias-esm-ts');
  expect(report.loadFailures).toEqual([]);
  expect(report.results.map((r) => `${r.request.method} ${r.request.path} ${r.original.status}`)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^GET \/greetings\/\S+ 200$/), expect.stringMatching(/^POST \/greetings\/\S+\/shout 201$/), expect.stringMatching(/ 404$/)]),
  );
  expect(report.results.filter((r) => r.differences.length)).toEqual([]);

  // Control: the original now formats its JSON differently; every JSON answer must differ.
  const server = path.join(root, 'src/server.ts');
  fs.writeFileSync(server, fs.readFileSync(server, 'utf8').replace("import { app } from '@/app.js';\n", "import { app } from '@/app.js';\n\napp.set('json spaces', 2);\n"));
  const control = await verify({ root, api: 'http', loadCheck: false });
  expect(control.mismatches).toBe(control.results.length);
  expect(formatVerifyReport(control)).not.toMatch(/ 0 mismatch/);
});
