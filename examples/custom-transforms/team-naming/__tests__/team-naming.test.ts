/**
 * Fixture tests of the team-naming transform (output/ and diagnostics.txt must match; a second
 * migration over the result must change nothing), and its naming and option rules.
 * Regenerate outputs with LAMBDASHIFT_UPDATE_FIXTURES=1 and review the diff.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defineMigrationTest, migrate, TransformHookError } from 'lambdashift';
import { teamName } from '../team-naming';

// TypeScript, Express routers mounted twice, inline handlers and node-cron jobs; health routes,
// the v1 mount and one job stay on the old service (diagnostics.txt lists them).
defineMigrationTest(__dirname, 'team-naming', { prefix: 'users', keep: ['GET /health/**', '/api/v1/**', 'JOB nightly*'] }, 'basic');
// CommonJS, one function per router, no prefix; `GET /health` is only half of the health
// router's function, so the function is migrated whole and a warning says why.
defineMigrationTest(__dirname, 'team-naming', { keep: ['GET /health'] }, 'router-granularity', { granularity: 'router' });

describe('teamName', () => {
  const http = (method: string, p: string) => ({ kind: 'http' as const, name: 'ignored', routes: [{ method, path: p, apiPaths: [], source: { file: 'a.ts', line: 1, column: 1 } }] });

  it.each([
    ['GET', '/api/users/:id', 'users', 'users-get-api-users-id'],
    ['POST', '/api/users/:userId/orders', 'users', 'users-post-api-users-user-id-orders'],
    ['GET', '/', 'users', 'users-get-root'],
    ['ALL', '/ping', '', 'all-ping'],
    ['GET', '/files/:name(\\d+)/*', 'fs', 'fs-get-files-name-any'],
    ['GET', '/api/v1/reportPDF', 'x', 'x-get-api-v1-report-pdf'],
  ])('%s %s with prefix %j → %s', (method, p, prefix, name) => {
    expect(teamName(http(method, p), prefix)).toBe(name);
  });

  it('names jobs and multi-route functions from lambdashift’s name', () => {
    expect(teamName({ kind: 'schedule', name: 'closeMonth', routes: [] }, 'ledger')).toBe('ledger-job-close-month');
    const router = { ...http('GET', '/health'), name: 'healthRouter' };
    expect(teamName({ ...router, routes: [...router.routes, ...router.routes] }, 'ops')).toBe('ops-health-router');
  });
});

describe('team-naming options', () => {
  const root = path.join(__dirname, '../__testfixtures__/team-naming/router-granularity/input');
  const transform = path.join(__dirname, '../team-naming.ts');

  it.each([
    [{ prefix: '1st' }, /option prefix must start with a letter/],
    [{ keep: 'GET /health' }, /option keep must be a list of patterns/],
    [{ keep: ['GET health'] }, /keep pattern "GET health": a route glob starts with \//],
    [{ keep: ['GET /a /b'] }, /keep pattern "GET \/a \/b" is not/],
  ])('stops the run on %j', async (options, message) => {
    const run = migrate({ root, transforms: [[transform, options]] });
    await expect(run).rejects.toThrow(TransformHookError);
    await expect(run).rejects.toThrow(message);
  });
});

describe('team-naming collisions', () => {
  it('numbers a function whose team name another one already has', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'team-naming-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"files","dependencies":{"express":"^4.21.0"}}\n');
    fs.writeFileSync(
      path.join(root, 'app.js'),
      "const express = require('express');\nconst app = express();\napp.get('/files/:id', (req, res) => res.send(req.params.id));\napp.get('/files/id', (req, res) => res.send('literal'));\nmodule.exports = app;\n",
    );
    const result = await migrate({ root, transforms: [[path.join(__dirname, '../team-naming.ts'), { prefix: 'docs' }]] });
    expect(result.functions.map((f) => `${f.name} ${f.kind === 'http' ? f.path : ''}`)).toEqual(['docs-get-files-id /files/:id', 'docs-get-files-id-2 /files/id', 'docs-all-any *']);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
