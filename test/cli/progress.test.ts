/**
 * `migrate`'s progress line, through the CLI with injected streams: on a terminal every phase
 * (discover, scan, plan, emit, write, load check) is drawn in order with counts that never go
 * back, the line is cleared before anything else is printed, NO_COLOR drops the colour; piped
 * stderr gets no progress at all. No timing is asserted (redraws are throttled by time).
 */
import * as fs from 'node:fs';
import { writeProject } from '../helpers/tmp-project';
import { ANSI, runCli } from './capture';

const service = (): string =>
  writeProject(
    {
      'package.json': '{ "name": "svc", "version": "1.0.0", "main": "app.js", "dependencies": { "express": "^5.0.0" } }\n',
      'app.js':
        "const express = require('express');\nconst users = require('./users');\nconst app = express();\napp.use('/users', users);\napp.get('/health', (req, res) => res.send('ok'));\nif (require.main === module) app.listen(3000);\nmodule.exports = app;\n",
      'users.js': "const { Router } = require('express');\nconst router = Router();\nrouter.get('/', (req, res) => res.json([]));\nrouter.get('/:id', (req, res) => res.json({ id: req.params.id }));\nmodule.exports = router;\n",
    },
    'lambdashift-progress-',
  );

/** The progress frames written to stderr: each `\r`-drawn line, and `''` where the line was cleared. */
function frames(stderr: string): string[] {
  return [...stderr.matchAll(/\r([^\r\n]*?)\x1b\[K/g)].map((m) => m[1]!.replace(/\x1b\[\d+m/g, ''));
}

const PHASE_OF: Array<[RegExp, string]> = [
  [/^lambdashift: discovering files… \d+ found$/, 'discover'],
  [/^lambdashift: scanning \d+ files? \d+%$/, 'scan'],
  [/^lambdashift: planning…$/, 'plan'],
  [/^lambdashift: preparing changes to \d+ files? \d+%$/, 'emit'],
  [/^lambdashift: writing \d+ files? \d+%$/, 'write'],
  [/^lambdashift: load-checking…$/, 'check'],
];

describe('migrate progress', () => {
  let dir: string;
  beforeAll(() => {
    dir = service();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows every phase in order on a terminal, monotonic, uncoloured under NO_COLOR, cleared before the summary', async () => {
    const r = await runCli(['migrate', '.', '--write'], { cwd: dir, stderrTTY: true, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(ANSI);
    const drawn = frames(r.stderr).filter((f) => f !== '');
    const phases = drawn.map((f) => PHASE_OF.find(([re]) => re.test(f))?.[1] ?? `unexpected: ${f}`);
    // Each phase once or more, in pipeline order, none skipped.
    expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual(['discover', 'scan', 'plan', 'emit', 'write', 'check']);
    // Within a phase the number never decreases.
    for (const phase of ['discover', 'scan', 'emit', 'write']) {
      const counts = drawn.filter((_, i) => phases[i] === phase).map((f) => Number(/(\d+)(%| found)$/.exec(f)![1]));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
    expect(drawn.filter((f) => f.startsWith('lambdashift: scanning')).at(-1)).toMatch(/ 100%$/);
    expect(drawn.filter((f) => f.startsWith('lambdashift: writing')).at(-1)).toMatch(/ 100%$/);
    // A drawn frame is followed only by another frame or by the clearing of the line: printed
    // messages never run into a progress line.
    expect(r.stderr).not.toMatch(/(?<!\r)\x1b\[K([^\r]|$)/);
    expect(r.stderr).toMatch(/\r\x1b\[Klambdashift: wrote \d+ files/);
  }, 60_000);

  it('colours the label on a terminal without NO_COLOR, and draws nothing when stderr is piped', async () => {
    const tty = await runCli(['migrate', '.'], { cwd: dir, stderrTTY: true, env: {} });
    expect(frames(tty.stderr)[0]).toBe('lambdashift: discovering files… 1 found');
    expect(tty.stderr).toContain('\r\x1b[2mlambdashift:\x1b[22m');
    const piped = await runCli(['migrate', '.'], { cwd: dir, env: {} });
    expect(piped.stderr).not.toContain('\r');
    expect(piped.stderr).not.toMatch(/discovering|scanning|planning/);
  }, 60_000);
});
