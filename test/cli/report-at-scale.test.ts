/**
 * The pull-request reports on real runs of `lambdashift migrate`: a 500-router Express service
 * (generated here, not committed) whose Markdown report fits one GitHub comment, and reports
 * that are byte-identical from one run to the next.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GITHUB_COMMENT_LIMIT } from '../../src/changes/printers/markdown-sections';
import { writeProject } from '../helpers/tmp-project';
import { runCli } from './capture';

/** An Express service (CommonJS) with `routers` route files of two routes each and two node-cron jobs. */
function expressService(routers: number): string {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'orders-api', version: '1.0.0', main: 'src/server.js', dependencies: { express: '^4.21.0', 'node-cron': '^4.0.0' } }, null, 2) + '\n',
    'src/server.js': "const app = require('./app');\nrequire('./jobs');\n\napp.listen(process.env.PORT || 3000);\n",
    'src/jobs.js': [
      "const cron = require('node-cron');",
      '',
      "cron.schedule('*/15 * * * *', () => {",
      "  console.log('retry failed payments');",
      '});',
      '',
      "cron.schedule('30 8 * * mon', () => {",
      "  console.log('weekly digest');",
      "}, { timezone: 'Europe/Berlin' });",
      '',
    ].join('\n'),
  };
  const mounts: string[] = [];
  for (let i = 0; i < routers; i++) {
    const name = `area${String(i).padStart(3, '0')}`;
    files[`src/routes/${name}.js`] = [
      "const express = require('express');",
      '',
      'const router = express.Router();',
      '',
      "router.get('/', (req, res) => {",
      `  res.json({ area: '${name}', items: [] });`,
      '});',
      '',
      "router.post('/:id/approve', (req, res) => {",
      '  res.status(202).json({ id: req.params.id, approved: true });',
      '});',
      '',
      'module.exports = router;',
      '',
    ].join('\n');
    mounts.push(`app.use('/api/${name}', require('./routes/${name}'));`);
  }
  files['src/app.js'] = ["const express = require('express');", '', 'const app = express();', 'app.use(express.json());', ...mounts, '', 'module.exports = app;', ''].join('\n');
  return writeProject(files, 'lambdashift-report-scale-');
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

it('fits the Markdown report of a 500-router service in one comment, and attaches the whole report', async () => {
  const dir = expressService(500);
  dirs.push(dir);
  const r = await runCli(['migrate', '.', '--format', 'markdown', '--full-report', 'report.md'], { cwd: dir });
  // 1,000 routes, 2 jobs and the whole-app fallback.
  expect(r.stderr).toMatch(/1003 functions/);
  expect(r.code).toBe(0);
  const comment = r.stdout;
  expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  // Created: 1003 modules (the fallback included), serverless.yml and .gitattributes; modified: 500 routers, app, server, jobs.
  expect(comment).toMatch(/\n\| 1005 \| 503 \| 0 \| \d+ \| 0 \| 1003 \| 0 \| \d+ \| 1 \|\n/);
  // Every section is there; the long ones are folded and cut with a count, then a note.
  expect(comment).toMatch(/### Diagnostics \(\d+\)\n\n(- \*\*warning\*\* .*\n)*- \*\*info\*\* `src\/jobs\.js:3:1`: node-cron job `\*\/15 \* \* \* \*` has no timezone option/);
  expect(comment).toMatch(/- \*\*warning\*\* `serverless\.yml:1:1`: 1003 functions make about \d+ CloudFormation resources, over the 500-resource limit of one stack; use --granularity router/);
  expect(comment).toContain('### Functions (1003)\n\n<details><summary>1003 functions</summary>');
  expect(comment).toContain('### Files\n\n<details><summary>1508 files</summary>');
  expect(comment).toMatch(/_\d+ more rows of 1003 left out to fit the size limit\._/);
  expect(comment).toMatch(/> \*\*Report truncated\*\* to 65,536 characters \(`--max-size`\): \d+ of \d+ rows left out\. The full report is in `report\.md`\.\n$/);
  // Folded: functions, routes (the coverage table) and files.
  expect(comment.match(/<details>/g)).toHaveLength(3);
  expect(comment.match(/<\/details>/g)).toHaveLength(3);

  const full = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
  expect(full).not.toContain('truncated');
  expect(full).toContain('| `postApiArea499ByIdApprove` | http | `POST /api/area499/:id/approve` |');
  expect(full).toContain('- `src/routes/area499.js`: modified');
}, 300_000);

it('prints byte-identical JSON and Markdown reports on two runs', async () => {
  const dir = expressService(12);
  dirs.push(dir);
  const reports = [];
  for (let run = 0; run < 2; run++) {
    const json = await runCli(['migrate', '.', '--format', 'json'], { cwd: dir });
    const markdown = await runCli(['migrate', '.', '--format', 'markdown'], { cwd: dir });
    reports.push({ json: json.stdout, markdown: markdown.stdout });
  }
  expect(reports[0].json).toContain('"functions": 27');
  expect(reports[0].markdown).toContain('### Functions (27)');
  expect(reports[1].json).toBe(reports[0].json);
  expect(reports[1].markdown).toBe(reports[0].markdown);
}, 120_000);
