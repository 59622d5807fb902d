/**
 * Monorepos: `migrate services/*` gives one diff and one report for every service, with paths
 * from the current directory, and `--git-root` makes a single service's patch apply from the
 * repository root.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeProject } from '../helpers/tmp-project';
import { runCli } from './capture';

const service = (name: string, route: string): Record<string, string> => ({
  [`services/${name}/package.json`]: JSON.stringify({ name, version: '1.0.0', main: 'app.js', dependencies: { express: '^4.21.0' } }) + '\n',
  [`services/${name}/app.js`]: [
    "const express = require('express');",
    '',
    'const app = express();',
    `app.get('${route}', (req, res) => res.json({ service: '${name}' }));`,
    '',
    'if (require.main === module) app.listen(3000);',
    '',
    'module.exports = app;',
    '',
  ].join('\n'),
});

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let repo: string;
beforeAll(() => {
  repo = writeProject({ ...service('orders', '/orders'), ...service('users', '/users/:id'), 'README.md': '# shop\n' }, 'lambdashift-monorepo-');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it('migrates several services in one run: one diff from the current directory, one report', async () => {
  const diff = await runCli(['migrate', 'services/orders', 'services/users', '--patch', 'all.patch'], { cwd: repo });
  expect(diff.code).toBe(0);
  const files = [...diff.stdout.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
  // Review order across services: source rewrites, then config, then generated modules.
  expect(files.slice(0, 2)).toEqual(['services/orders/app.js', 'services/users/app.js']);
  expect(files).toContain('services/users/lambda/http/getUsersById.js');
  expect(files.indexOf('services/orders/serverless.yml')).toBeLessThan(files.indexOf('services/orders/lambda/http/getOrders.js'));
  git(repo, 'apply', '--check', 'all.patch');

  const report = await runCli(['migrate', 'services/orders', 'services/users', '--format', 'json'], { cwd: repo });
  const json = JSON.parse(report.stdout) as { functions: Array<{ name: string; module: string; source: string }>; summary: { functions: number } };
  // One route function and one whole-app fallback per service.
  expect(json.summary.functions).toBe(4);
  expect(json.functions.map((f) => f.module)).toEqual([
    'services/orders/lambda/http/appFallback.js',
    'services/orders/lambda/http/getOrders.js',
    'services/users/lambda/http/appFallback.js',
    'services/users/lambda/http/getUsersById.js',
  ]);
  expect(json.functions.every((f) => /^services\/(orders|users)\/app\.js:\d+:\d+$/.test(f.source))).toBe(true);
  // Coverage of both services in the one report, located from the current directory.
  const routes = (JSON.parse(report.stdout) as { routes?: Array<{ method: string; path: string; source: string; servedBy: string | null }> }).routes;
  expect(routes?.map((r) => `${r.method} ${r.path} ${r.source.replace(/:\d+:\d+$/, '')} ${r.servedBy}`)).toEqual([
    'GET /orders services/orders/app.js getOrders',
    'GET /users/:id services/users/app.js getUsersById',
  ]);
}, 120_000);

it('with --git-root, the patch of one service applies from the repository root', async () => {
  const cwd = path.join(repo, 'services/users');
  const r = await runCli(['migrate', '.', '--git-root', '--patch', path.join(repo, 'users.patch')], { cwd });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('diff --git a/services/users/app.js b/services/users/app.js');
  git(repo, 'apply', '--check', 'users.patch');

  // Without it, paths stay relative to the service, as before.
  const plain = await runCli(['migrate', '.'], { cwd });
  expect(plain.stdout).toContain('diff --git a/app.js b/app.js');
}, 120_000);

it('refuses a service outside the current directory or the repository', async () => {
  const outside = await runCli(['migrate', '.', '--git-root'], { cwd: path.dirname(repo) });
  expect(outside.code).toBe(2);
  expect(outside.stderr).toMatch(/^lambdashift: --git-root: .* is not inside a git repository\n/);
});
