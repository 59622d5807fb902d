/**
 * What "kept on the old service" means for the source and the IaC: a kept route's inline
 * handler is not extracted, a kept job's in-process schedule is not removed, and the
 * serverless.yml deploys only the migrated functions, under their new names. Each check is
 * paired with the same migration without the transform, which does touch those places.
 */
import * as path from 'node:path';
import { parse } from 'yaml';
import { migrate, type RunResult } from 'lambdashift';

const root = path.join(__dirname, '../__testfixtures__/team-naming/basic/input');
const transform = path.join(__dirname, '../team-naming.ts');
const options = { prefix: 'users', keep: ['GET /health/**', '/api/v1/**', 'JOB nightly*'] };

interface ServerlessFunction {
  handler: string;
  events: Array<{ httpApi?: { method: string; path: string } | '*'; schedule?: unknown }>;
}

let plain: RunResult;
let named: RunResult;

beforeAll(async () => {
  [plain, named] = await Promise.all([migrate({ root }), migrate({ root, transforms: [[transform, options]] })]);
});

/** The file's text after the migration, or null when the migration leaves it alone. */
function after(result: RunResult, file: string): string | null {
  const change = result.changes.get(file);
  return change && change.status !== 'unchanged' ? change.after : null;
}

it('runs clean: no failed file, no warning or error', () => {
  for (const result of [plain, named]) {
    expect(result.changes.entries().filter((c) => c.status === 'failed')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  }
});

it('leaves the inline handlers of kept routes inline', () => {
  // Without the transform, the health routes' inline handlers become named exports.
  expect(after(plain, 'src/health.ts')).toContain('export const getRootHandler');
  expect(after(named, 'src/health.ts')).toBeNull();
  // A migrated route in another file is still extracted.
  expect(after(named, 'src/app.ts')).toContain("export const getApiMeHandler: express.RequestHandler = (_req, res) => {\n  res.json({ id: 'me' });\n};\napp.get('/api/me', getApiMeHandler);");
});

it('keeps the in-process schedule of a kept job and removes the migrated one', () => {
  expect(after(plain, 'src/jobs.ts')).not.toContain("cron.schedule('0 2 * * *', nightlyReport);");
  const jobs = after(named, 'src/jobs.ts')!;
  expect(jobs).toContain("cron.schedule('0 2 * * *', nightlyReport);");
  expect(jobs).not.toContain("cron.schedule('*/30 * * * *', purgeSessions);");
  expect(jobs).toContain('// lambdashift: this job now runs as the Lambda function lambda/jobs/users-job-purge-sessions.ts');
});

it('deploys only the migrated functions, under the new names', () => {
  const yml = parse(after(named, 'serverless.yml')!) as { functions: Record<string, ServerlessFunction> };
  // Kept routes are answered by the whole-app fallback (`httpApi: '*'`), named by the team rule too.
  expect(Object.keys(yml.functions).sort()).toEqual(['users-all-any', 'users-get-api-me', 'users-get-api-users', 'users-get-api-users-id', 'users-job-purge-sessions']);
  expect(yml.functions['users-all-any']!.events).toEqual(['*'].map((httpApi) => ({ httpApi })));
  for (const [name, fn] of Object.entries(yml.functions)) {
    expect(fn.handler).toMatch(new RegExp(`^lambda/(http|jobs)/${name}\\.handler$`));
  }
  const paths = Object.values(yml.functions).flatMap((fn) => fn.events.flatMap((e) => (e.httpApi && typeof e.httpApi === 'object' ? [e.httpApi.path] : [])));
  expect(paths.filter((p) => p.startsWith('/health') || p.startsWith('/api/v1'))).toEqual([]);
  // Only the two scheduled jobs existed; the kept one has no schedule event.
  expect(Object.values(yml.functions).filter((fn) => fn.events.some((e) => e.schedule))).toHaveLength(1);

  // The run's function list and modules agree.
  expect([...new Set(named.functions.map((f) => f.name))].sort()).toEqual(Object.keys(yml.functions).sort());
  expect(named.changes.pending().map((c) => c.path).filter((p) => p.startsWith('lambda/')).sort()).toEqual([
    'lambda/http/users-all-any.ts',
    'lambda/http/users-get-api-me.ts',
    'lambda/http/users-get-api-users-id.ts',
    'lambda/http/users-get-api-users.ts',
    'lambda/jobs/users-job-purge-sessions.ts',
    // The fixture's tsconfig takes only src/: the generated modules get their own.
    'lambda/tsconfig.json',
  ]);
});
