import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyChangeSet } from '../../src/changes/writer';
import { migrate } from '../../src/migrate/migrate';
import type { ScheduleFunctionEntry } from '../../src/model/function-entry';

const REPO = path.resolve(__dirname, '../..');

describe('jobs an earlier run migrated', () => {
  it('keep their module and name when a new job with the same name appears', async () => {
    fs.mkdirSync(path.join(REPO, '.tmp'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, '.tmp', 'kept-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'kept', dependencies: { 'node-cron': '^4.0.0' } }));
      const jobs = path.join(dir, 'jobs.js');
      fs.writeFileSync(jobs, `const cron = require('node-cron');\nfunction nightly() {}\ncron.schedule('0 3 * * *', nightly, { timezone: 'UTC' });\nmodule.exports = { nightly };\n`);
      await applyChangeSet((await migrate({ root: dir })).changes, { force: true });
      const first = fs.readFileSync(path.join(dir, 'lambda/jobs/nightly.js'), 'utf8');

      // The first run removed the schedule and its now-unused require; a new job brings both back.
      fs.appendFileSync(jobs, `const cron = require('node-cron');\ncron.schedule('0 4 * * *', nightly, { timezone: 'UTC' });\n`);
      const second = await migrate({ root: dir });
      const entries = second.functions.filter((f): f is ScheduleFunctionEntry => f.kind === 'schedule');
      expect(entries.map((e) => [e.name, e.expressions])).toEqual(
        expect.arrayContaining([
          ['nightly', ['cron(0 3 * * ? *)']],
          ['nightly2', ['cron(0 4 * * ? *)']],
        ]),
      );
      expect(second.changes.get('lambda/jobs/nightly.js')).toMatchObject({ status: 'unchanged', after: first });
      expect(second.changes.get('lambda/jobs/nightly2.js')?.status).toBe('created');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
