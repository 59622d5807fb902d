/**
 * A registering member of a scheduling library handed on as a value (aliased, passed, stored)
 * hides its jobs from the scan: each such place is a located warning, never a silent zero.
 * Direct calls, imports and destructuring bindings are not reported.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { migrate } from '../../src/migrate/migrate';

const SOURCE = [
  "const cron = require('node-cron');", // 1
  "const { CronJob } = require('cron');", // 2
  "const { scheduleJob } = require('node-schedule');", // 3
  'const every = cron.schedule;', // 4: aliased
  "every('*/5 * * * *', () => console.log('a'));", // 5
  "cron.schedule('0 * * * *', () => console.log('b'));", // 6: direct, migrated
  'const registry = { make: scheduleJob };', // 7: stored
  'function start(factory) { return factory; }', // 8
  'start(CronJob);', // 9: passed
  "new CronJob('0 0 * * *', () => console.log('c'));", // 10: direct, migrated
].join('\n');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unfollowed-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/index.js'), `${SOURCE}\n`);
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'jobs', version: '1.0.0', main: 'src/index.js', dependencies: { 'node-cron': '^4.0.0', cron: '^4.0.0', 'node-schedule': '^2.1.1' } }),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reports each registering member handed on as a value, at its place, and migrates the direct calls', async () => {
  const result = await migrate({ root: dir });
  const unfollowed = result.diagnostics.filter((d) => d.code === 'cron/unfollowed-reference').map((d) => `${d.file}:${d.line}:${d.column} ${d.message.replace(/;.*/, '')}`);
  expect(unfollowed).toEqual([
    'src/index.js:4:15 `cron.schedule` is handed on as a value (aliased)',
    'src/index.js:7:26 `scheduleJob` is handed on as a value (passed or stored)',
    'src/index.js:9:7 `CronJob` is handed on as a value (passed or stored)',
  ]);
  expect(result.functions.filter((f) => f.kind === 'schedule').map((f) => f.source.replace(/:\d+$/, '')).sort()).toEqual(['src/index.js:10', 'src/index.js:6']);
});
