/**
 * `verify` on a TypeScript service that imports through tsconfig `paths` aliases (`@/app`,
 * `@services/greeter`) and declares its entry only in scripts (`node -r tsconfig-paths/register
 * dist/server.js`, no `main`): the entry is found (src/server.ts), the original starts with its
 * aliases resolved, and every derived request (unmatched ones included) matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { findEntryPoint } from '../../src/migrate/entry-point';
import { migrate } from '../../src/migrate/migrate';
import { formatVerifyReport } from '../../src/verify/report';
import { verify } from '../../src/verify/verify';
import { ensureRuntimeBuilt, linkNodeModules, makeTempDir, removeTempDirs, REPO_ROOT } from '../behaviour/harness';

jest.setTimeout(180000);

afterAll(removeTempDirs);

it('starts a TS project with path aliases from its start script and verifies it', async () => {
  ensureRuntimeBuilt();
  const root = path.join(makeTempDir('lambdashift-verify-alias-'), 'alias-ts');
  fs.cpSync(path.join(__dirname, 'fixtures', 'alias-ts'), root, { recursive: true });
  linkNodeModules(root, [], { express: path.join(REPO_ROOT, 'node_modules/express'), lambdashift: REPO_ROOT });
  expect(findEntryPoint(root)).toBe('src/server.ts');
  const result = await migrate({ root });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  await applyChangeSet(result.changes, { force: true });
  const report = await verify({ root, api: 'http' });
  expect(report.loadFailures).toEqual([]);
  expect(report.entry).toBe('src/server.ts');
  expect(report.results.map((r) => `${r.request.method} ${r.request.path} ${r.original.status}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/greetings\/\S+ 200$/)]));
  expect(formatVerifyReport(report)).toMatch(/0 mismatch/);
  expect(report.mismatches).toBe(0);
});
